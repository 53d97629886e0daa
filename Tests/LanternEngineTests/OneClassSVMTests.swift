import XCTest

@testable import LanternEngine

final class OneClassSVMTests: XCTestCase {
    private struct File: Decodable {
        var dataset: Dataset
    }

    private struct Dataset: Decodable {
        var trainX: [[Double]]
        var testX: [[Double]]
        var cases: [Case]
    }

    private struct Case: Decodable {
        var nu: Double
        var gamma: Double
        var rho: Double
        var objective: Double
        var testDecisionValues: [Double]
    }

    func testMatchesLIBSVM() throws {
        let dataset = try Fixture.load(File.self, named: "one_class_svm.json").dataset
        let samples = dataset.trainX.map(SparseVector.init(dense:))
        for reference in dataset.cases {
            let label = "nu \(reference.nu) gamma \(reference.gamma)"
            let model = try OneClassSVM(
                samples: samples,
                parameters: OneClassSVM.Parameters(kernel: .rbf(gamma: reference.gamma), nu: reference.nu, tolerance: 1e-5))
            XCTAssertTrue(model.report.converged, label)
            XCTAssertLessThan(relativeDifference(model.objective, reference.objective), 1e-3, label)
            XCTAssertEqual(model.rho, reference.rho, accuracy: 1e-3 * abs(reference.rho), label)

            let decisions = dataset.testX.map { model.decisionValue(SparseVector(dense: $0)) }
            XCTAssertGreaterThanOrEqual(signAgreement(decisions, reference.testDecisionValues), 0.99, label)
            for (ours, theirs) in zip(decisions, reference.testDecisionValues) {
                XCTAssertEqual(ours, theirs, accuracy: 1e-2 * max(1, abs(theirs)), label)
            }
        }
    }

    func testNuBoundsOutlierShare() throws {
        let data = gaussianClasses(count: 400, dimension: 3, shift: 0, positiveShare: 0, seed: 19)
        let nu = 0.2
        let model = try OneClassSVM(samples: data.samples, parameters: OneClassSVM.Parameters(kernel: .rbf(gamma: 0.3), nu: nu))
        let outliers = data.samples.filter { model.isOutlier($0) }.count
        // nu bounds the training outlier share from above and the support-vector share from below.
        XCTAssertLessThanOrEqual(Double(outliers) / 400, nu + 0.01)
        XCTAssertGreaterThanOrEqual(Double(model.supportVectorCount) / 400, nu - 0.01)
        XCTAssertTrue(model.isOutlier(SparseVector(dense: [8, 8, 8])))
        XCTAssertFalse(model.isOutlier(SparseVector(dense: [0, 0, 0])))
    }

    func testEmptyTrainingSetDecidesZero() throws {
        let model = try OneClassSVM(samples: [], parameters: OneClassSVM.Parameters(kernel: .rbf(gamma: 1)))
        XCTAssertEqual(model.decisionValue(SparseVector(dense: [1])), 0)
        XCTAssertEqual(model.sampleCount, 0)
    }
}
