/// A per-feature transform fitted on training rows: optional `log1p(max(x, 0))`, then
/// z-score standardisation `(x − mean) / sd`.
///
/// Packet counts and byte sizes span orders of magnitude, so the log keeps a few floods from
/// setting the scale. Standardisation then gives every feature equal weight in the SVM's norm.
/// The standard deviation is the population one (divide by *n*), as scikit-learn's
/// `StandardScaler`. A feature with sd 0 in training always maps to 0.
/// A value that is NaN or infinite after the log step maps to 0 (the training mean) and is left
/// out of fitting, so the SVMs never see non-finite values from this scaler. Under the log
/// step −∞ counts as negative and becomes 0 before standardisation.
/// The scaler is `Codable`, and `parameters`/`init(parameters:)` store it as one flat array.
public struct FeatureScaler: Sendable, Codable, Equatable {
    /// Whether each feature is log-scaled before standardisation.
    public let logScaled: [Bool]
    /// Mean of each feature after the log step, over the finite training values.
    public let means: [Double]
    /// Population standard deviation of each feature after the log step; 0 for a constant feature.
    public let standardDeviations: [Double]

    /// Fits the means and deviations on `rows`, each with one value per feature.
    /// - Complexity: O(*n* · *d*) for *n* rows of *d* features.
    public init(fitting rows: [[Double]], logScaled: [Bool]) {
        let dimension = logScaled.count
        precondition(rows.allSatisfy { $0.count == dimension }, "every row needs one value per feature")
        var sums = [Double](repeating: 0, count: dimension)
        var counts = [Int](repeating: 0, count: dimension)
        for row in rows {
            for feature in 0..<dimension {
                let value = FeatureScaler.preScale(row[feature], log: logScaled[feature])
                guard value.isFinite else { continue }
                sums[feature] += value
                counts[feature] += 1
            }
        }
        let means = (0..<dimension).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : 0 }

        // A second pass over the centred values avoids the cancellation of Σx² − n·mean².
        var squares = [Double](repeating: 0, count: dimension)
        for row in rows {
            for feature in 0..<dimension {
                let value = FeatureScaler.preScale(row[feature], log: logScaled[feature])
                guard value.isFinite else { continue }
                squares[feature] += (value - means[feature]) * (value - means[feature])
            }
        }
        self.logScaled = logScaled
        self.means = means
        standardDeviations = (0..<dimension).map {
            counts[$0] > 0 ? (squares[$0] / Double(counts[$0])).squareRoot() : 0
        }
    }

    /// Restores a scaler from `parameters`, or returns `nil` unless the array has 3 *d* entries
    /// with every log flag 0 or 1 and every deviation finite and non-negative.
    public init?(parameters: [Double]) {
        guard parameters.count % 3 == 0 else { return nil }
        let dimension = parameters.count / 3
        let flags = parameters[0..<dimension]
        let means = Array(parameters[dimension..<(2 * dimension)])
        let deviations = Array(parameters[(2 * dimension)...])
        guard flags.allSatisfy({ $0 == 0 || $0 == 1 }), means.allSatisfy(\.isFinite),
            deviations.allSatisfy({ $0.isFinite && $0 >= 0 })
        else { return nil }
        logScaled = flags.map { $0 == 1 }
        self.means = means
        standardDeviations = deviations
    }

    /// The scaler as one flat array: log flags (0 or 1), then means, then deviations.
    public var parameters: [Double] {
        logScaled.map { $0 ? 1 : 0 } + means + standardDeviations
    }

    /// The number of features.
    public var dimension: Int { logScaled.count }

    /// Returns the scaled row.
    /// - Complexity: O(*d*).
    public func transform(_ row: [Double]) -> [Double] {
        precondition(row.count == dimension, "every row needs one value per feature")
        return (0..<dimension).map { feature in
            let value = FeatureScaler.preScale(row[feature], log: logScaled[feature])
            let deviation = standardDeviations[feature]
            guard value.isFinite, deviation > 0 else { return 0 }
            return (value - means[feature]) / deviation
        }
    }

    /// Returns the scaled row as a sparse vector for the SVMs.
    public func transformToSparse(_ row: [Double]) -> SparseVector {
        SparseVector(dense: transform(row))
    }

    private static func preScale(_ value: Double, log: Bool) -> Double {
        log ? naturalLogarithmOnePlus(max(value, 0)) : value
    }
}
