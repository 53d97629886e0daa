/// A feature vector that stores only its non-zero entries, as strictly increasing indices and
/// their values.
///
/// The darknet features are dense (about 30 dimensions) but mail bag-of-words vectors have about
/// 100,000 dimensions with a few hundred non-zeros, so the solvers take this one type for both.
/// A dense vector of `d` entries costs 4 bytes per entry for the indices on top of `[Double]`,
/// and a sparse one costs 12 bytes per non-zero instead of 8 bytes per dimension.
public struct SparseVector: Hashable, Sendable, Codable {
    /// Feature indices of the non-zero entries, strictly increasing and non-negative.
    public private(set) var indices: [Int32]
    /// Values of the entries, one per index.
    public private(set) var values: [Double]

    /// Creates a vector from a dense array, dropping the zeros.
    ///
    /// NaN and infinite values are kept, so that training can reject them with a message
    /// instead of silently treating them as zero.
    /// - Complexity: O(*n*), where *n* is `dense.count`.
    public init(dense: [Double]) {
        var indices: [Int32] = []
        var values: [Double] = []
        for (index, value) in dense.enumerated() where value != 0 {
            indices.append(Int32(index))
            values.append(value)
        }
        self.indices = indices
        self.values = values
    }

    /// Creates a vector from its non-zero entries, or returns `nil` unless the indices are
    /// non-negative and strictly increasing and there is one value per index.
    ///
    /// Explicit zeros are dropped, so `nonzeroCount` counts only non-zero values.
    /// - Complexity: O(*n*), where *n* is `indices.count`.
    public init?(indices: [Int32], values: [Double]) {
        guard indices.count == values.count else { return nil }
        var previous: Int32 = -1
        for index in indices {
            guard index > previous else { return nil }
            previous = index
        }
        if values.contains(0) {
            let kept = zip(indices, values).filter { $0.1 != 0 }
            self.indices = kept.map(\.0)
            self.values = kept.map(\.1)
        } else {
            self.indices = indices
            self.values = values
        }
    }

    /// The empty (all-zero) vector.
    public static let zero = SparseVector(dense: [])

    /// The number of stored non-zero entries.
    public var nonzeroCount: Int { indices.count }

    /// The smallest dense length that contains every entry: the last index plus one.
    public var minimumDimension: Int { indices.last.map { Int($0) + 1 } ?? 0 }

    /// The sum of the squared values.
    /// - Complexity: O(*k*), where *k* is the number of non-zeros.
    public var squaredNorm: Double {
        values.reduce(0) { $0 + $1 * $1 }
    }

    /// Returns the dot product with dense weights.
    ///
    /// Entries whose index lies past the end of `weights` contribute zero: a feature the model
    /// never saw in training (a new mail token) has weight zero.
    /// - Complexity: O(*k*), where *k* is the number of non-zeros.
    public func dot(_ weights: [Double]) -> Double {
        var sum = 0.0
        let limit = weights.count
        for (index, value) in zip(indices, values) {
            let i = Int(index)
            if i < limit { sum += weights[i] * value }
        }
        return sum
    }

    /// Returns the dot product with another sparse vector.
    /// - Complexity: O(*k* + *m*), the two non-zero counts, by merging the sorted indices.
    public func dot(_ other: SparseVector) -> Double {
        var sum = 0.0
        var a = 0
        var b = 0
        while a < indices.count, b < other.indices.count {
            if indices[a] == other.indices[b] {
                sum += values[a] * other.values[b]
                a += 1
                b += 1
            } else if indices[a] < other.indices[b] {
                a += 1
            } else {
                b += 1
            }
        }
        return sum
    }

    /// Returns the squared Euclidean distance to another vector.
    /// - Complexity: O(*k* + *m*), the two non-zero counts.
    public func squaredDistance(to other: SparseVector) -> Double {
        max(0, squaredNorm + other.squaredNorm - 2 * dot(other))
    }

    /// Returns the vector as a dense array of `dimension` entries; entries at or past
    /// `dimension` are dropped.
    /// - Complexity: O(`dimension` + *k*).
    public func dense(dimension: Int) -> [Double] {
        var result = [Double](repeating: 0, count: dimension)
        for (index, value) in zip(indices, values) where Int(index) < dimension {
            result[Int(index)] = value
        }
        return result
    }

    /// Returns the position and value of the first NaN or infinite entry, if any.
    func firstNonFiniteEntry() -> (feature: Int, value: Double)? {
        for (index, value) in zip(indices, values) where !value.isFinite {
            return (Int(index), value)
        }
        return nil
    }
}
