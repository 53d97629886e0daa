/// The daily vector of a subnet-day: its TAP distribution, optionally followed by the share of
/// its (host, window) pairs that match each signature.
///
/// The TAP part is the 27 cell counts normalised to sum 1. With the square-root transform (the
/// default) each share becomes its square root, so the Euclidean distance between two vectors
/// is √2 times the Hellinger distance of the distributions and stays within [0, √2]; rare cells
/// weigh more than with raw shares. The signature part carries what the TAP cells cannot: a
/// new campaign on 5000/TCP sits in the same cell as telnet scanning, but not in the same
/// signature. Each signature dimension is `weight · √(matches / windows)`.
public struct DailyVector: Sendable, Equatable, Codable {
    /// How shares are turned into coordinates.
    public enum Transform: String, Sendable, Codable, CaseIterable {
        /// Square roots of the shares (Hellinger geometry).
        case sqrt
        /// The shares themselves.
        case share
    }

    public var transform: Transform = .sqrt
    /// Signature names, one dimension each after the 27 TAP cells; empty to leave them out.
    public var signatures: [String] = []
    /// Scale of the signature dimensions relative to the TAP part.
    public var signatureWeight: Double = 1

    public init(transform: Transform = .sqrt, signatures: [String] = [], signatureWeight: Double = 1) {
        self.transform = transform
        self.signatures = signatures
        self.signatureWeight = signatureWeight
    }

    /// The vector length: 27 plus one per signature.
    public var dimension: Int { TAPCell.count + signatures.count }

    /// The vector of `counts`; all zeros for a day without windows.
    public func vector(_ counts: SubnetDayCounts) -> [Double] {
        var result = [Double](repeating: 0, count: dimension)
        let total = counts.cells.reduce(0, +)
        if total > 0 {
            for index in 0..<TAPCell.count {
                result[index] = coordinate(Double(counts.cells[index]) / Double(total))
            }
        }
        if counts.windows > 0 {
            for (offset, name) in signatures.enumerated() {
                let share = min(1, Double(counts.signatures[name] ?? 0) / Double(counts.windows))
                result[TAPCell.count + offset] = signatureWeight * coordinate(share)
            }
        }
        return result
    }

    private func coordinate(_ share: Double) -> Double {
        transform == .sqrt ? share.squareRoot() : share
    }

    /// Returns the TAP share of each cell from a vector, undoing the transform.
    public func cellShares(of vector: [Double]) -> [Double] {
        (0..<TAPCell.count).map { transform == .sqrt ? vector[$0] * vector[$0] : vector[$0] }
    }

    /// Returns the signature share of each signature from a vector, undoing weight and transform.
    public func signatureShares(of vector: [Double]) -> [Double] {
        signatures.indices.map { offset in
            guard signatureWeight > 0 else { return 0 }
            let value = vector[TAPCell.count + offset] / signatureWeight
            return transform == .sqrt ? value * value : value
        }
    }
}
