import Foundation

/// The saved part of a backscatter model: enough to score windows and draw tile graphs
/// without the training set.
public struct BackscatterModelState: Sendable, Codable, Equatable {
    /// Whether an SVM decides (false: the packet-type rule scores, because labels hold one class).
    public var active: Bool
    public var settings: BackscatterSettings
    public var transform: FeatureTransform
    /// Which SVM decides; the fields after it that the other kernel does not use stay empty.
    public var kernel: Kernel = .linear
    /// Linear model: one weight per transformed feature.
    public var weights: [Double]
    public var intercept: Double
    /// RBF model: `k(x, z) = exp(-gamma ‖x − z‖²)`, support vectors and their `alpha_i y_i`.
    public var gamma: Double = 0
    public var supportVectors: [[Double]] = []
    public var supportCoefficients: [Double] = []
    /// Cost chosen by cross-validation, and the cross-validated F1 of each cost tried.
    public var cost: Double
    public var costScores: [Double]
    /// Means of the transformed features over the backscatter and the non-backscatter training rows.
    public var backscatterMean: [Double]
    public var notBackscatterMean: [Double]
    public var trainedOn: TrainingCounts
    /// True when the last solver call stopped at its iteration limit.
    public var hitIterationLimit: Bool

    /// The kernel of the SVM.
    public enum Kernel: String, Sendable, Codable, Equatable {
        case linear
        case rbf
    }

    /// Decision value of a stored feature vector; positive leans backscatter.
    /// - Complexity: O(d) for the linear model, O(s d) for RBF with s support vectors.
    public func decisionValue(_ features: [Double]) -> Double {
        let x = transform.apply(features)
        var sum = intercept
        switch kernel {
        case .linear:
            for (weight, value) in zip(weights, x) { sum += weight * value }
        case .rbf:
            for (vector, coefficient) in zip(supportVectors, supportCoefficients) {
                var distance = 0.0
                for i in 0..<min(vector.count, x.count) {
                    let d = vector[i] - x[i]
                    distance += d * d
                }
                sum += coefficient * exp(-gamma * distance)
            }
        }
        return sum
    }

    /// Short description for the status line, for example "linear C=1".
    public var description: String {
        guard active else { return "packet-type rule" }
        switch kernel {
        case .linear: return "linear C=\(BackscatterModelState.format(cost))"
        case .rbf: return "rbf C=\(BackscatterModelState.format(cost)) γ=\(BackscatterModelState.format(gamma))"
        }
    }

    static func format(_ value: Double) -> String {
        value >= 1 && value == value.rounded() ? String(Int(value)) : String(format: "%.3g", value)
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
