import Foundation

/// log1p on count-like features, then standardisation to zero mean and unit variance.
///
/// Fitted on every window, labelled or not: scaling needs no labels, and fitting on all of
/// them keeps the transform stable while labels arrive one by one.
public struct FeatureTransform: Sendable, Codable, Equatable {
    public var indices: [Int]
    public var logScaled: [Bool]
    public var means: [Double]
    public var deviations: [Double]

    /// - Complexity: O(n d).
    public init(fitting rows: [[Double]], indices: [Int], logScaled allLogScaled: [Bool]) {
        self.indices = indices
        logScaled = indices.map { $0 < allLogScaled.count ? allLogScaled[$0] : false }
        means = Array(repeating: 0, count: indices.count)
        deviations = Array(repeating: 1, count: indices.count)
        guard !rows.isEmpty else { return }
        var sums = Array(repeating: 0.0, count: indices.count)
        var squares = Array(repeating: 0.0, count: indices.count)
        for row in rows {
            let values = raw(row)
            for i in values.indices {
                sums[i] += values[i]
                squares[i] += values[i] * values[i]
            }
        }
        let n = Double(rows.count)
        for i in indices.indices {
            means[i] = sums[i] / n
            let variance = max(0, squares[i] / n - means[i] * means[i])
            deviations[i] = variance > 1e-12 ? variance.squareRoot() : 0
        }
    }

    private func raw(_ row: [Double]) -> [Double] {
        indices.enumerated().map { position, index in
            let value = index < row.count && row[index].isFinite ? row[index] : 0
            return logScaled[position] ? log1p(max(value, 0)) : value
        }
    }

    /// Returns the standardised vector; a feature with no spread maps to 0.
    public func apply(_ row: [Double]) -> [Double] {
        let values = raw(row)
        return values.indices.map { i in deviations[i] > 0 ? (values[i] - means[i]) / deviations[i] : 0 }
    }
}
