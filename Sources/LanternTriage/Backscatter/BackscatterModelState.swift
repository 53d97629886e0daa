/// What is saved of a backscatter model: enough to score windows and draw tile graphs
/// without the training set.
public struct BackscatterModelState: Sendable, Codable, Equatable {
    /// Whether an SVM decides (false: the packet-type rule scores, because labels hold one class).
    public var active: Bool
    public var settings: BackscatterSettings
    public var transform: FeatureTransform
    public var weights: [Double]
    public var intercept: Double
    /// Cost chosen by cross-validation, and the cross-validated F1 of each cost tried.
    public var cost: Double
    public var costScores: [Double]
    /// Means of the transformed features over the backscatter and the non-backscatter training rows.
    public var backscatterMean: [Double]
    public var notBackscatterMean: [Double]
    public var trainedOn: TrainingCounts
    /// True when the last solver call stopped at its iteration limit.
    public var hitIterationLimit: Bool

    /// Decision value of a stored feature vector; positive leans backscatter.
    public func decisionValue(_ features: [Double]) -> Double {
        let x = transform.apply(features)
        var sum = intercept
        for (weight, value) in zip(weights, x) { sum += weight * value }
        return sum
    }

    /// Short description for the status line, for example "linear C=1".
    public var description: String {
        active ? "linear C=\(BackscatterModelState.format(cost))" : "packet-type rule"
    }

    static func format(_ value: Double) -> String {
        value >= 1 ? String(Int(value)) : String(value)
    }
}

/// How many labels of each origin and class a model was trained on.
public struct TrainingCounts: Sendable, Codable, Equatable {
    public var mechanicalBackscatter = 0
    public var mechanicalNotBackscatter = 0
    public var analystBackscatter = 0
    public var analystNotBackscatter = 0
    /// Mechanically labelled windows in the store; training keeps a capped subsample of them.
    public var mechanicalAvailable = 0

    public init() {}

    public var hasBothClasses: Bool {
        (mechanicalBackscatter + analystBackscatter) > 0 && (mechanicalNotBackscatter + analystNotBackscatter) > 0
    }
}
