/// Counts of what one capture file held, for the ingest summary.
///
/// A record lands in exactly one of `packets`, `notIP` and `undecodable`. Anomaly counts cover
/// both decoded packets and undecodable records, and a record with several anomalies counts
/// once under each.
public struct CaptureStatistics: Sendable, Equatable {
    /// Records read from the capture.
    public var records = 0
    /// Records decoded to an IP packet (possibly flagged).
    public var packets = 0
    /// Records of other link-layer protocols (ARP, LLDP, …).
    public var notIP = 0
    /// Records where IP was expected but could not be decoded.
    public var undecodable = 0
    /// Decoded packets by transport.
    public var tcp = 0, udp = 0, icmp = 0, icmpv6 = 0, otherTransport = 0
    /// Decoded IPv6 packets.
    public var ipv6 = 0
    /// IP fragments, first or not, and the non-first ones among them.
    public var fragments = 0, laterFragments = 0
    /// Packets whose link type or EtherType named the other IP version.
    public var ipVersionMismatches = 0
    /// Records shorter than on the wire (caplen < len), whether or not headers were cut.
    public var shortRecords = 0
    /// Bytes on the wire over all records.
    public var wireBytes = 0
    /// Earliest and latest record timestamps, nil before the first record.
    public var firstTimestamp: Double?, lastTimestamp: Double?
    private var anomalyCounts = [Int](repeating: 0, count: 16)

    /// Each anomaly kind with the words the summary uses for it.
    public static let anomalyNames: [(anomaly: PacketAnomalies, name: String)] = [
        (.truncated, "truncated (snap length)"),
        (.badIPv4HeaderLength, "bad IPv4 header length"),
        (.badIPLength, "bad IP length"),
        (.malformedTCPOptions, "malformed TCP options"),
        (.quotedTruncated, "ICMP quote truncated"),
        (.badLinkHeader, "bad link header"),
        (.unknownICMPType, "unknown ICMP type"),
    ]

    public init() {}

    /// Records one read record and what the decoder made of it.
    /// - Complexity: O(1).
    public mutating func add(_ record: CaptureRecord, outcome: DecodeOutcome) {
        add(outcome, capturedLength: record.capturedLength, wireLength: record.wireLength, timestamp: record.timestamp)
    }

    /// Records one decode outcome with the record sizes and time it came from.
    /// - Complexity: O(1).
    public mutating func add(_ outcome: DecodeOutcome, capturedLength: Int, wireLength: Int, timestamp: Double) {
        addRecord(capturedLength: capturedLength, wireLength: wireLength, timestamp: timestamp)
        switch outcome {
        case .packet(let packet, let details): addPacket(packet, details: details)
        case .notIP: addOther(.notIP)
        case .undecodable(let anomalies): addOther(.undecodable(anomalies))
        }
    }

    /// Records one frame decoded in place; `packet` and `details` are read only for `.packet`.
    /// - Complexity: O(1).
    public mutating func add(_ record: CaptureRecord, kind: DecodeKind, packet: Packet, details: PacketDetails) {
        addRecord(capturedLength: record.capturedLength, wireLength: record.wireLength, timestamp: record.timestamp)
        if kind == .packet {
            addPacket(packet, details: details)
        } else {
            addOther(kind)
        }
    }

    private mutating func addRecord(capturedLength: Int, wireLength: Int, timestamp: Double) {
        records += 1
        wireBytes += wireLength
        if capturedLength < wireLength { shortRecords += 1 }
        if firstTimestamp.map({ timestamp < $0 }) ?? true { firstTimestamp = timestamp }
        if lastTimestamp.map({ timestamp > $0 }) ?? true { lastTimestamp = timestamp }
    }

    private mutating func addPacket(_ packet: Packet, details: PacketDetails) {
        packets += 1
        countTransport(packet)
        if packet.source.isIPv6 { ipv6 += 1 }
        if packet.isFragment { fragments += 1 }
        if packet.isLaterFragment { laterFragments += 1 }
        if details.ipVersionMismatch { ipVersionMismatches += 1 }
        countAnomalies(packet.anomalies)
    }

    /// Counts a frame that gave no packet.
    private mutating func addOther(_ kind: DecodeKind) {
        switch kind {
        case .packet: break
        case .notIP: notIP += 1
        case .undecodable(let anomalies):
            undecodable += 1
            countAnomalies(anomalies)
        }
    }

    /// Number of records flagged with `anomaly` (one kind).
    public func count(of anomaly: PacketAnomalies) -> Int {
        guard anomaly.rawValue != 0 else { return 0 }
        return anomalyCounts[anomaly.rawValue.trailingZeroBitCount]
    }

    /// Adds another file's counts, for totals over several files.
    public mutating func merge(_ other: CaptureStatistics) {
        records += other.records
        packets += other.packets
        notIP += other.notIP
        undecodable += other.undecodable
        tcp += other.tcp
        udp += other.udp
        icmp += other.icmp
        icmpv6 += other.icmpv6
        otherTransport += other.otherTransport
        ipv6 += other.ipv6
        fragments += other.fragments
        laterFragments += other.laterFragments
        ipVersionMismatches += other.ipVersionMismatches
        shortRecords += other.shortRecords
        wireBytes += other.wireBytes
        for i in anomalyCounts.indices { anomalyCounts[i] += other.anomalyCounts[i] }
        if let first = other.firstTimestamp, firstTimestamp.map({ first < $0 }) ?? true { firstTimestamp = first }
        if let last = other.lastTimestamp, lastTimestamp.map({ last > $0 }) ?? true { lastTimestamp = last }
    }

    /// The counts as short lines for a terminal summary; anomaly kinds that never occurred
    /// are left out.
    public var summaryLines: [String] {
        var lines = [
            "records \(records): IP packets \(packets), not IP \(notIP), undecodable \(undecodable)",
            "transport: TCP \(tcp), UDP \(udp), ICMP \(icmp), ICMPv6 \(icmpv6), other \(otherTransport); IPv6 packets \(ipv6)",
            "fragments \(fragments) (non-first \(laterFragments)); records shorter than on the wire \(shortRecords)",
        ]
        let flagged = Self.anomalyNames.filter { count(of: $0.anomaly) > 0 }
        if !flagged.isEmpty {
            lines.append("anomalies: " + flagged.map { "\($0.name) \(count(of: $0.anomaly))" }.joined(separator: ", "))
        }
        if ipVersionMismatches > 0 {
            lines.append("IP version differs from the link type: \(ipVersionMismatches)")
        }
        return lines
    }

    private mutating func countTransport(_ packet: Packet) {
        switch packet.transport {
        case .tcp: tcp += 1
        case .udp: udp += 1
        case .icmp: icmp += 1
        case .icmpv6: icmpv6 += 1
        case .other: otherTransport += 1
        }
    }

    private mutating func countAnomalies(_ anomalies: PacketAnomalies) {
        var bits = anomalies.rawValue
        while bits != 0 {
            anomalyCounts[bits.trailingZeroBitCount] += 1
            bits &= bits - 1
        }
    }
}
