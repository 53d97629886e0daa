import XCTest

@testable import LanternEngine

final class BinaryMetricsTests: XCTestCase {
    func testHandComputedTable() {
        // TP 40, FP 10, TN 45, FN 5.
        let metrics = BinaryMetrics(truePositives: 40, falsePositives: 10, trueNegatives: 45, falseNegatives: 5)
        XCTAssertEqual(metrics.total, 100)
        XCTAssertEqual(metrics.precision, 0.8, accuracy: 1e-12)
        XCTAssertEqual(metrics.recall, 40.0 / 45, accuracy: 1e-12)
        XCTAssertEqual(metrics.specificity, 45.0 / 55, accuracy: 1e-12)
        XCTAssertEqual(metrics.accuracy, 0.85, accuracy: 1e-12)
        XCTAssertEqual(metrics.f1, 80.0 / 95, accuracy: 1e-12)
        XCTAssertEqual(metrics.balancedAccuracy, (40.0 / 45 + 45.0 / 55) / 2, accuracy: 1e-12)
        // (40·45 − 10·5) / √(50·45·55·50) = 1750 / 2487.468...
        XCTAssertEqual(metrics.matthewsCorrelation, 1750 / (50.0 * 45 * 55 * 50).squareRoot(), accuracy: 1e-12)
    }

    func testCountsFromPredictions() {
        let metrics = BinaryMetrics(
            predicted: [true, true, false, false, true, false],
            actual: [true, false, false, true, true, false])
        XCTAssertEqual(metrics, BinaryMetrics(truePositives: 2, falsePositives: 1, trueNegatives: 2, falseNegatives: 1))
    }

    func testEmptyTableScoresZero() {
        let metrics = BinaryMetrics()
        for score in [
            metrics.precision, metrics.recall, metrics.specificity, metrics.accuracy, metrics.f1,
            metrics.balancedAccuracy, metrics.matthewsCorrelation,
        ] {
            XCTAssertEqual(score, 0)
        }
    }

    func testNoPositivePredictions() {
        let metrics = BinaryMetrics(truePositives: 0, falsePositives: 0, trueNegatives: 90, falseNegatives: 10)
        XCTAssertEqual(metrics.precision, 0)
        XCTAssertEqual(metrics.recall, 0)
        XCTAssertEqual(metrics.f1, 0)
        XCTAssertEqual(metrics.specificity, 1)
        XCTAssertEqual(metrics.accuracy, 0.9)
        XCTAssertEqual(metrics.balancedAccuracy, 0.5)
        XCTAssertEqual(metrics.matthewsCorrelation, 0)
    }

    func testOnlyNegativesAllRight() {
        let metrics = BinaryMetrics(truePositives: 0, falsePositives: 0, trueNegatives: 7, falseNegatives: 0)
        XCTAssertEqual(metrics.accuracy, 1)
        XCTAssertEqual(metrics.specificity, 1)
        XCTAssertEqual(metrics.recall, 0)
        XCTAssertEqual(metrics.balancedAccuracy, 0.5)
        XCTAssertEqual(metrics.f1, 0)
    }

    func testPerfectAndInvertedClassifiers() {
        let perfect = BinaryMetrics(truePositives: 5, falsePositives: 0, trueNegatives: 5, falseNegatives: 0)
        XCTAssertEqual(perfect.f1, 1)
        XCTAssertEqual(perfect.matthewsCorrelation, 1)
        let inverted = BinaryMetrics(truePositives: 0, falsePositives: 5, trueNegatives: 0, falseNegatives: 5)
        XCTAssertEqual(inverted.matthewsCorrelation, -1)
        XCTAssertEqual(inverted.accuracy, 0)
    }

    func testPoolingAddsCounts() {
        let a = BinaryMetrics(truePositives: 1, falsePositives: 2, trueNegatives: 3, falseNegatives: 4)
        let b = BinaryMetrics(truePositives: 10, falsePositives: 20, trueNegatives: 30, falseNegatives: 40)
        XCTAssertEqual(a + b, BinaryMetrics(truePositives: 11, falsePositives: 22, trueNegatives: 33, falseNegatives: 44))
    }
}
