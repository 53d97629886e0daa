import XCTest

@testable import LanternEngine

final class KernelSVMTests: XCTestCase {
    private func parameters(for reference: Fixture.KernelCase) -> KernelSVM.Parameters {
        var parameters = KernelSVM.Parameters(kernel: .rbf(gamma: reference.gamma), tolerance: 1e-5)
        parameters.positiveCost = reference.positiveCost
        parameters.negativeCost = reference.negativeCost
        return parameters
    }

    func testMatchesLIBSVM() throws {
        let dataset = try Fixture.load(Fixture.KernelFile.self, named: "kernel_svm.json").dataset
        let samples = dataset.trainX.map(SparseVector.init(dense:))
        let labels = dataset.trainY.map { $0 == 1 }
        for reference in dataset.cases {
            let label = "gamma \(reference.gamma) C+ \(reference.positiveCost)"
            let model = try KernelSVM(samples: samples, labels: labels, parameters: parameters(for: reference))
            XCTAssertTrue(model.lastReport.converged, label)
            XCTAssertLessThan(relativeDifference(model.dualObjective, reference.dualObjective), 1e-3, label)
            XCTAssertEqual(model.intercept, reference.intercept, accuracy: 1e-2, label)
            XCTAssertEqual(model.supportVectorCount, reference.supportVectorCount, label)

            let decisions = dataset.testX.map { model.decisionValue(SparseVector(dense: $0)) }
            XCTAssertGreaterThanOrEqual(signAgreement(decisions, reference.testDecisionValues), 0.99, label)
            for (ours, theirs) in zip(decisions, reference.testDecisionValues) {
                XCTAssertEqual(ours, theirs, accuracy: 1e-2 * max(1, abs(theirs)), label)
            }
        }
    }

    func testDefaultToleranceIsNearOptimal() throws {
        let dataset = try Fixture.load(Fixture.KernelFile.self, named: "kernel_svm.json").dataset
        let reference = dataset.cases[0]
        var parameters = parameters(for: reference)
        parameters.tolerance = 1e-3
        let model = try KernelSVM(
            samples: dataset.trainX.map(SparseVector.init(dense:)), labels: dataset.trainY.map { $0 == 1 },
            parameters: parameters)
        XCTAssertLessThan(relativeDifference(model.dualObjective, reference.dualObjective), 1e-3)
    }

    func testTinyCacheGivesSameModel() throws {
        let data = gaussianClasses(count: 300, dimension: 5, shift: 0.8, positiveShare: 0.4, seed: 2)
        var parameters = KernelSVM.Parameters(kernel: .rbf(gamma: 0.2))
        let roomy = try KernelSVM(samples: data.samples, labels: data.labels, parameters: parameters)
        // Room for about three rows of 300 entries, so nearly every request is a miss.
        parameters.cacheBytes = 3 * 300 * 8
        let cramped = try KernelSVM(samples: data.samples, labels: data.labels, parameters: parameters)
        XCTAssertEqual(roomy.lastReport.iterations, cramped.lastReport.iterations)
        XCTAssertEqual(roomy.dualObjective, cramped.dualObjective, accuracy: 1e-12)
        XCTAssertEqual(roomy.intercept, cramped.intercept, accuracy: 1e-12)
    }

    func testWarmStartMatchesRetrain() throws {
        let data = gaussianClasses(count: 1000, dimension: 10, shift: 0.5, positiveShare: 0.3, seed: 4)
        let parameters = KernelSVM.Parameters(kernel: .rbf(gamma: 0.1), tolerance: 1e-4)
        var model = try KernelSVM(
            samples: Array(data.samples[..<950]), labels: Array(data.labels[..<950]), parameters: parameters)
        let warm = try model.add(samples: Array(data.samples[950...]), labels: Array(data.labels[950...]))
        let cold = try KernelSVM(samples: data.samples, labels: data.labels, parameters: parameters)

        XCTAssertTrue(warm.converged)
        XCTAssertLessThan(relativeDifference(model.dualObjective, cold.dualObjective), 1e-3)
        XCTAssertLessThan(warm.iterations, cold.lastReport.iterations)
        print(
            "KernelSVM 950+50 of 1000×10: warm \(warm.iterations) steps, cold \(cold.lastReport.iterations) steps, "
                + "objective difference \(relativeDifference(model.dualObjective, cold.dualObjective))")
    }

    func testRemoveRestoresPreviousObjective() throws {
        let data = gaussianClasses(count: 500, dimension: 6, shift: 0.7, positiveShare: 0.4, seed: 8)
        let parameters = KernelSVM.Parameters(kernel: .rbf(gamma: 0.3), tolerance: 1e-4)
        var model = try KernelSVM(
            samples: Array(data.samples[..<450]), labels: Array(data.labels[..<450]), parameters: parameters)
        let before = model.dualObjective
        try model.add(samples: Array(data.samples[450...]), labels: Array(data.labels[450...]))
        XCTAssertGreaterThan(model.dualObjective, before)

        let report = model.remove(at: Array(450..<500))
        XCTAssertTrue(report.converged)
        XCTAssertEqual(model.sampleCount, 450)
        XCTAssertLessThan(relativeDifference(model.dualObjective, before), 1e-3)
        XCTAssertEqual(signedDualSum(model), 0, accuracy: 1e-9)
    }

    func testRelabelTwiceRestoresObjective() throws {
        let data = gaussianClasses(count: 300, dimension: 4, shift: 1, positiveShare: 0.5, seed: 6)
        var model = try KernelSVM(
            samples: data.samples, labels: data.labels,
            parameters: KernelSVM.Parameters(kernel: .rbf(gamma: 0.5), tolerance: 1e-5))
        let before = model.dualObjective
        // A support vector, so the relabel moves the solution.
        let index = try XCTUnwrap(model.dualCoefficients.firstIndex { $0 > 0 })

        model.relabel(at: index, to: !data.labels[index])
        XCTAssertEqual(signedDualSum(model), 0, accuracy: 1e-9)
        XCTAssertNotEqual(model.dualObjective, before)
        model.relabel(at: index, to: data.labels[index])
        XCTAssertLessThan(relativeDifference(model.dualObjective, before), 1e-3)
    }

    func testGradientStaysExactAfterUpdates() throws {
        let data = gaussianClasses(count: 200, dimension: 3, shift: 1, positiveShare: 0.5, seed: 10)
        var model = try KernelSVM(
            samples: Array(data.samples[..<150]), labels: Array(data.labels[..<150]),
            parameters: KernelSVM.Parameters(kernel: .rbf(gamma: 1)))
        try model.add(samples: Array(data.samples[150...]), labels: Array(data.labels[150...]))
        model.removeOldest(20)
        let kept = model.gradient
        model.recomputeGradient()
        for (ours, exact) in zip(kept, model.gradient) {
            XCTAssertEqual(ours, exact, accuracy: 1e-9)
        }
    }

    func testLinearKernelSeparatesLine() throws {
        // Points left of x = 0.5 are negative; a linear kernel must find that boundary.
        let samples = (0..<40).map { SparseVector(dense: [Double($0) / 40, Double($0 % 7)]) }
        let labels = (0..<40).map { Double($0) / 40 > 0.5 }
        let model = try KernelSVM(
            samples: samples, labels: labels, parameters: KernelSVM.Parameters(kernel: .linear, cost: 100))
        XCTAssertTrue(model.lastReport.converged)
        for (sample, label) in zip(samples, labels) {
            XCTAssertEqual(model.predict(sample), label)
        }
    }

    func testOneClassOnlyTrainsConstant() throws {
        let samples = (0..<5).map { SparseVector(dense: [Double($0)]) }
        let model = try KernelSVM(
            samples: samples, labels: Array(repeating: true, count: 5),
            parameters: KernelSVM.Parameters(kernel: .rbf(gamma: 1)))
        XCTAssertTrue(model.lastReport.converged)
        XCTAssertEqual(model.supportVectorCount, 0)
        XCTAssertTrue(model.decisionValue(SparseVector(dense: [2])).isFinite)
    }

    func testEmptyModelDecidesZero() {
        let model = KernelSVM(parameters: KernelSVM.Parameters(kernel: .rbf(gamma: 1)))
        XCTAssertEqual(model.decisionValue(SparseVector(dense: [1, 2])), 0)
        XCTAssertEqual(model.dualObjective, 0)
    }

    func testKernelValues() {
        let x = SparseVector(dense: [1, 0, 2])
        let z = SparseVector(dense: [0, 1, 2])
        XCTAssertEqual(Kernel.linear(x, z), 4)
        // ‖x − z‖² = 2, so exp(−0.5 · 2) = e^−1.
        XCTAssertEqual(Kernel.rbf(gamma: 0.5)(x, z), 0.367_879_441_171_442_33, accuracy: 1e-15)
        XCTAssertEqual(Kernel.rbf(gamma: 0.5)(x, x), 1)
    }

    private func signedDualSum(_ model: KernelSVM) -> Double {
        zip(model.dualCoefficients, model.labels).reduce(0) { $0 + ($1.1 ? $1.0 : -$1.0) }
    }
}
