/// Kernel matrix rows kept for reuse under a bound on memory, least recently used first out.
///
/// SMO reads two full rows of the kernel matrix per step and most steps revisit a few rows, so
/// caching rows turns an O(*n* · nnz) evaluation into a lookup. Rows may be shorter than the
/// current sample count after samples were appended; they are extended on the next request
/// (LIBSVM's cache does the same). Eviction scans the cached rows for the oldest use in
/// O(cached rows), which is no more than the O(*n*) row computation that every miss pays.
struct KernelCache: Sendable {
    /// Maximum number of stored `Double` entries over all rows.
    let capacity: Int
    private(set) var rows: [[Double]] = []
    private var lastUse: [UInt64] = []
    private var cached: Set<Int> = []
    private var clock: UInt64 = 0
    private(set) var storedEntries = 0

    init(capacityBytes: Int) {
        capacity = max(capacityBytes / MemoryLayout<Double>.stride, 1)
    }

    mutating func appendSample() {
        rows.append([])
        lastUse.append(0)
    }

    /// Drops the given samples from the cache, renumbering the rest as the sample store does.
    mutating func removeSamples(_ doomed: Set<Int>) {
        guard !doomed.isEmpty else { return }
        var renumbered = KernelCache(capacityEntries: capacity)
        for sample in rows.indices where !doomed.contains(sample) {
            let kept = rows[sample].indices.filter { !doomed.contains($0) }.map { rows[sample][$0] }
            renumbered.rows.append(kept)
            renumbered.lastUse.append(lastUse[sample])
            if !kept.isEmpty {
                renumbered.cached.insert(renumbered.rows.count - 1)
                renumbered.storedEntries += kept.count
            }
        }
        renumbered.clock = clock
        self = renumbered
    }

    private init(capacityEntries: Int) {
        capacity = capacityEntries
    }

    /// Returns row `sample` with at least `length` entries, computing the missing ones with
    /// `compute(sample, range)`.
    mutating func row(_ sample: Int, length: Int, compute: (Int, Range<Int>) -> [Double]) -> [Double] {
        clock += 1
        lastUse[sample] = clock
        let have = rows[sample].count
        if have >= length { return rows[sample] }

        makeRoom(for: length - have, keeping: sample)
        let missing = compute(sample, have..<length)
        if storedEntries + missing.count <= capacity {
            rows[sample].append(contentsOf: missing)
            storedEntries += missing.count
            cached.insert(sample)
            return rows[sample]
        }
        // The row alone exceeds the capacity: return it without caching.
        return rows[sample] + missing
    }

    /// Evicts least recently used rows other than `kept` until `entries` more fit.
    private mutating func makeRoom(for entries: Int, keeping kept: Int) {
        while storedEntries + entries > capacity {
            var oldest = -1
            var oldestUse = UInt64.max
            for sample in cached where sample != kept && lastUse[sample] < oldestUse {
                oldest = sample
                oldestUse = lastUse[sample]
            }
            guard oldest >= 0 else { return }
            storedEntries -= rows[oldest].count
            rows[oldest] = []
            cached.remove(oldest)
        }
    }
}
