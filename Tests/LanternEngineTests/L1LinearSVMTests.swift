import XCTest

@testable import LanternEngine

/// The L1 solver against scikit-learn's LinearSVC(penalty="l1", dual=False), LIBLINEAR -s 5.
final class L1LinearSVMTests: XCTestCase {
    struct File: Decodable {
        var trainX: [[Double]]
        var trainY: [Int]
        var testX: [[Double]]
        var cases: [Case]
    }

    struct Case: Decodable {
        var cost: Double
        var weights: [Double]
        var intercept: Double
        var objective: Double
        var testDecisionValues: [Double]
    }

    func testObjectiveMatchesScikitLearn() throws {
        let file = try Fixture.load(File.self, named: "l1_linear_svm.json")
        let samples = file.trainX.map(SparseVector.init(dense:))
        let labels = file.trainY.map { $0 == 1 }
        let test = file.testX.map(SparseVector.init(dense:))
        for reference in file.cases {
            var model = L1LinearSVM(parameters: .init(cost: reference.cost, tolerance: 1e-6, maxIterations: 10_000))
            try model.train(samples: samples, labels: labels)
            XCTAssertTrue(model.lastReport.converged, "C = \(reference.cost)")
            let objective = model.objective(samples: samples, labels: labels)
            XCTAssertLessThan(relativeDifference(objective, reference.objective), 1e-3, "C = \(reference.cost)")

            let selected = Set(model.selectedFeatures)
            let expected = Set(reference.weights.indices.filter { reference.weights[$0] != 0 })
            XCTAssertLessThanOrEqual(selected.symmetricDifference(expected).count, 1, "C = \(reference.cost)")
            let values = test.map(model.decisionValue)
            XCTAssertGreaterThanOrEqual(signAgreement(values, reference.testDecisionValues), 0.97, "C = \(reference.cost)")
        }
    }

    func testWarmStartConvergesFaster() throws {
        let file = try Fixture.load(File.self, named: "l1_linear_svm.json")
        let samples = file.trainX.map(SparseVector.init(dense:))
        let labels = file.trainY.map { $0 == 1 }
        var model = L1LinearSVM(parameters: .init(cost: 1, tolerance: 1e-4))
        try model.train(samples: Array(samples.dropLast(10)), labels: Array(labels.dropLast(10)))
        let cold = model.lastReport.iterations
        try model.train(samples: samples, labels: labels)
        XCTAssertTrue(model.lastReport.converged)
        XCTAssertLessThan(model.lastReport.iterations, cold)
    }

    func testRejectsNonFiniteFeature() {
        var model = L1LinearSVM()
        XCTAssertThrowsError(try model.train(samples: [SparseVector(dense: [1, .nan])], labels: [true]))
    }
}
