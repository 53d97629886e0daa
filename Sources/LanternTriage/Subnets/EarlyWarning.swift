import Foundation

/// Flags subnets whose move between prototypes history makes rare.
///
/// Problem: among thousands of subnets that change prototype every day for dull reasons (a
/// scanner host comes or goes, a quiet day), find the few whose move is unusual, as a new
/// campaign's first subnets are. Given every subnet's state per day (a prototype, or *quiet*
/// for a day with too few windows or none), it walks the days in order and judges each move
/// only against the days before it:
///
/// * **Familiar moves are never flagged**: a move into a prototype the subnet itself was in
///   during the last `memoryDays` days. This absorbs one-day gaps and alternating subnets,
///   which make a plain Markov rarity threshold flag a few percent of all subnets a day.
/// * **Rare transition**: the smoothed probability
///   P(to | from) = (n(from→to) + α·m(to)) / (n(from→·) + α) is below `transitionThreshold`,
///   where n counts past subnet-day transitions and m(to) is `to`'s share of past non-quiet
///   subnet-days (add-one smoothed), so an unseen pair falls back to how common `to` is.
/// * **Rarely visited prototype**: fewer than `visitThreshold` of the subnets active so far
///   have ever been in `to`.
///
/// Rarity is reported as −log10 P(to | from). The first `warmupDays` days only build history.
/// - Complexity: O(s · d) for s subnets and d days, O(s · k) memory for k prototypes.
public struct EarlyWarning: Sendable {
    /// One flag before it is stored.
    public struct Flag: Sendable, Equatable {
        public var subnet: Int
        public var day: Int
        /// nil when the subnet was quiet the day before.
        public var from: Int?
        public var to: Int
        public var probability: Double
        /// Share of active subnets that had visited `to` before this day.
        public var visitShare: Double
        public var rarity: Double { -log10(max(probability, 1e-12)) }
    }

    public let settings: EarlyWarningSettings
    public let prototypeCount: Int

    public init(settings: EarlyWarningSettings, prototypeCount: Int) {
        self.settings = settings
        self.prototypeCount = prototypeCount
    }

    /// Flags of every day.
    /// - Parameters:
    ///   - states: per subnet, one state per day from day 0: a prototype in `0..<prototypeCount`,
    ///     or nil when quiet.
    ///   - dayCount: days in each row.
    public func flags(states: [[Int?]], dayCount: Int) -> [Flag] {
        let quiet = prototypeCount
        let stateCount = prototypeCount + 1
        var transitions = [Double](repeating: 0, count: stateCount * stateCount)
        var outgoing = [Double](repeating: 0, count: stateCount)
        var visits = [Double](repeating: 0, count: prototypeCount)
        var visitors = [Int](repeating: 0, count: prototypeCount)
        var lastVisit = [[Int]](repeating: [Int](repeating: Int.min / 2, count: prototypeCount), count: states.count)
        var everActive = [Bool](repeating: false, count: states.count)
        var activeSubnets = 0
        var flags: [Flag] = []

        for day in 0..<dayCount {
            var moves: [(from: Int, to: Int)] = []
            let totalVisits = visits.reduce(0, +)
            for (subnet, row) in states.enumerated() {
                let current = day < row.count ? row[day] : nil
                let previous = day > 0 && day - 1 < row.count ? row[day - 1] : nil
                guard current != nil || previous != nil else { continue }
                let from = previous ?? quiet
                let to = current ?? quiet
                moves.append((from, to))
                guard let target = current, day >= settings.warmupDays, target != previous,
                      day - lastVisit[subnet][target] > settings.memoryDays else { continue }

                let marginal = (visits[target] + 1) / (totalVisits + Double(prototypeCount))
                let probability = (transitions[from * stateCount + target] + settings.smoothing * marginal)
                    / (outgoing[from] + settings.smoothing)
                let visitShare = activeSubnets > 0 ? Double(visitors[target]) / Double(activeSubnets) : 0
                if probability < settings.transitionThreshold || visitShare < settings.visitThreshold {
                    flags.append(Flag(subnet: subnet, day: day, from: previous, to: target, probability: probability, visitShare: visitShare))
                }
            }

            // The day joins history only after all its moves were judged.
            for move in moves {
                transitions[move.from * stateCount + move.to] += 1
                outgoing[move.from] += 1
            }
            for (subnet, row) in states.enumerated() {
                guard day < row.count, let target = row[day] else { continue }
                visits[target] += 1
                if lastVisit[subnet][target] < 0 { visitors[target] += 1 }
                lastVisit[subnet][target] = day
                if !everActive[subnet] {
                    everActive[subnet] = true
                    activeSubnets += 1
                }
            }
        }
        return flags
    }
}
