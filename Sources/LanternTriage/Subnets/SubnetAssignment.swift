import Foundation
import LanternDarknet
import LanternEngine
import LanternStore

/// The outcome of assigning every subnet-day to the newest prototype set.
public struct SubnetAssignmentReport: Sendable {
    public var version: Int
    public var subnets: Int
    public var subnetDays: Int
    public var days: ClosedRange<Int>
    public var flags: Int
}

/// Assigns every stored subnet-day to its nearest prototype of the newest set and recomputes
/// the early-warning flags; `lantern cluster` runs it, and `lantern ingest` again after new days.
///
/// A day with fewer than `minimumWindows` (host, window) pairs still gets its nearest prototype,
/// marked as thin (`SubnetAssignment.thinMark` set in the stored byte), and counts as quiet for
/// the early warning. Days are read a week at a time, so memory holds one week of counts plus
/// one byte per subnet and day.
/// - Complexity: O(r · k · d) for r subnet-days, k prototypes of dimension d, plus the warning.
public enum SubnetAssignment {
    /// Bit set in a sequence byte for a day too thin to judge.
    public static let thinMark: UInt8 = 0x80

    @discardableResult
    public static func run(store: Store) throws -> SubnetAssignmentReport? {
        guard let set = try store.latestPrototypeSet(), let settings = PrototypeSetSettings.decode(set.settings),
              let days = try store.subnetDayRange() else { return nil }
        let centroids = set.prototypes.map(\.centroid)
        var rows: [String: [UInt8]] = [:]
        var windows: [String: Int] = [:]
        var subnetDays = 0
        var chunkStart = days.lowerBound
        while chunkStart <= days.upperBound {
            let chunk = chunkStart...min(days.upperBound, chunkStart + 6)
            for (subnet, byDay) in try store.subnetDays(in: chunk) {
                var row = rows[subnet] ?? [UInt8](repeating: StoredSequence.noData, count: days.count)
                for (day, counts) in byDay {
                    guard let nearest = HierarchicalClustering.nearestPrototype(to: settings.vector.vector(counts), among: centroids)
                    else { continue }
                    let thin = counts.windows < settings.cluster.minimumWindows
                    row[day - days.lowerBound] = UInt8(nearest) | (thin ? thinMark : 0)
                    windows[subnet, default: 0] += counts.windows
                    subnetDays += 1
                }
                rows[subnet] = row
            }
            chunkStart = chunk.upperBound + 1
        }

        let subnets = rows.keys.sorted()
        let states: [[Int?]] = subnets.map { subnet in
            (rows[subnet] ?? []).map { $0 == StoredSequence.noData || $0 & thinMark != 0 ? nil : Int($0) }
        }
        let warning = EarlyWarning(settings: settings.warning, prototypeCount: centroids.count)
        let flags = warning.flags(states: states, dayCount: days.count).map { flag in
            StoredFlag(
                version: set.version, subnet: subnets[flag.subnet], day: days.lowerBound + flag.day, fromPrototype: flag.from,
                toPrototype: flag.to, rarity: flag.rarity, reason: reason(flag, settings: settings.warning))
        }
        try store.database.transaction {
            try store.replaceSequences(subnets.map { StoredSequence(subnet: $0, firstDay: days.lowerBound, prototypes: rows[$0] ?? [], windows: windows[$0] ?? 0) },
                                       version: set.version)
            try store.replaceFlags(flags, version: set.version)
            try store.setMeta("subnet_assigned_through", String(days.upperBound))
        }
        return SubnetAssignmentReport(version: set.version, subnets: subnets.count, subnetDays: subnetDays, days: days, flags: flags.count)
    }

    /// Returns why a flag was raised, in one English line for the store and exports.
    static func reason(_ flag: EarlyWarning.Flag, settings: EarlyWarningSettings) -> String {
        FlagReason(flag, settings: settings).text
    }
}
