/// k-means clustering of dense vectors by Lloyd's iterations with k-means++ seeding
/// (Arthur and Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007).
///
/// Problem: choose k centres minimising the sum of squared Euclidean distances from each point
/// to its nearest centre. Given points, k, an iteration cap and a seed; returns the centres and
/// each point's centre. Lloyd's method finds a local minimum only; the seeding makes a poor one
/// unlikely. Used to group traffic so a query strategy can ask about every kind of behaviour once.
/// - Complexity: O(n k d) per iteration, O(n + k d) memory beyond the points.
public struct KMeans: Sendable {
    public private(set) var centres: [[Double]]
    public private(set) var assignments: [Int]
    /// Lloyd iterations run before the assignments stopped changing or the cap was hit.
    public private(set) var iterations: Int

    public init(points: [[Double]], k: Int, maxIterations: Int = 25, seed: UInt64 = 1) {
        precondition(k > 0, "k must be positive")
        var generator = SeededGenerator(seed: seed)
        centres = KMeans.seed(points: points, k: min(k, points.count), generator: &generator)
        assignments = Array(repeating: 0, count: points.count)
        iterations = 0
        guard !centres.isEmpty else { return }
        for iteration in 1...max(1, maxIterations) {
            iterations = iteration
            let changed = assign(points)
            recomputeCentres(points)
            if !changed && iteration > 1 { break }
        }
    }

    /// Index of the centre nearest to `point`.
    public func nearestCentre(_ point: [Double]) -> Int {
        var best = 0, bestDistance = Double.infinity
        for (index, centre) in centres.enumerated() {
            let distance = KMeans.squaredDistance(point, centre)
            if distance < bestDistance { best = index; bestDistance = distance }
        }
        return best
    }

    public static func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in 0..<min(a.count, b.count) {
            let d = a[i] - b[i]
            sum += d * d
        }
        return sum
    }

    private static func seed(points: [[Double]], k: Int, generator: inout SeededGenerator) -> [[Double]] {
        guard k > 0, let first = points.randomElement(using: &generator) else { return [] }
        var centres = [first]
        var distances = points.map { squaredDistance($0, first) }
        while centres.count < k {
            let total = distances.reduce(0, +)
            guard total > 0 else { break }
            var target = Double.random(in: 0..<total, using: &generator)
            var chosen = points.count - 1
            for (index, distance) in distances.enumerated() {
                target -= distance
                if target < 0 { chosen = index; break }
            }
            centres.append(points[chosen])
            for index in points.indices {
                distances[index] = min(distances[index], squaredDistance(points[index], points[chosen]))
            }
        }
        return centres
    }

    private mutating func assign(_ points: [[Double]]) -> Bool {
        var changed = false
        for (index, point) in points.enumerated() {
            let nearest = nearestCentre(point)
            if nearest != assignments[index] { changed = true; assignments[index] = nearest }
        }
        return changed
    }

    private mutating func recomputeCentres(_ points: [[Double]]) {
        let dimension = centres.first?.count ?? 0
        var sums = Array(repeating: Array(repeating: 0.0, count: dimension), count: centres.count)
        var counts = Array(repeating: 0, count: centres.count)
        for (index, point) in points.enumerated() {
            let centre = assignments[index]
            counts[centre] += 1
            for d in 0..<min(dimension, point.count) { sums[centre][d] += point[d] }
        }
        for centre in centres.indices where counts[centre] > 0 {
            centres[centre] = sums[centre].map { $0 / Double(counts[centre]) }
        }
    }
}
