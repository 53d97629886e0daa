extension HierarchicalClustering {
    /// A merge as found, before renumbering: the two slots joined and the comparison distance.
    struct FoundMerge {
        var a: Int
        var b: Int
        var distance: Double
        var height: Double
    }

    /// Finds all merges with the nearest-neighbour chain.
    ///
    /// Problem: agglomerative clustering, repeatedly joining the two closest clusters. For a
    /// reducible linkage (Ward, average, complete, single: merging two clusters never brings
    /// the union closer to a third cluster than the nearer of the two was) the merges can be found
    /// in any order of reciprocal nearest neighbours. The chain follows nearest neighbours from
    /// a start cluster until two clusters are each other's nearest, merges them and continues
    /// from the rest of the chain. The result is the same tree as the naive algorithm.
    /// Given: `count` active slots in `space`. Returns: the `count − 1` merges in the order found.
    /// Source: Müllner, "Modern hierarchical, agglomerative clustering algorithms",
    /// arXiv:1109.2378 (2011), figure 4 (NN-chain-linkage).
    /// - Complexity: O(*n*²) distance evaluations, O(*n*) memory beyond `space`.
    static func nearestNeighbourChain(count: Int, space: inout ClusterSpace) -> [FoundMerge] {
        var active = [Bool](repeating: true, count: count)
        var chain: [Int] = []
        var found: [FoundMerge] = []
        found.reserveCapacity(count - 1)
        var firstActive = 0

        while found.count < count - 1 {
            if chain.isEmpty {
                while !active[firstActive] { firstActive += 1 }
                chain.append(firstActive)
            }
            let a = chain[chain.count - 1]
            let previous = chain.count >= 2 ? chain[chain.count - 2] : -1

            // Nearest active neighbour of a; ties go to the previous chain element so that the
            // chain cannot cycle.
            var nearest = previous
            var nearestDistance = previous >= 0 ? space.distance(a, previous) : Double.infinity
            for x in 0..<count where active[x] && x != a && x != previous {
                let d = space.distance(a, x)
                if d < nearestDistance {
                    nearest = x
                    nearestDistance = d
                }
            }

            if nearest == previous {
                chain.removeLast(2)
                let (low, high) = (min(a, nearest), max(a, nearest))
                found.append(FoundMerge(a: low, b: high, distance: nearestDistance, height: space.height(nearestDistance)))
                space.merge(low, into: high)
                active[low] = false
            } else {
                chain.append(nearest)
            }
        }
        return found
    }

    /// Sorts merges by distance (stable) and renumbers clusters as SciPy does, with a
    /// union-find over the slots.
    static func label(_ found: [FoundMerge], count: Int) -> [Merge] {
        let ordered = found.enumerated().sorted {
            ($0.element.distance, $0.offset) < ($1.element.distance, $1.offset)
        }.map(\.element)

        var parent = Array(0..<(2 * count - 1))
        var size = [Int](repeating: 1, count: 2 * count - 1)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }

        var merges: [Merge] = []
        for (step, merge) in ordered.enumerated() {
            let first = root(merge.a)
            let second = root(merge.b)
            let created = count + step
            parent[first] = created
            parent[second] = created
            size[created] = size[first] + size[second]
            merges.append(Merge(first: min(first, second), second: max(first, second), height: merge.height, size: size[created]))
        }
        return merges
    }
}

/// Ward linkage on centroids and sizes, O(*n* · *d*) memory.
///
/// The comparison distance is the squared Ward height `2 |A||B| / (|A|+|B|) · ‖c_A − c_B‖²`,
/// which equals the Lance–Williams update of squared Euclidean distances.
struct CentroidSpace: ClusterSpace {
    var centroids: [[Double]]
    var sizes: [Double]

    init(points: [[Double]]) {
        centroids = points
        sizes = Array(repeating: 1, count: points.count)
    }

    func distance(_ a: Int, _ b: Int) -> Double {
        var squared = 0.0
        for (x, y) in zip(centroids[a], centroids[b]) { squared += (x - y) * (x - y) }
        return 2 * sizes[a] * sizes[b] / (sizes[a] + sizes[b]) * squared
    }

    mutating func merge(_ a: Int, into b: Int) {
        let total = sizes[a] + sizes[b]
        for k in centroids[b].indices {
            centroids[b][k] = (sizes[a] * centroids[a][k] + sizes[b] * centroids[b][k]) / total
        }
        sizes[b] = total
        centroids[a] = []
    }

    func height(_ distance: Double) -> Double { distance.squareRoot() }
}

/// Average, complete or single linkage on a condensed Euclidean distance matrix, updated by the
/// Lance–Williams formulas.
struct MatrixSpace: ClusterSpace {
    let linkage: HierarchicalClustering.Linkage
    let count: Int
    /// Distances of pairs i < j at `index(i, j)`.
    var distances: [Double]
    var sizes: [Double]
    var active: [Bool]

    init(points: [[Double]], linkage: HierarchicalClustering.Linkage) {
        self.linkage = linkage
        count = points.count
        sizes = Array(repeating: 1, count: count)
        active = Array(repeating: true, count: count)
        distances = []
        distances.reserveCapacity(count * (count - 1) / 2)
        for i in 0..<count {
            for j in (i + 1)..<max(count, i + 1) {
                var squared = 0.0
                for (x, y) in zip(points[i], points[j]) { squared += (x - y) * (x - y) }
                distances.append(squared.squareRoot())
            }
        }
    }

    private func index(_ i: Int, _ j: Int) -> Int {
        let (low, high) = (min(i, j), max(i, j))
        return count * low - low * (low + 1) / 2 + (high - low - 1)
    }

    func distance(_ a: Int, _ b: Int) -> Double { distances[index(a, b)] }

    mutating func merge(_ a: Int, into b: Int) {
        active[a] = false
        for x in 0..<count where active[x] && x != b {
            let toA = distances[index(a, x)]
            let toB = distances[index(b, x)]
            let updated: Double
            switch linkage {
            case .average: updated = (sizes[a] * toA + sizes[b] * toB) / (sizes[a] + sizes[b])
            case .complete: updated = max(toA, toB)
            case .single, .ward: updated = min(toA, toB)
            }
            distances[index(b, x)] = updated
        }
        sizes[b] += sizes[a]
    }

    func height(_ distance: Double) -> Double { distance }
}
