import LanternEngine

// TODO: replace with the engine's metrics and cross-validation types once they land; these two
// exist only so the triage layer could be written while the engine was in progress.

/// Confusion counts of a binary decision with the usual ratios (0 for an empty denominator).
public struct ConfusionCounts: Sendable, Equatable {
    public var truePositives = 0, falsePositives = 0, trueNegatives = 0, falseNegatives = 0
    public init() {}

    public mutating func add(predicted: Bool, actual: Bool) {
        switch (predicted, actual) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, false): trueNegatives += 1
        case (false, true): falseNegatives += 1
        }
    }

    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
    public var trueNegativeRate: Double { ratio(trueNegatives, trueNegatives + falsePositives) }
    public var accuracy: Double { ratio(truePositives + trueNegatives, truePositives + trueNegatives + falsePositives + falseNegatives) }

    private func ratio(_ a: Int, _ b: Int) -> Double { b > 0 ? Double(a) / Double(b) : 0 }
}

/// Stratified k-fold split with a seeded shuffle.
struct StratifiedFolds {
    private var assignment: [Int]
    let count: Int

    init(labels: [Bool], folds: Int, seed: UInt64) {
        count = max(2, folds)
        assignment = Array(repeating: 0, count: labels.count)
        var generator = SeededGenerator(seed: seed)
        for value in [true, false] {
            var members = labels.indices.filter { labels[$0] == value }
            members.shuffle(using: &generator)
            for (position, index) in members.enumerated() { assignment[index] = position % count }
        }
    }

    func trainingIndices(_ fold: Int) -> [Int] { assignment.indices.filter { assignment[$0] != fold } }
    func testIndices(_ fold: Int) -> [Int] { assignment.indices.filter { assignment[$0] == fold } }
}
