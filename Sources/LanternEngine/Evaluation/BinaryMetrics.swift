/// Confusion counts of a binary classifier and the scores derived from them.
///
/// Every score is defined for every table: a ratio whose denominator is 0 is reported as 0
/// rather than NaN, so that empty folds and classes with no positives sort and print cleanly.
/// This follows scikit-learn's `zero_division=0`. Callers that must tell "no data" from "all
/// wrong" check the counts.
public struct BinaryMetrics: Sendable, Codable, Equatable {
    public var truePositives: Int
    public var falsePositives: Int
    public var trueNegatives: Int
    public var falseNegatives: Int

    /// Creates metrics from confusion counts.
    public init(truePositives: Int = 0, falsePositives: Int = 0, trueNegatives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.trueNegatives = trueNegatives
        self.falseNegatives = falseNegatives
    }

    /// Counts predictions against true labels; true marks the positive class.
    /// - Complexity: O(*n*).
    public init(predicted: [Bool], actual: [Bool]) {
        precondition(predicted.count == actual.count, "one prediction per label")
        self.init()
        for (guess, truth) in zip(predicted, actual) {
            record(predicted: guess, actual: truth)
        }
    }

    /// Adds one prediction to the counts.
    public mutating func record(predicted: Bool, actual: Bool) {
        switch (predicted, actual) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, false): trueNegatives += 1
        case (false, true): falseNegatives += 1
        }
    }

    /// Returns the counts of both tables added, for pooling folds.
    public static func + (lhs: BinaryMetrics, rhs: BinaryMetrics) -> BinaryMetrics {
        BinaryMetrics(
            truePositives: lhs.truePositives + rhs.truePositives,
            falsePositives: lhs.falsePositives + rhs.falsePositives,
            trueNegatives: lhs.trueNegatives + rhs.trueNegatives,
            falseNegatives: lhs.falseNegatives + rhs.falseNegatives)
    }

    /// The number of predictions counted.
    public var total: Int { truePositives + falsePositives + trueNegatives + falseNegatives }

    /// TP / (TP + FP): the share of positive predictions that are right; 0 with no positive predictions.
    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }

    /// TP / (TP + FN), the true-positive rate; 0 when there are no positives.
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }

    /// TN / (TN + FP), the true-negative rate; 0 when there are no negatives.
    public var specificity: Double { ratio(trueNegatives, trueNegatives + falsePositives) }

    /// (TP + TN) / total; 0 for an empty table.
    public var accuracy: Double { ratio(truePositives + trueNegatives, total) }

    /// 2 TP / (2 TP + FP + FN), the harmonic mean of precision and recall; 0 when TP + FP + FN = 0.
    public var f1: Double { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

    /// The mean of recall and specificity, which does not reward predicting the majority class.
    /// A class with no samples contributes 0, so a table with one class scores at most 0.5.
    public var balancedAccuracy: Double { (recall + specificity) / 2 }

    /// Matthews correlation coefficient `(TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN))`, in
    /// [−1, 1]; 0 when any of the four sums is 0.
    public var matthewsCorrelation: Double {
        let tp = Double(truePositives)
        let fp = Double(falsePositives)
        let tn = Double(trueNegatives)
        let fn = Double(falseNegatives)
        let denominator = ((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)).squareRoot()
        return denominator > 0 ? (tp * tn - fp * fn) / denominator : 0
    }

    private func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator > 0 ? Double(numerator) / Double(denominator) : 0
    }
}
