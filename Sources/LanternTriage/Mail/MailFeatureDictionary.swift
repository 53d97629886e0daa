import LanternEngine

/// The bag-of-words vocabulary of the mail models: every term seen gets the next feature index,
/// so the dictionary grows online and earlier indices never move.
///
/// Terms are the tokenizer's words plus its `domain:` and `attachment:` terms. A vector contains
/// the message's term frequencies scaled to unit Euclidean length, so long and short messages
/// lie on the same sphere and the RBF kernel compares their word mix, not their size.
/// The dictionary never forgets a term, so its memory grows with the vocabulary of the whole
/// stream: each term costs its string twice (map key and list entry) plus a 4-byte index.
public struct MailFeatureDictionary: Sendable {
    private var indexByTerm: [String: Int32] = [:]
    /// Terms by feature index.
    public private(set) var terms: [String] = []

    public init() {}

    /// The number of terms, the dimension of the vectors.
    public var count: Int { terms.count }

    /// Returns the unit-length term-frequency vector of `termCounts`, adding unseen terms.
    /// - Complexity: O(*k* log *k*) for *k* distinct terms.
    public mutating func vector(_ termCounts: [String: Int]) -> SparseVector {
        var entries: [(Int32, Double)] = []
        entries.reserveCapacity(termCounts.count)
        // Sorted, so unseen terms get the same indices in every run: Swift seeds its
        // dictionary hashing per process, and the solvers visit features in index order.
        for (term, count) in termCounts.sorted(by: { $0.key < $1.key }) where count > 0 {
            let index: Int32
            if let known = indexByTerm[term] {
                index = known
            } else {
                index = Int32(terms.count)
                indexByTerm[term] = index
                terms.append(term)
            }
            entries.append((index, Double(count)))
        }
        entries.sort { $0.0 < $1.0 }
        let norm = entries.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
        let scale = norm > 0 ? 1 / norm : 0
        return SparseVector(indices: entries.map(\.0), values: entries.map { $0.1 * scale }) ?? .zero
    }
}
