/// The training samples of a kernel SVM with their kernel matrix, computed on demand and
/// cached by rows.
///
/// The full matrix of *n* samples costs 8 *n*² bytes (200 MB at 5,000 samples), so only the rows
/// that SMO requests are computed, and `KernelCache` keeps as many as its budget allows.
struct KernelMatrix: Sendable {
    let kernel: Kernel
    private(set) var store = SampleStore()
    private var cache: KernelCache
    /// A zeroed dense buffer of `store.dimension` entries for scattering one row.
    private var scratch: [Double] = []

    init(kernel: Kernel, cacheBytes: Int) {
        self.kernel = kernel
        cache = KernelCache(capacityBytes: cacheBytes)
    }

    var count: Int { store.count }

    mutating func append(_ sample: SparseVector) {
        store.append(sample)
        cache.appendSample()
    }

    mutating func remove(_ doomed: Set<Int>) {
        store.remove(rows: doomed)
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
        if buffer.count < store.dimension {
            buffer = [Double](repeating: 0, count: store.dimension)
        }
        let store = self.store
        let kernel = self.kernel
        let result = cache.row(i, length: count) { row, range in
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
        return result
    }

    /// Returns `K(x_i, z)` for a sample outside the store.
    func value(row i: Int, _ z: SparseVector, squaredNormZ: Double) -> Double {
        kernel.value(squaredNormX: store.squaredNorms[i], squaredNormZ: squaredNormZ, dot: store.dot(row: i, sparse: z))
    }
}
