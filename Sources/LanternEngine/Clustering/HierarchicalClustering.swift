/// Agglomerative hierarchical clustering of dense vectors with Ward, average, complete or
/// single linkage, returning the merge tree in SciPy's linkage-matrix layout.
///
/// Ward linkage keeps one centroid and size per cluster, so it needs O(*n* · *d*) memory. The
/// other linkages update a condensed distance matrix of 4 *n*² bytes (8 bytes per pair), which
/// is about 400 MB at 10,000 points. Every linkage costs O(*n*²) distance evaluations.
/// Prototypes for the subnet timeline come from `cut(clusterCount:)` and `prototypes(of:labels:)`.
public struct HierarchicalClustering: Sendable {
    /// The rule for the distance between two clusters.
    public enum Linkage: String, Sendable, Codable, CaseIterable {
        /// Ward's minimum-variance criterion: the height of a merge is
        /// `√(2 |A||B| / (|A|+|B|)) · ‖c_A − c_B‖`, as SciPy reports it.
        case ward
        /// The mean of the pairwise distances (UPGMA).
        case average
        /// The largest pairwise distance.
        case complete
        /// The smallest pairwise distance.
        case single
    }

    /// One merge: two clusters joined at a height into a new cluster.
    ///
    /// Clusters are numbered as in SciPy: points are 0..<n, and the cluster made by merge `m`
    /// (0-based, in increasing height) is `n + m`.
    public struct Merge: Sendable, Equatable, Codable {
        /// The smaller of the two cluster numbers.
        public var first: Int
        /// The larger of the two cluster numbers.
        public var second: Int
        /// The linkage distance between the two clusters.
        public var height: Double
        /// The number of points in the new cluster.
        public var size: Int
    }

    public let linkage: Linkage
    /// The number of clustered points.
    public let pointCount: Int
    /// The *n* − 1 merges in increasing height (ties in the order the algorithm found them).
    public let merges: [Merge]

    /// Clusters `points`, which must all have the same dimension.
    /// - Complexity: O(*n*² · *d*) time; memory as in the type overview.
    public init(points: [[Double]], linkage: Linkage) {
        let dimension = points.first?.count ?? 0
        precondition(points.allSatisfy { $0.count == dimension }, "every point needs the same dimension")
        self.linkage = linkage
        pointCount = points.count
        guard points.count > 1 else {
            merges = []
            return
        }
        var space: ClusterSpace =
            linkage == .ward ? CentroidSpace(points: points) : MatrixSpace(points: points, linkage: linkage)
        let found = HierarchicalClustering.nearestNeighbourChain(count: points.count, space: &space)
        merges = HierarchicalClustering.label(found, count: points.count)
    }

    /// The merges as SciPy's linkage matrix: one row `[first, second, height, size]` per merge.
    public var linkageMatrix: [[Double]] {
        merges.map { [Double($0.first), Double($0.second), $0.height, Double($0.size)] }
    }
}

/// The cluster distances that the nearest-neighbour chain queries, over slots 0..<n. Each slot
/// is an active cluster or was retired by a merge.
protocol ClusterSpace {
    /// Returns the linkage distance between the clusters in two active slots, in the units used
    /// for comparison (for Ward the squared height).
    func distance(_ a: Int, _ b: Int) -> Double
    /// Merges slot `a` into slot `b`, which then contains the union.
    mutating func merge(_ a: Int, into b: Int)
    /// Converts a comparison distance to the reported merge height.
    func height(_ distance: Double) -> Double
}
