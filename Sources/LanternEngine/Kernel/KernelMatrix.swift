/// The training samples of a kernel SVM with their kernel matrix, computed on demand and
/// cached by rows.
///
/// The full matrix of *n* samples costs 8 *n*² bytes (200 MB at 5,000 samples), so only the rows
/// that SMO requests are computed, and `KernelCache` keeps as many as its budget allows.
/// A row that covers at least half the samples is computed through `SampleColumns`. The first
/// such row after an append or removal rebuilds them in O(nnz), about the cost of one row
/// computed sample by sample. Shorter ranges, such as new samples in cached rows, still take
/// the sample-by-sample path.
struct KernelMatrix: Sendable {
    let kernel: Kernel
    private(set) var store = SampleStore()
    private var cache: KernelCache
    /// A zeroed dense buffer of `store.dimension` entries for scattering one row.
    private var scratch: [Double] = []
    /// The store by feature; nil until a long row is requested and again after every append
    /// or removal.
    private var columns: SampleColumns?
    /// The shortest range that `row` computes through the columns; shorter ones cost little
    /// sample by sample and would not repay a rebuild.
    static let columnRangeMinimum = 64

    init(kernel: Kernel, cacheBytes: Int) {
        self.kernel = kernel
        cache = KernelCache(capacityBytes: cacheBytes)
    }

    var count: Int { store.count }

    mutating func append(_ sample: SparseVector) {
        store.append(sample)
        columns = nil
        cache.appendSample()
    }

    mutating func remove(_ doomed: Set<Int>) {
        store.remove(rows: doomed)
        columns = nil
        cache.removeSamples(doomed)
    }

    /// `K(x_i, x_i)`.
    func diagonal(_ i: Int) -> Double {
        kernel.value(squaredNormX: store.squaredNorms[i], squaredNormZ: store.squaredNorms[i], dot: store.squaredNorms[i])
    }

    /// Returns `K(x_i, x_j)` for `j` in `0..<count`, from the cache when possible.
    mutating func row(_ i: Int) -> [Double] {
        var buffer = scratch
        scratch = []
        var columns = self.columns
        self.columns = nil  // moved out because the closure cannot reach self while cache is mutated
        let store = self.store
        let kernel = self.kernel
        let result = cache.row(i, length: count) { row, range in
            if range.count >= Self.columnRangeMinimum, 2 * range.count >= store.count {
                if columns == nil { columns = SampleColumns(store) }
                if let columns { return Self.kernelRow(row, range: range, store: store, columns: columns, kernel: kernel) }
            }
            if buffer.count < store.dimension {
                buffer = [Double](repeating: 0, count: store.dimension)
            }
            store.scatter(row: row, into: &buffer)
            defer { store.clear(row: row, in: &buffer) }
            return buffer.withUnsafeBufferPointer { dense in
                range.map { j in
                    kernel.value(
                        squaredNormX: store.squaredNorms[row], squaredNormZ: store.squaredNorms[j],
                        dot: store.dot(row: j, dense))
                }
            }
        }
        scratch = buffer
        self.columns = columns
        return result
    }

    /// Returns `K(x_row, x_j)` for `j` in `range` (which ends at the sample count), with the
    /// dot products taken through the columns.
    private static func kernelRow(
        _ row: Int, range: Range<Int>, store: SampleStore, columns: SampleColumns, kernel: Kernel
    ) -> [Double] {
        var dots = [Double](repeating: 0, count: range.count)
        dots.withUnsafeMutableBufferPointer { dots in
            columns.accumulateDots(row: row, of: store, from: range.lowerBound, into: dots)
        }
        let squaredNormX = store.squaredNorms[row]
        store.squaredNorms.withUnsafeBufferPointer { norms in
            for offset in dots.indices {
                dots[offset] = kernel.value(
                    squaredNormX: squaredNormX, squaredNormZ: norms[range.lowerBound + offset], dot: dots[offset])
            }
        }
        return dots
    }

    /// Returns `K(x_i, z)` for a sample outside the store.
    func value(row i: Int, _ z: SparseVector, squaredNormZ: Double) -> Double {
        kernel.value(squaredNormX: store.squaredNorms[i], squaredNormZ: squaredNormZ, dot: store.dot(row: i, sparse: z))
    }
}
