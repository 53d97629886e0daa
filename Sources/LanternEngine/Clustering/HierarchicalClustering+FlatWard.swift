import Dispatch

extension HierarchicalClustering {
    /// Ward clustering of points stored row by row in one flat array, for large inputs.
    ///
    /// Problem and result are those of `init(points:linkage: .ward)`: Ward's minimum-variance
    /// agglomeration by the nearest-neighbour chain (Müllner, arXiv:1109.2378, figure 4), merge
    /// heights `√(2 |A||B| / (|A|+|B|)) · ‖c_A − c_B‖` as SciPy's `linkage(method="ward")`
    /// reports them. The difference is the layout: centroids live in one contiguous buffer
    /// padded to a multiple of 4 doubles and compared with SIMD, active clusters are kept in a
    /// dense list, and above 4,096 active clusters the nearest-neighbour scan is split over
    /// `threads` threads. The sum order differs from a scalar loop, so heights can differ from
    /// the other initialiser in the last bits, not more.
    /// - Parameters:
    ///   - values: `count × dimension` values, point after point.
    ///   - dimension: values per point, at least 1.
    ///   - threads: threads for the nearest-neighbour scan; 1 disables threading.
    /// - Complexity: O(*n*² · *d*) time, O(*n* · *d*) memory.
    public static func ward(values: [Double], dimension: Int, threads: Int = 2) -> HierarchicalClustering {
        precondition(dimension >= 1 && values.count % dimension == 0, "values must hold whole points")
        let count = values.count / dimension
        guard count > 1 else { return HierarchicalClustering(linkage: .ward, pointCount: count, merges: []) }
        var space = FlatWardSpace(values: values, dimension: dimension, threads: max(1, threads))
        let found = space.chain()
        return HierarchicalClustering(linkage: .ward, pointCount: count, merges: label(found, count: count))
    }

    init(linkage: Linkage, pointCount: Int, merges: [Merge]) {
        self.linkage = linkage
        self.pointCount = pointCount
        self.merges = merges
    }
}

/// Centroids and sizes of the active Ward clusters in flat, SIMD-friendly storage.
struct FlatWardSpace {
    let count: Int
    /// Doubles per centroid row: the dimension rounded up to a multiple of 4, zero-padded.
    let stride: Int
    let threads: Int
    var centroids: [Double]
    var sizes: [Double]
    /// Active slots, unordered; `position[slot]` is the slot's index here, −1 once retired.
    var activeSlots: [Int32]
    var position: [Int32]

    init(values: [Double], dimension: Int, threads: Int) {
        count = values.count / dimension
        stride = (dimension + 3) / 4 * 4
        self.threads = threads
        centroids = [Double](repeating: 0, count: count * stride)
        for point in 0..<count {
            for k in 0..<dimension { centroids[point * stride + k] = values[point * dimension + k] }
        }
        sizes = [Double](repeating: 1, count: count)
        activeSlots = (0..<Int32(count)).map { $0 }
        position = (0..<Int32(count)).map { $0 }
    }

    /// The merges in the order the chain finds them.
    mutating func chain() -> [HierarchicalClustering.FoundMerge] {
        var chain: [Int] = []
        var found: [HierarchicalClustering.FoundMerge] = []
        found.reserveCapacity(count - 1)
        while found.count < count - 1 {
            if chain.isEmpty { chain.append(Int(activeSlots.min() ?? 0)) }
            let a = chain[chain.count - 1]
            let previous = chain.count >= 2 ? chain[chain.count - 2] : -1
            // Ties go to the previous chain element, so the chain cannot cycle.
            var (nearest, nearestDistance) = nearestNeighbour(of: a, excluding: previous)
            if previous >= 0 {
                let toPrevious = distance(a, previous)
                if toPrevious <= nearestDistance { (nearest, nearestDistance) = (previous, toPrevious) }
            }
            if nearest == previous {
                chain.removeLast(2)
                let (low, high) = (min(a, nearest), max(a, nearest))
                found.append(.init(a: low, b: high, distance: nearestDistance, height: nearestDistance.squareRoot()))
                merge(low, into: high)
            } else {
                chain.append(nearest)
            }
        }
        return found
    }

    /// Squared Ward height between two active slots.
    func distance(_ a: Int, _ b: Int) -> Double {
        centroids.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress.unsafelyUnwrapped)  // non-empty: count > 1
            let squared = FlatWardSpace.squaredDistance(base, a * stride, b * stride, stride)
            return 2 * sizes[a] * sizes[b] / (sizes[a] + sizes[b]) * squared
        }
    }

    /// The nearest active slot to `a` other than `a` and `excluded`, lowest slot first on a tie
    /// within one scan part.
    func nearestNeighbour(of a: Int, excluding excluded: Int) -> (Int, Double) {
        let active = activeSlots.count
        let parts = active > 4096 ? threads : 1
        var bests = [(Int, Double)](repeating: (-1, .infinity), count: parts)
        centroids.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress.unsafelyUnwrapped)  // non-empty: count > 1
            sizes.withUnsafeBufferPointer { sizes in
                activeSlots.withUnsafeBufferPointer { slots in
                    bests.withUnsafeMutableBufferPointer { buffer in
                        let results = buffer
                        let scan = { (part: Int) in
                            let lower = active * part / parts
                            let upper = active * (part + 1) / parts
                            let sizeA = sizes[a]
                            // Candidates are compared as fractions, 2·|A|·|X|·‖·‖² against best·(|A|+|X|),
                            // so the scan needs no division; only the winner's distance is divided out.
                            var best = -1
                            var bestNumerator = Double.infinity
                            var bestDenominator = 1.0
                            for index in lower..<upper {
                                let x = Int(slots[index])
                                if x == a || x == excluded { continue }
                                let squared = FlatWardSpace.squaredDistance(base, a * stride, x * stride, stride)
                                let numerator = 2 * sizeA * sizes[x] * squared
                                let denominator = sizeA + sizes[x]
                                let left = numerator * bestDenominator
                                let right = bestNumerator * denominator
                                if left < right || (left == right && x < best) {
                                    best = x
                                    bestNumerator = numerator
                                    bestDenominator = denominator
                                }
                            }
                            results[part] = (best, best >= 0 ? bestNumerator / bestDenominator : .infinity)
                        }
                        if parts == 1 { scan(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: scan) }
                    }
                }
            }
        }
        var result = bests[0]
        for candidate in bests.dropFirst() where candidate.1 < result.1 || (candidate.1 == result.1 && candidate.0 < result.0 && candidate.0 >= 0) {
            result = candidate
        }
        return result
    }

    mutating func merge(_ a: Int, into b: Int) {
        let total = sizes[a] + sizes[b]
        for k in 0..<stride {
            centroids[b * stride + k] = (sizes[a] * centroids[a * stride + k] + sizes[b] * centroids[b * stride + k]) / total
        }
        sizes[b] = total
        let index = Int(position[a])
        let last = activeSlots[activeSlots.count - 1]
        activeSlots[index] = last
        position[Int(last)] = Int32(index)
        activeSlots.removeLast()
        position[a] = -1
    }

    /// ‖x − y‖² over `length` doubles (a multiple of 4) at element offsets `x` and `y`.
    @inline(__always)
    static func squaredDistance(_ base: UnsafeRawPointer, _ x: Int, _ y: Int, _ length: Int) -> Double {
        var sum = SIMD4<Double>()
        var k = 0
        while k < length {
            let u = base.loadUnaligned(fromByteOffset: (x + k) * 8, as: SIMD4<Double>.self)
            let v = base.loadUnaligned(fromByteOffset: (y + k) * 8, as: SIMD4<Double>.self)
            let difference = u - v
            sum += difference * difference
            k += 4
        }
        return sum.sum()
    }
}
