import XCTest

@testable import LanternEngine

final class KernelMatrixTests: XCTestCase {
    /// Returns unit-length sparse vectors with `perSample` of `features` features each, some
    /// features far more common than others, as in bag-of-words mail vectors.
    private func sparseSamples(count: Int, features: Int, perSample: Int, seed: UInt64) -> [SparseVector] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            var chosen = Set<Int32>()
            while chosen.count < perSample {
                // The square skews the draw toward low feature numbers, the common words.
                let draw = Double.random(in: 0..<1, using: &generator)
                chosen.insert(Int32(draw * draw * Double(features)))
            }
            let indices = chosen.sorted()
            let values = indices.map { _ in Double.random(in: 0.5...2, using: &generator) }
            let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return SparseVector(indices: indices, values: values.map { $0 / norm }) ?? .zero
        }
    }

    /// Checks every entry of `matrix.row(i)` against the kernel of the two samples.
    private func assertRowsMatchKernel(
        _ matrix: inout KernelMatrix, samples: [SparseVector], rows: [Int], _ label: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        for i in rows {
            let row = matrix.row(i)
            XCTAssertEqual(row.count, samples.count, label, file: file, line: line)
            for j in samples.indices {
                let expected = matrix.kernel(samples[i], samples[j])
                XCTAssertEqual(row[j], expected, accuracy: 1e-12, "\(label): K(\(i), \(j))", file: file, line: line)
            }
        }
    }

    func testLongRowsMatchKernel() {
        let samples = sparseSamples(count: 300, features: 400, perSample: 12, seed: 3)
        for kernel in [Kernel.linear, .rbf(gamma: 0.5)] {
            var matrix = KernelMatrix(kernel: kernel, cacheBytes: 1 << 20)
            for sample in samples { matrix.append(sample) }
            assertRowsMatchKernel(&matrix, samples: samples, rows: [0, 1, 150, 299], "\(kernel)")
        }
    }

    func testRowsMatchKernelAfterAppendAndRemove() {
        var samples = sparseSamples(count: 400, features: 300, perSample: 10, seed: 5)
        var matrix = KernelMatrix(kernel: .rbf(gamma: 0.5), cacheBytes: 1 << 20)
        for sample in samples[..<200] { matrix.append(sample) }
        assertRowsMatchKernel(&matrix, samples: Array(samples[..<200]), rows: [0, 7, 199], "first 200")

        // Cached rows gain 150 entries (less than half of 350, so computed sample by sample);
        // uncached rows are computed through rebuilt columns.
        for sample in samples[200..<350] { matrix.append(sample) }
        assertRowsMatchKernel(&matrix, samples: Array(samples[..<350]), rows: [0, 7, 199, 200, 349], "after append")

        let doomed: Set<Int> = [0, 3, 100, 349]
        matrix.remove(doomed)
        samples = Array(samples[..<350]).enumerated().filter { !doomed.contains($0.offset) }.map(\.element)
        assertRowsMatchKernel(&matrix, samples: samples, rows: [0, 50, samples.count - 1], "after removal")
    }

    func testColumnsAccumulateFromFirstRow() {
        let samples = sparseSamples(count: 120, features: 80, perSample: 6, seed: 9)
        var store = SampleStore()
        for sample in samples { store.append(sample) }
        let columns = SampleColumns(store)
        for first in [0, 1, 60, 119] {
            var dots = [Double](repeating: 0, count: samples.count - first)
            dots.withUnsafeMutableBufferPointer { columns.accumulateDots(row: 5, of: store, from: first, into: $0) }
            for j in first..<samples.count {
                XCTAssertEqual(dots[j - first], samples[5].dot(samples[j]), accuracy: 1e-12, "first \(first), row \(j)")
            }
        }
    }
}
