/// Training rows in compressed sparse row (CSR) layout, shared by the solvers.
///
/// One flat index array and one flat value array keep a pass over all rows cache-friendly and
/// free of per-row reference counting, which an array of `SparseVector` would cost in the
/// coordinate-descent inner loop. Appending is amortised O(*k*) per row. Dropping the oldest
/// rows (the sliding window) costs O(*n*) for the per-row offsets and leaves their entries in
/// place as a dead prefix. The prefix is reclaimed once it outgrows the live entries, so the
/// amortised cost in the flat arrays is O(*k*) per row. Removing other rows moves the entries
/// of the rows after them.
struct SampleStore: Sendable {
    /// Offset of each row's first entry in `indices`/`values`; `rowStart[count]` ends the last row.
    /// Offsets count the dead prefix, so `rowStart[0]` is its length.
    private(set) var rowStart: [Int] = [0]
    private(set) var indices: [Int32] = []
    private(set) var values: [Double] = []
    /// Squared norm of each row, cached because both solvers need it for the diagonal of Q.
    private(set) var squaredNorms: [Double] = []
    /// One past the largest feature index seen.
    private(set) var dimension = 0

    var count: Int { squaredNorms.count }

    /// The number of stored non-zeros of the live rows.
    var nonzeroCount: Int { rowStart[count] - rowStart[0] }

    /// Reserves room for `rows` more rows with `nonzeros` more entries in all, so that a batch
    /// of appends copies the flat arrays at most once.
    mutating func reserveCapacity(rows: Int, nonzeros: Int) {
        indices.reserveCapacity(indices.count + nonzeros)
        values.reserveCapacity(values.count + nonzeros)
        rowStart.reserveCapacity(rowStart.count + rows)
        squaredNorms.reserveCapacity(squaredNorms.count + rows)
    }

    mutating func append(_ vector: SparseVector) {
        indices.append(contentsOf: vector.indices)
        values.append(contentsOf: vector.values)
        rowStart.append(indices.count)
        squaredNorms.append(vector.squaredNorm)
        dimension = max(dimension, vector.minimumDimension)
    }

    /// Removes the rows at the given positions, keeping the order of the others.
    ///
    /// A prefix `0..<m` is dropped in O(*n*) plus the amortised reclaiming of the dead prefix.
    /// Other rows cost a move of the entries after the first removed row.
    mutating func remove(rows: Set<Int>) {
        guard let first = rows.min() else { return }
        if first == 0, rows.max() == rows.count - 1 {
            dropFirst(rows.count)
            return
        }
        var write = rowStart[first]
        var keptStarts: [Int] = []
        keptStarts.reserveCapacity(count - first - rows.count + 1)
        var keptNorms: [Double] = []
        for row in first..<count where !rows.contains(row) {
            keptStarts.append(write)
            keptNorms.append(squaredNorms[row])
            for k in rowStart[row]..<rowStart[row + 1] {
                indices[write] = indices[k]
                values[write] = values[k]
                write += 1
            }
        }
        indices.removeSubrange(write...)
        values.removeSubrange(write...)
        rowStart.replaceSubrange(first..., with: keptStarts + [write])
        squaredNorms.replaceSubrange(first..., with: keptNorms)
    }

    /// Drops the `m` oldest rows; their entries stay as a dead prefix until it is reclaimed.
    private mutating func dropFirst(_ m: Int) {
        rowStart.removeFirst(m)
        squaredNorms.removeFirst(m)
        let dead = rowStart[0]
        // Reclaim only when the dead prefix is larger than the live entries, so the move costs
        // at most as many entries as were dropped since the last reclaim.
        guard dead > indices.count - dead else { return }
        indices.removeFirst(dead)
        values.removeFirst(dead)
        for row in rowStart.indices { rowStart[row] -= dead }
    }

    /// Returns row `row` as a vector; copies its entries.
    func row(_ row: Int) -> SparseVector {
        let range = rowStart[row]..<rowStart[row + 1]
        // Rows were SparseVectors when appended, so their indices are valid.
        return SparseVector(indices: Array(indices[range]), values: Array(values[range])) ?? .zero
    }

    /// Returns the dot product of row `row` with dense weights that cover `dimension`.
    @inline(__always)
    func dot(row: Int, _ weights: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        indices.withUnsafeBufferPointer { idx in
            values.withUnsafeBufferPointer { val in
                for k in rowStart[row]..<rowStart[row + 1] {
                    sum += weights[Int(idx[k])] * val[k]
                }
            }
        }
        return sum
    }

    /// Adds `scale` times row `row` to dense weights that cover `dimension`.
    @inline(__always)
    func addScaled(row: Int, scale: Double, to weights: UnsafeMutableBufferPointer<Double>) {
        indices.withUnsafeBufferPointer { idx in
            values.withUnsafeBufferPointer { val in
                for k in rowStart[row]..<rowStart[row + 1] {
                    weights[Int(idx[k])] += scale * val[k]
                }
            }
        }
    }

    /// Returns the dot product of row `row` with a dense vector, as `dot(row:_:)` on an array.
    func dot(row: Int, dense: [Double]) -> Double {
        dense.withUnsafeBufferPointer { dot(row: row, $0) }
    }

    /// Returns the dot product of row `row` with a sparse vector, merging the sorted indices.
    func dot(row: Int, sparse other: SparseVector) -> Double {
        var sum = 0.0
        var k = rowStart[row]
        let end = rowStart[row + 1]
        var m = 0
        while k < end, m < other.indices.count {
            if indices[k] == other.indices[m] {
                sum += values[k] * other.values[m]
                k += 1
                m += 1
            } else if indices[k] < other.indices[m] {
                k += 1
            } else {
                m += 1
            }
        }
        return sum
    }

    /// Writes row `row` into `buffer` (which must be zero and cover `dimension`).
    func scatter(row: Int, into buffer: inout [Double]) {
        for k in rowStart[row]..<rowStart[row + 1] {
            buffer[Int(indices[k])] = values[k]
        }
    }

    /// Sets the entries of row `row` in `buffer` back to zero after `scatter`.
    func clear(row: Int, in buffer: inout [Double]) {
        for k in rowStart[row]..<rowStart[row + 1] {
            buffer[Int(indices[k])] = 0
        }
    }
}
