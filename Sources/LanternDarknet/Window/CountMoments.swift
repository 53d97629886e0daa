/// Distinct values, packets and the sum of squared per-value packet counts of one window table,
/// kept up to date as packets arrive.
///
/// A closing window reads its count features from here instead of walking its tables. Each walk
/// of a `SmallTable` copied the table through the runtime's generic value witnesses.
struct CountMoments {
    private(set) var distinct = 0
    private(set) var sum = 0
    private(set) var sumOfSquares = 0

    /// Records that one value's count rose by one, to `count`.
    @inline(__always)
    mutating func counted(newCount count: Int32) {
        if count == 1 { distinct += 1 }
        sum += 1
        // (c + 1)² − c² = 2c + 1, with c + 1 = count.
        sumOfSquares += 2 * Int(count) - 1
    }

    /// Appends the number of distinct values, then the mean and population standard deviation
    /// of their packet counts. The sums are exact integers, so the result does not depend on
    /// the order in which packets arrived.
    func appendFeatures(to features: inout FeatureWriter) {
        let n = Double(max(distinct, 1))
        let mean = Double(sum) / n
        features.append(Double(distinct))
        features.append(mean)
        features.append(distinct == 0 ? 0 : max(0, Double(sumOfSquares) / n - mean * mean).squareRoot())
    }
}

/// The port with the most packets in a window table, ties to the smaller port, kept as counts rise.
struct TopPort {
    private(set) var port: UInt16 = 0
    /// Packets of `port`; 0 while the table is empty.
    private(set) var count: Int32 = 0

    /// Records that `port`'s count rose to `newCount`. Counts only grow, so comparing the risen
    /// port with the current top finds the same port as a search of the whole table would.
    @inline(__always)
    mutating func offer(_ port: UInt16, newCount: Int32) {
        if count > newCount || (count == newCount && self.port < port) { return }
        self.port = port
        count = newCount
    }
}
