import Foundation
import XCTest

@testable import LanternEngine

final class FeatureScalerTests: XCTestCase {
    func testStandardisesWithPopulationDeviation() {
        let scaler = FeatureScaler(fitting: [[1, 10], [3, 10], [5, 10]], logScaled: [false, false])
        XCTAssertEqual(scaler.means, [3, 10])
        // Population sd of 1, 3, 5 is √(8/3).
        XCTAssertEqual(scaler.standardDeviations[0], (8.0 / 3).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(scaler.standardDeviations[1], 0)
        let row = scaler.transform([5, 99])
        XCTAssertEqual(row[0], 2 / (8.0 / 3).squareRoot(), accuracy: 1e-12)
        // A constant feature passes as 0 whatever the input.
        XCTAssertEqual(row[1], 0)
    }

    func testLogScalesBeforeStandardising() {
        let rows: [[Double]] = [[0], [9], [99], [-5]]
        let scaler = FeatureScaler(fitting: rows, logScaled: [true])
        // Negative values clamp to 0 before log1p, so the pre-scaled values are 0, ln 10, ln 100, 0.
        let values = [0, log(10.0), log(100.0), 0]
        let mean = values.reduce(0, +) / 4
        let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
        XCTAssertEqual(scaler.means[0], mean, accuracy: 1e-12)
        XCTAssertEqual(scaler.standardDeviations[0], sd, accuracy: 1e-12)
        XCTAssertEqual(scaler.transform([999])[0], (log(1000.0) - mean) / sd, accuracy: 1e-12)
    }

    func testNonFiniteValuesMapToZero() {
        let scaler = FeatureScaler(fitting: [[1], [3], [.nan], [.infinity]], logScaled: [false])
        XCTAssertEqual(scaler.means, [2])
        XCTAssertEqual(scaler.standardDeviations, [1])
        XCTAssertEqual(scaler.transform([.nan]), [0])
        XCTAssertEqual(scaler.transform([-.infinity]), [0])
    }

    func testEmptyTrainingSetPassesZeros() {
        let scaler = FeatureScaler(fitting: [], logScaled: [true, false])
        XCTAssertEqual(scaler.transform([5, 7]), [0, 0])
    }

    func testFlatArrayRoundTrip() throws {
        let scaler = FeatureScaler(fitting: [[1, 2], [4, 8], [0, 1]], logScaled: [true, false])
        let restored = try XCTUnwrap(FeatureScaler(parameters: scaler.parameters))
        XCTAssertEqual(restored, scaler)
        XCTAssertNil(FeatureScaler(parameters: [1, 2]))
        XCTAssertNil(FeatureScaler(parameters: [0.5, 0, 1]))
        XCTAssertNil(FeatureScaler(parameters: [1, 0, -1]))
    }

    func testCodableRoundTrip() throws {
        let scaler = FeatureScaler(fitting: [[1, 2], [4, 8]], logScaled: [false, true])
        let data = try JSONEncoder().encode(scaler)
        XCTAssertEqual(try JSONDecoder().decode(FeatureScaler.self, from: data), scaler)
    }

    func testSparseTransformDropsZeros() {
        let scaler = FeatureScaler(fitting: [[1, 5], [3, 5]], logScaled: [false, false])
        XCTAssertEqual(scaler.transformToSparse([2, 5]), .zero)
        XCTAssertEqual(scaler.transformToSparse([3, 5]).indices, [0])
    }
}
