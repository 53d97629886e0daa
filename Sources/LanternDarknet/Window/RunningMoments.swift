/// Mean and standard deviation of a stream by Welford's update, so a window never keeps its values.
///
/// The standard deviation is the population form (divides by n), which is defined for a single
/// value (0) and matches how the published features were computed per window.
public struct RunningMoments: Sendable, Equatable {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    private var sumOfSquares = 0.0

    public init() {}

    public mutating func add(_ value: Double) {
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        sumOfSquares += delta * (value - mean)
    }

    public var standardDeviation: Double {
        count > 0 ? (max(sumOfSquares, 0) / Double(count)).squareRoot() : 0
    }

    /// Mean and standard deviation of a collection of counts, in one pass.
    public static func of<C: Sequence>(_ values: C) -> (mean: Double, standardDeviation: Double) where C.Element: BinaryInteger {
        var moments = RunningMoments()
        for value in values { moments.add(Double(value)) }
        return (moments.mean, moments.standardDeviation)
    }
}
