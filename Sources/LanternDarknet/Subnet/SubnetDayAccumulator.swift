/// Builds per-subnet, per-day TAP counts and signature matches from closed windows, in the
/// same pass over the capture as the window summaries.
///
/// Memory holds the subnet-days still open plus the distinct hosts of each; `takeClosed(before:)`
/// hands over the days that ended well before the capture clock, so a long capture streams
/// through. A window that arrives for a day already handed over starts a second partial count of
/// that day; the store adds partial counts, so nothing is lost.
/// - Complexity: O(c + s) per window for c TAP cells (at most 3) and s signatures.
public final class SubnetDayAccumulator {
    /// The settings of subnet monitoring during ingest.
    public struct Configuration: Sendable {
        public var prefix = SubnetPrefix()
        public var thresholds = TAPThresholds()
        public var clock = DayClock()
        public var signatures = SignatureSet.builtIn.signatures
        /// Busiest destination ports kept per subnet-day.
        public var portsKept = 16

        public init() {}
    }

    private struct Entry {
        var counts = SubnetDayCounts()
        var hosts = Set<IPAddress>()
    }

    public let configuration: Configuration
    private var clock: DayClock
    private var open: [SubnetDayKey: Entry] = [:]
    /// The latest window start seen, seconds since the epoch.
    public private(set) var latestWindowStart = -Double.infinity

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        clock = configuration.clock
    }

    /// Number of subnet-days currently open.
    public var openDays: Int { open.count }

    /// Counts one closed window in its subnet-day.
    public func add(_ window: WindowSummary) {
        let key = SubnetDayKey(subnet: configuration.prefix.subnet(of: window.source), day: clock.day(of: window.windowStart))
        latestWindowStart = max(latestWindowStart, window.windowStart)
        let cells = TAPCell.cells(of: window, thresholds: configuration.thresholds)
        var entry = open[key] ?? Entry()
        open[key] = nil  // hold the only reference, so the tables are not copied
        for cell in cells { entry.counts.cells[cell.index] += 1 }
        for signature in configuration.signatures where signature.matches(window, cells: cells) {
            entry.counts.signatures[signature.name, default: 0] += 1
        }
        entry.counts.windows += 1
        entry.counts.packets += window.packets
        for port in window.topDestinationPorts { entry.counts.ports[port.key, default: 0] += port.count }
        entry.hosts.insert(window.source)
        open[key] = entry
    }

    /// Removes and returns the subnet-days that ended more than `margin` seconds before the
    /// latest window start seen.
    public func takeClosed(margin: Double = 3600) -> [(key: SubnetDayKey, counts: SubnetDayCounts)] {
        guard latestWindowStart.isFinite else { return [] }
        let lastClosedDay = clock.day(of: latestWindowStart - margin) - 1
        let keys = open.keys.filter { $0.day <= lastClosedDay }
        return keys.sorted().compactMap(take)
    }

    /// Removes and returns every open subnet-day; call at the end of the input.
    public func takeAll() -> [(key: SubnetDayKey, counts: SubnetDayCounts)] {
        open.keys.sorted().compactMap(take)
    }

    private func take(_ key: SubnetDayKey) -> (key: SubnetDayKey, counts: SubnetDayCounts)? {
        guard let entry = open.removeValue(forKey: key) else { return nil }
        var counts = entry.counts
        counts.hosts = entry.hosts.count
        counts.trimPorts(to: configuration.portsKept)
        return (key, counts)
    }
}
