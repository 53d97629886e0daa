/// A named malware signature: a TAP cell pattern combined with a protocol and destination
/// ports, such as "TCP, any spread, 23 or 2323" for telnet scanning.
///
/// A (host, window) pair matches when the host used the rule's protocol, its TAP cell for that
/// protocol lies in the allowed destination and port buckets, and at least `minimumShare` of its
/// packets of that protocol went to the rule's ports. The share is computed from the window's
/// five most used destination ports, so it is a lower bound for a host that spread over more
/// ports; such a host is a port scan, which a single-service rule should not claim.
public struct Signature: Sendable, Equatable {
    /// Identifier written in the rules file, the store and exports, such as `telnet-scan`.
    public var name: String
    /// Human-readable name shown on screens, such as "Telnet scanning (Mirai family)".
    public var title: String
    public var proto: TAPProtocol
    /// Destination ports (ICMP: `type << 8 | code`) as inclusive ranges.
    public var ports: [ClosedRange<UInt16>]
    /// Allowed destination-address buckets (0: one, 1: a few, 2: many).
    public var destinationBuckets: Set<Int>
    /// Allowed distinct-port buckets (0: one, 1: a few, 2: many).
    public var portBuckets: Set<Int>
    /// Share of the protocol's packets in the window that must go to `ports`, in (0, 1].
    public var minimumShare: Double
    /// Where the rule was read from, as `file:line`, for messages.
    public var origin: String

    public init(
        name: String, title: String, proto: TAPProtocol, ports: [ClosedRange<UInt16>],
        destinationBuckets: Set<Int> = [0, 1, 2], portBuckets: Set<Int> = [0, 1, 2], minimumShare: Double = 0.5,
        origin: String = ""
    ) {
        self.name = name
        self.title = title
        self.proto = proto
        self.ports = ports
        self.destinationBuckets = destinationBuckets
        self.portBuckets = portBuckets
        self.minimumShare = minimumShare
        self.origin = origin
    }

    /// Whether `port` is one of the rule's ports.
    public func covers(port: UInt16) -> Bool {
        ports.contains { $0.contains(port) }
    }

    /// Returns whether a window in `cell` may match: the cell has the rule's protocol and lies in
    /// its destination and port buckets.
    public func allows(_ cell: TAPCell) -> Bool {
        cell.proto == proto && destinationBuckets.contains(cell.destinationBucket) && portBuckets.contains(cell.portBucket)
    }

    /// Whether the closed window matches, given its TAP cells.
    /// - Complexity: O(1): at most five ports per window are inspected.
    public func matches(_ window: WindowSummary, cells: [TAPCell]) -> Bool {
        guard let cell = cells.first(where: { $0.proto == proto }), allows(cell) else { return false }
        let total = window.tapPackets[proto.rawValue]
        guard total > 0 else { return false }
        var matched = 0
        for entry in window.topDestinationPorts where entry.key >> 16 == UInt32(proto.rawValue) {
            if covers(port: UInt16(truncatingIfNeeded: entry.key)) { matched += entry.count }
        }
        return Double(matched) >= minimumShare * Double(total)
    }

    /// The rule's ports as the rules file writes them, such as `23,2323` or `8/0` for ICMP.
    public var portsText: String {
        ports.map { range in
            func one(_ port: UInt16) -> String { proto == .icmp ? "\(port >> 8)/\(port & 0xff)" : String(port) }
            return range.lowerBound == range.upperBound ? one(range.lowerBound) : "\(one(range.lowerBound))-\(one(range.upperBound))"
        }.joined(separator: ",")
    }
}
