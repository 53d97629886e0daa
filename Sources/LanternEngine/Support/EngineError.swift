/// Errors the learning engine throws for input it cannot learn from.
///
/// Mistakes in calling code, such as label and sample counts that differ or a negative cost,
/// stop the program with a precondition instead, because no user action can fix them.
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A feature value is NaN or infinite, which would turn every weight into NaN.
    case nonFiniteFeature(sample: Int, feature: Int, value: Double)

    /// A sentence naming the sample, the feature and what to do next.
    public var description: String {
        switch self {
        case let .nonFiniteFeature(sample, feature, value):
            return "Sample \(sample) has the non-finite value \(value) at feature \(feature); "
                + "scale the features with FeatureScaler, which replaces non-finite values, before training."
        }
    }
}
