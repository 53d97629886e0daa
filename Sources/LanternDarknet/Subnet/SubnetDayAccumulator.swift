/// Builds per-subnet, per-day TAP counts and signature matches from closed windows, in the
/// same pass over the capture as the window summaries.
///
/// Memory holds the subnet-days still open plus the distinct hosts of each; `takeClosed(before:)`
/// hands over the days that ended well before the capture clock, so a long capture streams
/// through. A window that arrives for a day already handed over starts a second partial count of
/// that day; the store adds partial counts, so nothing is lost.
/// - Complexity: O(c + p) per window for c TAP cells (at most 3) and p top ports (at most 5),
///   plus the signatures that match on their cell alone.
public final class SubnetDayAccumulator {
    /// The settings of subnet monitoring during ingest.
    public struct Configuration: Sendable {
        public var prefix = SubnetPrefix()
        public var thresholds = TAPThresholds()
        public var clock = DayClock()
        public var signatures = SignatureSet.builtIn.signatures {
            didSet { signatureIndex = SignatureIndex(signatures) }
        }
        /// Built when `signatures` is set, so that the accumulator of each capture file shares it:
        /// a large rules file took seconds to index.
        private(set) var signatureIndex = Configuration.builtInIndex
        /// Busiest destination ports kept per subnet-day.
        public var portsKept = 16

        public init() {}

        private static let builtInIndex = SignatureIndex(SignatureSet.builtIn.signatures)
    }

    /// The counts of one open subnet-day but its signature matches, which `Days` keeps in one
    /// flat array.
    fileprivate struct Entry {
        var key: SubnetDayKey
        var windows = 0
        var packets = 0
        var cells = InlineArray<27, Int32>(repeating: 0)
        /// `protocol << 16 | port` → packets.
        var ports = OpenAddressingTable<UInt32, Int>()
        /// The distinct source hosts.
        var hosts = OpenAddressingTable<IPAddress, Bool>()
    }

    public let configuration: Configuration
    // Unchecked: no method of `Days` runs caller code, so nothing can reach `days` while it changes.
    @exclusivity(unchecked) private var days: Days

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        days = Days(configuration: configuration)
    }

    /// Number of subnet-days currently open.
    public var openDays: Int { days.openCount }

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
    ///
    /// Each day's counts sit in `entries`, with small port and host tables of its own, and its
    /// signature matches in one flat array. Port and host tables shared by all days were no
    /// faster: consecutive windows rarely share a subnet, so they missed the cache either way.
    private struct Days {
        let configuration: Configuration
        private let signatures: SignatureIndex
        private var open = OpenAddressingTable<SubnetDayKey, Int32>()
        private var entries: [Entry] = []
        /// Matches of signature s in entry e, at `e * signatures.count + s`. Dense, because with
        /// rules that match most windows a table per day took more memory than this array.
        private var signatureMatches: [Int32] = []
        private var scratch = MatchScratch()
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
            signatures = configuration.signatureIndex
        }

        var openCount: Int { entries.count }

        mutating func add(_ window: WindowSummary) {
            let key = SubnetDayKey(subnet: configuration.prefix.subnet(of: window.source), day: clock.day(of: window.windowStart))
            latestWindowStart = max(latestWindowStart, window.windowStart)
            if key != lastKey {
                lastKey = key
                if let index = open.value(for: key) {
                    lastIndex = Int(index)
                } else {
                    lastIndex = entries.count
                    open.update(key, initial: Int32(lastIndex)) { _ in }
                    entries.append(Entry(key: key))
                    signatureMatches.append(contentsOf: repeatElement(0, count: signatures.count))
                }
            }
            // The cell of each protocol the window used, as `TAPCell.cells(of:)` finds them,
            // without building an array per window.
            let thresholds = configuration.thresholds
            let base = lastIndex * signatures.count
            for proto in TAPProtocol.allCases where proto.rawValue < window.tapPackets.count && window.tapPackets[proto.rawValue] > 0 {
                let cell = proto.rawValue * 9 + thresholds.bucket(window.tapDestinations[proto.rawValue]) * 3
                    + thresholds.bucket(window.tapPorts[proto.rawValue])
                entries[lastIndex].cells[cell] += 1
                signatures.findMatches(window, cell: cell, scratch: &scratch)
                for signature in scratch.matches { signatureMatches[base + Int(signature)] += 1 }
            }
            entries[lastIndex].windows += 1
            entries[lastIndex].packets += window.packets
            for port in window.topDestinationPorts {
                entries[lastIndex].ports.update(port.key, initial: 0) { $0 += port.count }
            }
            entries[lastIndex].hosts.update(window.source, initial: true) { _ in }
        }

        /// Removes the open subnet-days whose key passes `isTaken` and returns them sorted by key.
        /// - Complexity: O(e + p) for e open days and p ports of the days taken.
        mutating func take(where isTaken: (SubnetDayKey) -> Bool) -> [(key: SubnetDayKey, counts: SubnetDayCounts)] {
            // Checked first, because most calls take nothing and the tables are not worth rebuilding.
            guard entries.contains(where: { isTaken($0.key) }) else { return [] }
            var closedDays: [(key: SubnetDayKey, counts: SubnetDayCounts)] = []
            var keptEntries: [Entry] = []
            var keptMatches: [Int32] = []
            for (index, entry) in entries.enumerated() {
                if isTaken(entry.key) {
                    closedDays.append((entry.key, counts(at: index)))
                } else {
                    keptEntries.append(entry)
                    keptMatches += matches(at: index)
                }
            }

            var keptOpen = OpenAddressingTable<SubnetDayKey, Int32>()
            for (index, entry) in keptEntries.enumerated() { keptOpen.update(entry.key, initial: Int32(index)) { _ in } }

            open = keptOpen
            entries = keptEntries
            signatureMatches = keptMatches
            lastKey = nil
            return closedDays.sorted { $0.key < $1.key }
        }

        private func matches(at index: Int) -> ArraySlice<Int32> {
            signatureMatches[index * signatures.count..<(index + 1) * signatures.count]
        }

        /// Returns the counts of the open day at `index`, as the store keeps them.
        private func counts(at index: Int) -> SubnetDayCounts {
            let entry = entries[index]
            var counts = SubnetDayCounts()
            counts.windows = entry.windows
            counts.packets = entry.packets
            counts.hosts = entry.hosts.count
            for cell in 0..<TAPCell.count { counts.cells[cell] = Int(entry.cells[cell]) }
            for (offset, count) in matches(at: index).enumerated() where count > 0 {
                counts.signatures[configuration.signatures[offset].name, default: 0] += Int(count)
            }
            entry.ports.forEach { key, packets in counts.ports[key] = packets }
            counts.trimPorts(to: configuration.portsKept)
            return counts
        }
    }
}

extension SubnetDayKey: OpenAddressingKey {
    var mixedBits: UInt64 { subnet.mixedBits ^ (UInt64(bitPattern: Int64(day)) &* 0x9FB2_1C65_1E98_DF25) }
}

