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
        var counts = SubnetDayCounts()
        var hosts = Set<IPAddress>()
        /// Matches per signature, indexed like `configuration.signatures`; names are filled in
        /// when the day is taken, so no string is hashed per window.
        var signatureMatches: [Int]
    }

    /// The parts of a signature that matching reads, with the allowed TAP buckets as bit
    /// masks, so a window is tested without hashing or copying the signature's strings.
    fileprivate struct Matcher {
        var proto: TAPProtocol
        var destinations: UInt8
        var ports: UInt8
        var portRanges: [ClosedRange<UInt16>]
        var minimumShare: Double

        init(_ signature: Signature) {
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

        /// Tests the window as `Signature.matches` does, given the window's TAP cell index per
        /// protocol (-1 for a protocol it did not use).
        func matches(_ window: WindowSummary, cellIndices: InlineArray<3, Int8>) -> Bool {
            let cellIndex = Int(cellIndices[proto.rawValue])
            guard cellIndex >= 0,
                  destinations & Matcher.bit(cellIndex / 3 % 3) != 0, ports & Matcher.bit(cellIndex % 3) != 0
            else { return false }
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
    private let matchers: [Matcher]
    private var clock: DayClock
    /// Open subnet-days, by position in `entries`.
    private var open: [SubnetDayKey: Int] = [:]
    private var entries: [Entry] = []
    /// The subnet-day of the previous window. Windows arrive sorted by source within each sweep,
    /// so neighbours in one subnet skip the hash lookup.
    private var lastKey: SubnetDayKey?
    private var lastIndex = 0
    /// The latest window start seen, seconds since the epoch.
    public private(set) var latestWindowStart = -Double.infinity

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        clock = configuration.clock
        matchers = configuration.signatures.map(Matcher.init)
    }

    /// Number of subnet-days currently open.
    public var openDays: Int { open.count }

    /// Counts one closed window in its subnet-day.
    public func add(_ window: WindowSummary) {
        let key = SubnetDayKey(subnet: configuration.prefix.subnet(of: window.source), day: clock.day(of: window.windowStart))
        latestWindowStart = max(latestWindowStart, window.windowStart)
        // The cell of each protocol the window used, as `TAPCell.cells(of:)` finds them, without
        // building an array per window.
        var cellIndices = InlineArray<3, Int8>(repeating: -1)
        for proto in TAPProtocol.allCases where proto.rawValue < window.tapPackets.count && window.tapPackets[proto.rawValue] > 0 {
            let thresholds = configuration.thresholds
            let cell = proto.rawValue * 9 + thresholds.bucket(window.tapDestinations[proto.rawValue]) * 3
                + thresholds.bucket(window.tapPorts[proto.rawValue])
            cellIndices[proto.rawValue] = Int8(cell)
        }
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
        entries[lastIndex].add(window, cellIndices: cellIndices, matchers: matchers)
    }

    /// Removes and returns the subnet-days that ended more than `margin` seconds before the
    /// latest window start seen.
    public func takeClosed(margin: Double = 3600) -> [(key: SubnetDayKey, counts: SubnetDayCounts)] {
        guard latestWindowStart.isFinite else { return [] }
        let lastClosedDay = clock.day(of: latestWindowStart - margin) - 1
        return take { $0.day <= lastClosedDay }
    }

    /// Removes and returns every open subnet-day; call at the end of the input.
    public func takeAll() -> [(key: SubnetDayKey, counts: SubnetDayCounts)] {
        take { _ in true }
    }

    /// Removes the open subnet-days whose key passes `isTaken` and returns them sorted by key.
    private func take(where isTaken: (SubnetDayKey) -> Bool) -> [(key: SubnetDayKey, counts: SubnetDayCounts)] {
        var taken: [(key: SubnetDayKey, counts: SubnetDayCounts)] = []
        var kept: [Entry] = []
        var keptIndex: [SubnetDayKey: Int] = [:]
        for (key, index) in open {
            if isTaken(key) {
                taken.append((key, counts(of: entries[index])))
            } else {
                keptIndex[key] = kept.count
                kept.append(entries[index])
            }
        }
        guard !taken.isEmpty else { return [] }
        open = keptIndex
        entries = kept
        lastKey = nil
        return taken.sorted { $0.key < $1.key }
    }

    private func counts(of entry: Entry) -> SubnetDayCounts {
        var counts = entry.counts
        for (index, matches) in entry.signatureMatches.enumerated() where matches > 0 {
            counts.signatures[configuration.signatures[index].name, default: 0] += matches
        }
        counts.hosts = entry.hosts.count
        counts.trimPorts(to: configuration.portsKept)
        return counts
    }
}

extension SubnetDayAccumulator.Entry {
    mutating func add(_ window: WindowSummary, cellIndices: InlineArray<3, Int8>, matchers: [SubnetDayAccumulator.Matcher]) {
        for proto in 0..<3 where cellIndices[proto] >= 0 { counts.cells[Int(cellIndices[proto])] += 1 }
        matchers.withUnsafeBufferPointer { matchers in
            for index in matchers.indices where matchers[index].matches(window, cellIndices: cellIndices) {
                signatureMatches[index] += 1
            }
        }
        counts.windows += 1
        counts.packets += window.packets
        for port in window.topDestinationPorts { counts.ports[port.key, default: 0] += port.count }
        hosts.insert(window.source)
    }
}
