import XCTest

@testable import LanternEngine

final class LinearSVMTests: XCTestCase {
    private func parameters(for reference: Fixture.LinearCase) -> LinearSVM.Parameters {
        var parameters = LinearSVM.Parameters(
            loss: reference.loss == "hinge" ? .hinge : .squaredHinge, tolerance: 1e-5, maxIterations: 100_000)
        parameters.positiveCost = reference.positiveCost
        parameters.negativeCost = reference.negativeCost
        return parameters
    }

    func testObjectiveMatchesLIBLINEAR() throws {
        let file = try Fixture.load(Fixture.LinearFile.self, named: "linear_svm.json")
        for dataset in file.datasets {
            let samples = dataset.trainX.map(SparseVector.init(dense:))
            let labels = dataset.trainY.map { $0 == 1 }
            for reference in dataset.cases {
                let label = "\(dataset.name) \(reference.loss) C+=\(reference.positiveCost)"
                let model = try LinearSVM(samples: samples, labels: labels, parameters: parameters(for: reference))
                XCTAssertTrue(model.lastReport.converged, label)
                XCTAssertLessThan(relativeDifference(model.primalObjective, reference.primalObjective), 1e-3, label)
                // Weak duality: the dual never exceeds the primal, and they meet at the optimum.
                XCTAssertLessThanOrEqual(model.dualObjective, model.primalObjective + 1e-9, label)
                XCTAssertLessThan(relativeDifference(model.dualObjective, model.primalObjective), 1e-3, label)

                let decisions = dataset.testX.map { model.decisionValue(dense: $0) }
                XCTAssertGreaterThanOrEqual(signAgreement(decisions, reference.testDecisionValues), 0.99, label)
                for (ours, theirs) in zip(decisions, reference.testDecisionValues) {
                    XCTAssertEqual(ours, theirs, accuracy: 1e-2 * max(1, abs(theirs)), label)
                }
            }
        }
    }

    func testDefaultToleranceIsNearOptimal() throws {
        let file = try Fixture.load(Fixture.LinearFile.self, named: "linear_svm.json")
        let dataset = file.datasets[0]
        let reference = dataset.cases[2]
        var parameters = parameters(for: reference)
        parameters.tolerance = 0.1
        let model = try LinearSVM(
            samples: dataset.trainX.map(SparseVector.init(dense:)), labels: dataset.trainY.map { $0 == 1 },
            parameters: parameters)
        XCTAssertTrue(model.lastReport.converged)
        XCTAssertLessThan(relativeDifference(model.primalObjective, reference.primalObjective), 1e-2)
    }

    func testWarmStartMatchesRetrain() throws {
        let data = gaussianClasses(count: 3000, dimension: 30, shift: 0.5, positiveShare: 0.3, seed: 1)
        // Hinge loss at C = 1 on these overlapping classes needs about 10,000 passes at tolerance
        // 1e-3, as scikit-learn's LIBLINEAR does; C = 0.1 and 1e-2 keep the test fast.
        let parameters = LinearSVM.Parameters(cost: 0.1, tolerance: 1e-2, maxIterations: 100_000)
        for loss in [LinearSVM.Loss.hinge, .squaredHinge] {
            var lossParameters = parameters
            lossParameters.loss = loss
            var model = try LinearSVM(
                samples: Array(data.samples[..<2900]), labels: Array(data.labels[..<2900]), parameters: lossParameters)
            let cold = try LinearSVM(samples: data.samples, labels: data.labels, parameters: lossParameters)
            let warm = try model.add(samples: Array(data.samples[2900...]), labels: Array(data.labels[2900...]))

            XCTAssertTrue(warm.converged, "\(loss)")
            XCTAssertTrue(cold.lastReport.converged, "\(loss)")
            XCTAssertLessThan(relativeDifference(model.primalObjective, cold.primalObjective), 1e-3, "\(loss)")
            // Passes are noisy under random order (a warm pass can even need more passes on some
            // seeds), so the work compared is coordinate steps, which shrinking makes cheaper.
            XCTAssertLessThan(warm.coordinateSteps, cold.lastReport.coordinateSteps, "\(loss)")
            print(
                "LinearSVM \(loss) 2900+100 of 3000×30: warm \(warm.iterations) passes \(warm.coordinateSteps) steps, "
                    + "cold \(cold.lastReport.iterations) passes \(cold.lastReport.coordinateSteps) steps, "
                    + "objective difference \(relativeDifference(model.primalObjective, cold.primalObjective))")
        }
    }

    func testRemoveRestoresPreviousObjective() throws {
        let data = gaussianClasses(count: 600, dimension: 10, shift: 0.8, positiveShare: 0.4, seed: 11)
        let parameters = LinearSVM.Parameters(cost: 0.5, tolerance: 1e-4, maxIterations: 10_000)
        var model = try LinearSVM(
            samples: Array(data.samples[..<500]), labels: Array(data.labels[..<500]), parameters: parameters)
        let before = model.primalObjective

        try model.add(samples: Array(data.samples[500...]), labels: Array(data.labels[500...]))
        XCTAssertEqual(model.sampleCount, 600)
        XCTAssertGreaterThan(model.primalObjective, before)

        let report = model.remove(at: Array(500..<600))
        XCTAssertTrue(report.converged)
        XCTAssertEqual(model.sampleCount, 500)
        XCTAssertLessThan(relativeDifference(model.primalObjective, before), 1e-3)
    }

    func testRelabelTwiceRestoresObjective() throws {
        let data = gaussianClasses(count: 400, dimension: 8, shift: 1, positiveShare: 0.5, seed: 3)
        let parameters = LinearSVM.Parameters(cost: 1, loss: .hinge, tolerance: 1e-4, maxIterations: 10_000)
        var model = try LinearSVM(samples: data.samples, labels: data.labels, parameters: parameters)
        let before = model.primalObjective
        let original = data.labels[17]

        model.relabel(at: 17, to: !original)
        XCTAssertEqual(model.labels[17], !original)
        XCTAssertNotEqual(model.primalObjective, before)
        model.relabel(at: 17, to: original)
        XCTAssertLessThan(relativeDifference(model.primalObjective, before), 1e-3)
    }

    func testWeightsStayConsistentWithDuals() throws {
        let data = gaussianClasses(count: 300, dimension: 6, shift: 1, positiveShare: 0.3, seed: 5)
        var model = try LinearSVM(
            samples: Array(data.samples[..<200]), labels: Array(data.labels[..<200]),
            parameters: LinearSVM.Parameters(loss: .hinge))
        try model.add(samples: Array(data.samples[200...]), labels: Array(data.labels[200...]))
        model.relabel(at: 3, to: !data.labels[3])
        model.removeOldest(50)

        var rebuilt = model
        rebuilt.rebuildWeights()
        for (weight, expected) in zip(model.weights, rebuilt.weights) {
            XCTAssertEqual(weight, expected, accuracy: 1e-9)
        }
        XCTAssertEqual(model.intercept, rebuilt.intercept, accuracy: 1e-9)
    }

    func testSlidingWindowDropsOldest() throws {
        let data = gaussianClasses(count: 100, dimension: 4, shift: 1, positiveShare: 0.5, seed: 9)
        var model = try LinearSVM(samples: data.samples, labels: data.labels)
        model.removeOldest(30)
        XCTAssertEqual(model.sampleCount, 70)
        XCTAssertEqual(model.sample(at: 0), data.samples[30])
        XCTAssertEqual(model.labels, Array(data.labels[30...]))
        model.removeOldest(500)
        XCTAssertEqual(model.sampleCount, 0)
        XCTAssertEqual(model.decisionValue(data.samples[0]), 0)
    }

    func testUpdateCostsMatchesRetrain() throws {
        let data = gaussianClasses(count: 800, dimension: 12, shift: 0.6, positiveShare: 0.3, seed: 21)
        for loss in [LinearSVM.Loss.hinge, .squaredHinge] {
            var parameters = LinearSVM.Parameters(cost: 0.1, loss: loss, tolerance: 1e-4, maxIterations: 10_000)
            var model = try LinearSVM(samples: data.samples, labels: data.labels, parameters: parameters)
            model.updateCosts(positive: 2, negative: 0.5)
            parameters.positiveCost = 2
            parameters.negativeCost = 0.5
            let cold = try LinearSVM(samples: data.samples, labels: data.labels, parameters: parameters)
            XCTAssertLessThan(relativeDifference(model.primalObjective, cold.primalObjective), 1e-3, "\(loss)")
        }
    }

    func testNonConvergenceIsReported() throws {
        let data = gaussianClasses(count: 500, dimension: 10, shift: 0.2, positiveShare: 0.5, seed: 13)
        let parameters = LinearSVM.Parameters(cost: 100, loss: .hinge, tolerance: 1e-6, maxIterations: 2)
        let model = try LinearSVM(samples: data.samples, labels: data.labels, parameters: parameters)
        XCTAssertFalse(model.lastReport.converged)
        XCTAssertEqual(model.lastReport.iterations, 2)
        XCTAssertGreaterThan(model.lastReport.violation, 1e-6)
    }

    func testSameSeedGivesSameModel() throws {
        let data = gaussianClasses(count: 200, dimension: 5, shift: 0.5, positiveShare: 0.5, seed: 17)
        let first = try LinearSVM(samples: data.samples, labels: data.labels)
        let second = try LinearSVM(samples: data.samples, labels: data.labels)
        XCTAssertEqual(first.weights, second.weights)
        XCTAssertEqual(first.intercept, second.intercept)
    }

    func testNonFiniteFeatureThrows() {
        let samples = [SparseVector(dense: [1, 2]), SparseVector(dense: [0, .infinity])]
        XCTAssertThrowsError(try LinearSVM(samples: samples, labels: [true, false])) { error in
            XCTAssertEqual(error as? EngineError, .nonFiniteFeature(sample: 1, feature: 1, value: .infinity))
        }
        let withNaN = [SparseVector(dense: [1, 2]), SparseVector(dense: [0, .nan])]
        XCTAssertThrowsError(try LinearSVM(samples: withNaN, labels: [true, false])) { error in
            XCTAssertEqual(
                "\(error)",
                "Sample 1 has the non-finite value nan at feature 1; scale the features with FeatureScaler, "
                    + "which replaces non-finite values, before training.")
        }
    }

    func testUnseenFeatureHasZeroWeight() throws {
        let model = try LinearSVM(
            samples: [SparseVector(dense: [1, 0]), SparseVector(dense: [-1, 0])], labels: [true, false])
        let unseen = try XCTUnwrap(SparseVector(indices: [0, 50_000], values: [1, 7]))
        XCTAssertEqual(model.decisionValue(unseen), model.decisionValue(SparseVector(dense: [1])), accuracy: 1e-12)
    }
}
