import XCTest

@testable import LanternEngine

final class SparseVectorTests: XCTestCase {
    func testDenseInitDropsZeros() {
        let vector = SparseVector(dense: [0, 2, 0, -3, 0])
        XCTAssertEqual(vector.indices, [1, 3])
        XCTAssertEqual(vector.values, [2, -3])
        XCTAssertEqual(vector.nonzeroCount, 2)
        XCTAssertEqual(vector.minimumDimension, 4)
    }

    func testEmptyAndAllZeroVectors() {
        for dense in [[], [0.0], [0.0, 0, 0]] {
            let vector = SparseVector(dense: dense)
            XCTAssertEqual(vector, .zero)
            XCTAssertEqual(vector.squaredNorm, 0)
            XCTAssertEqual(vector.minimumDimension, 0)
            XCTAssertEqual(vector.dot([1, 2, 3]), 0)
        }
    }

    func testIndexInitRejectsInvalidEntries() {
        XCTAssertNil(SparseVector(indices: [2, 1], values: [1, 1]))
        XCTAssertNil(SparseVector(indices: [1, 1], values: [1, 1]))
        XCTAssertNil(SparseVector(indices: [-1], values: [1]))
        XCTAssertNil(SparseVector(indices: [1], values: [1, 2]))
        XCTAssertEqual(SparseVector(indices: [0, 4, 9], values: [1, 0, 2])?.indices, [0, 9])
    }

    func testDotWithDenseWeights() {
        let vector = SparseVector(dense: [1, 0, 2, 0, 3])
        XCTAssertEqual(vector.dot([1, 1, 1, 1, 1]), 6)
        XCTAssertEqual(vector.dot([2, 5, -1, 5, 0.5]), 1.5)
        // Entries past the end of the weights count as weight zero.
        XCTAssertEqual(vector.dot([10, 10]), 10)
        XCTAssertEqual(vector.dot([]), 0)
    }

    func testSparseDotAndDistance() throws {
        let a = try XCTUnwrap(SparseVector(indices: [0, 3, 70_000], values: [1, 2, 3]))
        let b = try XCTUnwrap(SparseVector(indices: [3, 5, 70_000], values: [4, 1, -1]))
        XCTAssertEqual(a.dot(b), 8 - 3)
        XCTAssertEqual(b.dot(a), 5)
        XCTAssertEqual(a.squaredNorm, 14)
        // ‖a − b‖² = 1 + (2−4)² + 1 + (3+1)² = 22.
        XCTAssertEqual(a.squaredDistance(to: b), 22, accuracy: 1e-12)
        XCTAssertEqual(a.squaredDistance(to: a), 0)
    }

    func testDenseRoundTrip() {
        let dense: [Double] = [0, 1.5, 0, 0, -2, 0]
        let vector = SparseVector(dense: dense)
        XCTAssertEqual(vector.dense(dimension: 6), dense)
        XCTAssertEqual(vector.dense(dimension: 3), [0, 1.5, 0])
    }

    func testNonFiniteValuesAreKept() {
        let vector = SparseVector(dense: [0, .nan, .infinity])
        XCTAssertEqual(vector.nonzeroCount, 2)
        XCTAssertEqual(vector.firstNonFiniteEntry()?.feature, 1)
        XCTAssertNil(SparseVector(dense: [1, 2]).firstNonFiniteEntry())
    }

    func testSampleStoreRemovesRowsInOrder() {
        var store = SampleStore()
        let rows = (0..<5).map { SparseVector(dense: [Double($0), 0, Double($0 * 2)]) }
        rows.forEach { store.append($0) }
        XCTAssertEqual(store.count, 5)
        XCTAssertEqual(store.dimension, 3)
        store.remove(rows: [0, 3])
        XCTAssertEqual(store.count, 3)
        XCTAssertEqual((0..<3).map { store.row($0) }, [rows[1], rows[2], rows[4]])
        XCTAssertEqual(store.squaredNorms, [rows[1], rows[2], rows[4]].map(\.squaredNorm))
        XCTAssertEqual(store.dot(row: 2, dense: [1, 1, 1]), 12)
    }
}
