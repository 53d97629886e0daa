import LanternDarknet

/// Settings of the backscatter model, its queue and its alerts.
public struct BackscatterSettings: Sendable, Codable, Equatable {
    /// The feature set the model reads.
    public enum FeatureSet: String, Sendable, Codable, CaseIterable {
        /// The seventeen published features.
        case baseline
        /// The baseline plus packet-kind shares, per-packet ratios, the host's history and two
        /// answer-times-diversity products.
        case extended
    }

    /// The SVM kernels training may choose between.
    public enum KernelChoice: String, Sendable, Codable, CaseIterable {
        /// Cross-validate both; RBF only when its F1 beats linear's by more than `rbfMargin`.
        case auto
        case linear
        case rbf
    }

    public var featureSet: FeatureSet = .extended
    public var kernel: KernelChoice = .auto
    /// Gammas tried for RBF, as multiples of 1 / (number of features).
    public var gammaGrid: [Double] = [0.1, 1, 10]
    /// Cross-validated F1 by which RBF must beat linear under `.auto`.
    public var rbfMargin = 0.01
    /// Mechanically labelled rows kept for RBF training: its cost grows with the square of the rows.
    public var rbfTrainingCap = 1_500
    /// Costs tried by cross-validation on the mechanically labelled windows.
    public var costGrid: [Double] = [0.01, 0.1, 1, 10]
    /// Folds of the cross-validation.
    public var folds = 3
    /// Mechanically labelled windows kept per class for training: they repeat each other, and a
    /// smaller set lets each analyst label move the boundary.
    public var mechanicalCapPerClass = 2_000
    /// How many times an analyst label counts relative to a mechanical one.
    public var analystWeight = 10
    /// Decision value at or above which a window is confident backscatter and raises an alert.
    public var alertThreshold = 1.0
    /// Decision values with magnitude below this are uncertain and queued for review.
    public var uncertainMargin = 1.0
    /// Prefix length of the IPv4 darknet, for the attack-rate estimate of alerts.
    public var darknetPrefixLength = 16
    /// Seed of every random choice (folds, subsamples, grouping), so runs repeat exactly.
    public var seed: UInt64 = 1

    public init() {}

    /// Indices of the stored feature vector that the model reads.
    public var featureIndices: [Int] {
        switch featureSet {
        case .baseline: return Array(0..<17)
        case .extended: return Array(0..<WindowFeatures.allNames.count)
        }
    }
}
