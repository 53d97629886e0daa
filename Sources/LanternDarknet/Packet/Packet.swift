/// The transport protocol of a decoded packet, as the darknet analyses group it.
public enum TransportProtocol: UInt8, Sendable, CaseIterable {
    case tcp = 6
    case udp = 17
    case icmp = 1
    case icmpv6 = 58
    /// Any other IP protocol, or a non-first fragment whose transport header is elsewhere.
    case other = 255
}

/// TCP flag bits as they sit in the header's flags byte.
public struct TCPFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let fin = TCPFlags(rawValue: 0x01)
    public static let syn = TCPFlags(rawValue: 0x02)
    public static let rst = TCPFlags(rawValue: 0x04)
    public static let psh = TCPFlags(rawValue: 0x08)
    public static let ack = TCPFlags(rawValue: 0x10)
    public static let urg = TCPFlags(rawValue: 0x20)
    public static let ece = TCPFlags(rawValue: 0x40)
    public static let cwr = TCPFlags(rawValue: 0x80)
}

/// Problems the decoder found and counted instead of failing the packet.
public struct PacketAnomalies: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// Captured length below what the headers claim (snaplen or a cut file).
    public static let truncated = PacketAnomalies(rawValue: 1 << 0)
    /// IPv4 header length field below 5 or past the captured bytes.
    public static let badIPv4HeaderLength = PacketAnomalies(rawValue: 1 << 1)
    /// IP total or payload length larger than the captured packet.
    public static let badIPLength = PacketAnomalies(rawValue: 1 << 2)
    /// A TCP option walk that had to stop early (length 0 or 1, or past the header).
    public static let malformedTCPOptions = PacketAnomalies(rawValue: 1 << 3)
    /// An ICMP error whose quoted datagram is shorter than its own length field says (normal).
    public static let quotedTruncated = PacketAnomalies(rawValue: 1 << 4)
    /// A link-layer header that could not be walked (bogus protocol, too many tags).
    public static let badLinkHeader = PacketAnomalies(rawValue: 1 << 5)
    /// An ICMP type the decoder does not know.
    public static let unknownICMPType = PacketAnomalies(rawValue: 1 << 6)
}

/// The header of the datagram that an ICMP or ICMPv6 error quotes back.
public struct QuotedDatagram: Sendable, Hashable {
    public var source: IPAddress
    public var destination: IPAddress
    public var transport: TransportProtocol
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public init(source: IPAddress, destination: IPAddress, transport: TransportProtocol, sourcePort: UInt16, destinationPort: UInt16) {
        self.source = source
        self.destination = destination
        self.transport = transport
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
    }
}

/// One IP packet reduced to what the darknet analyses use.
///
/// For ICMP and ICMPv6, `sourcePort` is 0 and `destinationPort` packs type and code
/// as `type << 8 | code`, so the TAP profile can count distinct type/code pairs as ports.
public struct Packet: Sendable {
    /// Seconds since the Unix epoch, with sub-second precision.
    public var timestamp: Double
    public var source: IPAddress
    public var destination: IPAddress
    public var transport: TransportProtocol
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var tcpFlags: TCPFlags
    /// Transport payload bytes per the IP length fields, never counting link padding.
    public var payloadLength: Int
    /// Bytes on the wire, from the capture record.
    public var wireLength: Int
    /// True for every IP fragment (first or not).
    public var isFragment: Bool
    /// True for a non-first fragment: ports and flags are absent.
    public var isLaterFragment: Bool
    /// For UDP from or to port 53 with at least a DNS header: the QR bit. `nil` otherwise.
    public var dnsResponse: Bool?
    /// The quoted datagram of an ICMP/ICMPv6 error, when enough of it was captured.
    public var quoted: QuotedDatagram?
    public var anomalies: PacketAnomalies

    public init(
        timestamp: Double, source: IPAddress, destination: IPAddress, transport: TransportProtocol,
        sourcePort: UInt16 = 0, destinationPort: UInt16 = 0, tcpFlags: TCPFlags = [], payloadLength: Int = 0,
        wireLength: Int = 0, isFragment: Bool = false, isLaterFragment: Bool = false, dnsResponse: Bool? = nil,
        quoted: QuotedDatagram? = nil, anomalies: PacketAnomalies = []
    ) {
        self.timestamp = timestamp
        self.source = source
        self.destination = destination
        self.transport = transport
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.tcpFlags = tcpFlags
        self.payloadLength = payloadLength
        self.wireLength = wireLength
        self.isFragment = isFragment
        self.isLaterFragment = isLaterFragment
        self.dnsResponse = dnsResponse
        self.quoted = quoted
        self.anomalies = anomalies
    }

    /// A packet from and to 0.0.0.0 at time 0, as storage for the in-place
    /// `PacketDecoder.decode(linkType:bytes:wireLength:timestamp:into:details:)` to overwrite.
    public static let unset = Packet(timestamp: 0, source: IPAddress(ipv4: 0), destination: IPAddress(ipv4: 0), transport: .other)

    /// ICMP type for ICMP and ICMPv6 packets.
    public var icmpType: UInt8 { UInt8(truncatingIfNeeded: destinationPort >> 8) }
    /// ICMP code for ICMP and ICMPv6 packets.
    public var icmpCode: UInt8 { UInt8(truncatingIfNeeded: destinationPort) }
}
