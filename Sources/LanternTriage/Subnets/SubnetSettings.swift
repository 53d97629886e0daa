import LanternDarknet
import LanternEngine

/// Settings of `lantern cluster`: which subnet-days train the prototypes and how.
public struct SubnetClusterSettings: Sendable, Codable, Equatable {
    /// K, the number of prototypes the tree is cut into.
    public var prototypeCount = 15
    public var linkage: HierarchicalClustering.Linkage = .ward
    public var transform: DailyVector.Transform = .sqrt
    /// Whether signature shares follow the 27 TAP shares in the daily vector.
    public var useSignatures = true
    /// Scale of the signature dimensions relative to the TAP part.
    public var signatureWeight = 1.0
    /// Subnet-days with fewer (host, window) pairs are too thin to train on or to raise a flag:
    /// one stray packet makes a one-hot vector. They are still assigned a prototype.
    public var minimumWindows = 10
    /// Training subnet-days beyond this are thinned by an even stride, because clustering costs
    /// O(n²) time; 20,000 Ward points take seconds.
    public var maximumTrainingPoints = 20_000

    public init() {}
}

/// Settings of the early warning.
///
/// A subnet is flagged on a day when it moves into a prototype it has not been in for
/// `memoryDays` days and either the move is rare (smoothed transition probability below
/// `transitionThreshold`) or few subnets have ever been in that prototype (share below
/// `visitThreshold`). Both are judged only against days before the flagged one.
public struct EarlyWarningSettings: Sendable, Codable, Equatable {
    /// Largest smoothed probability P(to | from) that still counts as a rare transition.
    public var transitionThreshold = 0.02
    /// Largest share of active subnets that visited a prototype for a move into it to count as rare.
    public var visitThreshold = 0.01
    /// Additive smoothing α: P(to | from) = (n(from→to) + α·m(to)) / (n(from→·) + α), with m
    /// the prototype's share of all past subnet-days.
    public var smoothing = 1.0
    /// Days of history before the first flag may be raised.
    public var warmupDays = 3
    /// A move into a prototype the subnet itself was in during this many preceding days is
    /// familiar and never flagged; this absorbs one-day gaps and subnets that alternate.
    public var memoryDays = 28

    public init() {}
}
