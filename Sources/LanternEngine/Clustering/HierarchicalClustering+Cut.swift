extension HierarchicalClustering {
    /// Returns a flat cluster label in `0..<k` for each point, from the first *n* − *k* merges.
    ///
    /// Labels are numbered in order of each cluster's first point. Unlike SciPy's
    /// `fcluster(criterion='maxclust')`, which cuts at a height and can return fewer clusters
    /// when heights tie, this always returns exactly `min(k, n)` clusters.
    /// - Complexity: O(*n* α(*n*)).
    public func cut(clusterCount k: Int) -> [Int] {
        precondition(k >= 1, "at least one cluster")
        let n = pointCount
        var parent = Array(0..<max(2 * n - 1, n))
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for (step, merge) in merges.prefix(max(n - k, 0)).enumerated() {
            parent[root(merge.first)] = n + step
            parent[root(merge.second)] = n + step
        }

        var labelOfRoot: [Int: Int] = [:]
        return (0..<n).map { point in
            let top = root(point)
            if let label = labelOfRoot[top] { return label }
            labelOfRoot[top] = labelOfRoot.count
            return labelOfRoot.count - 1
        }
    }

    /// Returns the centroid of each flat cluster, indexed by label.
    /// - Complexity: O(*n* · *d*).
    public static func prototypes(of points: [[Double]], labels: [Int]) -> [[Double]] {
        precondition(points.count == labels.count, "one label per point")
        let clusterCount = (labels.max() ?? -1) + 1
        let dimension = points.first?.count ?? 0
        var sums = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: clusterCount)
        var counts = [Int](repeating: 0, count: clusterCount)
        for (point, label) in zip(points, labels) {
            counts[label] += 1
            for k in 0..<dimension { sums[label][k] += point[k] }
        }
        return (0..<clusterCount).map { label in
            sums[label].map { counts[label] > 0 ? $0 / Double(counts[label]) : 0 }
        }
    }

    /// Returns the index of the prototype nearest to `point` in Euclidean distance, the lowest
    /// index on a tie, or `nil` when there are no prototypes.
    /// - Complexity: O(*k* · *d*).
    public static func nearestPrototype(to point: [Double], among prototypes: [[Double]]) -> Int? {
        var best: Int?
        var bestDistance = Double.infinity
        for (index, prototype) in prototypes.enumerated() {
            var squared = 0.0
            for (x, y) in zip(point, prototype) { squared += (x - y) * (x - y) }
            if squared < bestDistance {
                best = index
                bestDistance = squared
            }
        }
        return best
    }
}
