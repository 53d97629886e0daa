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

    fileprivate struct Entry {
        /// Every count but the TAP cells, which `cells` keeps inline until the day is taken.
        var counts = SubnetDayCounts()
        var cells = InlineArray<27, Int32>(repeating: 0)
        /// Distinct source hosts, in an `OpenAddressingTable` because `Set` paid SipHash for each window.
        var hosts = OpenAddressingTable<IPAddress, Bool>()
        /// Matches per signature, indexed like `configuration.signatures`; names are filled in
        /// when the day is taken, so no string is hashed per window.
        var signatureMatches: [Int]
    }

    /// The parts of a signature that matching reads, with the allowed TAP buckets as bit
    /// masks, so a window is tested without hashing or copying the signature's strings.
    fileprivate struct Matcher {
        /// Position of the signature in `configuration.signatures`.
        var index: Int
        var proto: TAPProtocol
        var destinations: UInt8
        var ports: UInt8
        var portRanges: [ClosedRange<UInt16>]
        var minimumShare: Double

        init(_ signature: Signature, index: Int) {
            self.index = index
            proto = signature.proto
            destinations = signature.destinationBuckets.reduce(0) { $0 | Matcher.bit($1) }
            ports = signature.portBuckets.reduce(0) { $0 | Matcher.bit($1) }
            portRanges = signature.ports
            minimumShare = signature.minimumShare
        }

        /// Bit of a bucket; buckets outside 0...7 never match a TAP cell, whose buckets are 0, 1 or 2.
        static func bit(_ bucket: Int) -> UInt8 {
            (0..<8).contains(bucket) ? 1 << UInt8(bucket) : 0
        }

        /// Returns whether a window in TAP cell `cell` can match, because the signature allows the
        /// cell's protocol and buckets.
        func allows(cell: Int) -> Bool {
            cell / 9 == proto.rawValue && destinations & Matcher.bit(cell / 3 % 3) != 0 && ports & Matcher.bit(cell % 3) != 0
        }

        /// Tests a window whose cell `allows(cell:)` accepted, as `Signature.matches` does.
        func matches(_ window: WindowSummary) -> Bool {
            let total = window.tapPackets[proto.rawValue]
            guard total > 0 else { return false }
            var matched = 0
            for entry in window.topDestinationPorts where entry.key >> 16 == UInt32(proto.rawValue) {
                let port = UInt16(truncatingIfNeeded: entry.key)
                if portRanges.contains(where: { $0.contains(port) }) { matched += entry.count }
            }
            return Double(matched) >= minimumShare * Double(total)
        }
    }

    public let configuration: Configuration
    private var days: Days

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        days = Days(configuration: configuration)
    }

    /// Number of subnet-days currently open.
    public var openDays: Int { days.open.count }

    /// The latest window start seen, seconds since the epoch.
    public var latestWindowStart: Double { days.latestWindowStart }

    /// Counts one closed window in its subnet-day.
    public func add(_ window: WindowSummary) {
        days.add(window)
    }

    /// Removes and returns the subnet-days that ended more than `margin` seconds before the
    /// latest window start seen.
    public func takeClosed(margin: Double = 3600) -> [(key: SubnetDayKey, counts: SubnetDayCounts)] {
        guard days.latestWindowStart.isFinite else { return [] }
        let lastClosedDay = days.clock.day(of: days.latestWindowStart - margin) - 1
        return days.take { $0.day <= lastClosedDay }
    }

    /// Removes and returns every open subnet-day; call at the end of the input.
    public func takeAll() -> [(key: SubnetDayKey, counts: SubnetDayCounts)] {
        days.take { _ in true }
    }

    /// The open subnet-days. A struct behind the class, so a window costs one access to the
    /// class's stored state instead of a runtime exclusivity check per property.
    private struct Days {
        let configuration: Configuration
        /// Signatures that can match a window in each TAP cell, by cell index, so a window is
        /// tested only against the signatures of its protocols and buckets.
        private let candidates: [[Matcher]]
        private(set) var open: [SubnetDayKey: Int] = [:]
        private var entries: [Entry] = []
        /// The subnet-day of the previous window. Windows arrive sorted by source within each
        /// sweep, so neighbours in one subnet skip the hash lookup.
        private var lastKey: SubnetDayKey?
        private var lastIndex = 0
        private(set) var latestWindowStart = -Double.infinity
        /// The configured clock, which caches the time zone's offset per hour.
        var clock: DayClock

        init(configuration: Configuration) {
            self.configuration = configuration
            clock = configuration.clock
            let matchers = configuration.signatures.enumerated().map { Matcher($0.element, index: $0.offset) }
            candidates = (0..<TAPCell.count).map { cell in matchers.filter { $0.allows(cell: cell) } }
        }

        mutating func add(_ window: WindowSummary) {
            let key = SubnetDayKey(subnet: configuration.prefix.subnet(of: window.source), day: clock.day(of: window.windowStart))
            latestWindowStart = max(latestWindowStart, window.windowStart)
            if key != lastKey {
                lastKey = key
                if let index = open[key] {
                    lastIndex = index
                } else {
                    lastIndex = entries.count
                    open[key] = lastIndex
                    entries.append(Entry(signatureMatches: [Int](repeating: 0, count: configuration.signatures.count)))
                }
            }
            // The cell of each protocol the window used, as `TAPCell.cells(of:)` finds them,
            // without building an array per window.
            let thresholds = configuration.thresholds
            for proto in TAPProtocol.allCases where proto.rawValue < window.tapPackets.count && window.tapPackets[proto.rawValue] > 0 {
                let cell = proto.rawValue * 9 + thresholds.bucket(window.tapDestinations[proto.rawValue]) * 3
                    + thresholds.bucket(window.tapPorts[proto.rawValue])
                entries[lastIndex].add(cell: cell, of: window, candidates: candidates[cell])
            }
            entries[lastIndex].add(window)
        }

        /// Removes the open subnet-days whose key passes `isTaken` and returns them sorted by key.
        mutating func take(where isTaken: (SubnetDayKey) -> Bool) -> [(key: SubnetDayKey, counts: SubnetDayCounts)] {
            // Checked first, because most calls take nothing and the entries are not worth copying.
            guard open.keys.contains(where: isTaken) else { return [] }
            var closedDays: [(key: SubnetDayKey, counts: SubnetDayCounts)] = []
            var openEntries: [Entry] = []
            var openIndex: [SubnetDayKey: Int] = [:]
            for (key, index) in open {
                if isTaken(key) {
                    closedDays.append((key, counts(of: entries[index])))
                } else {
                    openIndex[key] = openEntries.count
                    openEntries.append(entries[index])
                }
            }
            open = openIndex
            entries = openEntries
            lastKey = nil
            return closedDays.sorted { $0.key < $1.key }
        }

        private func counts(of entry: Entry) -> SubnetDayCounts {
            var counts = entry.counts
            for cell in 0..<TAPCell.count { counts.cells[cell] += Int(entry.cells[cell]) }
            for (index, matches) in entry.signatureMatches.enumerated() where matches > 0 {
                counts.signatures[configuration.signatures[index].name, default: 0] += matches
            }
            counts.hosts = entry.hosts.count
            counts.trimPorts(to: configuration.portsKept)
            return counts
        }
    }
}

extension SubnetDayAccumulator.Entry {
    /// Counts the window in one TAP cell and tests it against the signatures of that cell.
    mutating func add(cell: Int, of window: WindowSummary, candidates: [SubnetDayAccumulator.Matcher]) {
        cells[cell] += 1
        for matcher in candidates where matcher.matches(window) { signatureMatches[matcher.index] += 1 }
    }

    /// Counts the window's packets, ports and host.
    mutating func add(_ window: WindowSummary) {
        counts.windows += 1
        counts.packets += window.packets
        for port in window.topDestinationPorts { counts.ports[port.key, default: 0] += port.count }
        hosts.update(window.source, initial: true) { _ in }
    }
}
