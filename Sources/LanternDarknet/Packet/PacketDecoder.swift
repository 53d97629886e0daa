/// Turns one captured frame into a `Packet`, given the capture's link type.
///
/// The decoder reads the frame in place through an `UnsafeRawBufferPointer`, keeps no state
/// between frames and allocates nothing on the heap, so one instance can decode every record
/// of a file. It never reads past `bytes.count`: a frame cut by the snapshot length gives a
/// packet flagged `.truncated` with whatever fields were captured.
///
/// Compared with a full dissector (tshark, Zeek) it decodes only what the darknet analyses use:
/// addresses, transport, ports or ICMP type and code, TCP flags and a few TCP options, payload
/// length, fragments, the DNS QR bit and the header an ICMP error quotes. It does not reassemble
/// fragments, verify checksums or look past the transport header.
///
/// Link types are the values `pcap_datalink()` returns, which for raw IP differ between
/// platforms (DLT_RAW is 12 on most systems and 14 on OpenBSD, and a file that says
/// LINKTYPE_RAW 101 is reported as 12).
public struct PacketDecoder: Sendable {
    /// Link types (`pcap_datalink()` values) that `decode` can walk to IP.
    public static let supportedLinkTypes: [Int32: String] = [
        LinkType.null: "NULL (BSD loopback)",
        LinkType.ethernet: "EN10MB (Ethernet)",
        LinkType.raw: "RAW (raw IP)",
        LinkType.rawOpenBSD: "RAW (raw IP, OpenBSD)",
        LinkType.rawLinktype: "RAW (LINKTYPE_RAW)",
        LinkType.loop: "LOOP (OpenBSD loopback)",
        LinkType.linuxSLL: "LINUX_SLL (Linux cooked v1)",
        LinkType.linuxSLL2: "LINUX_SLL2 (Linux cooked v2)",
        LinkType.ipv4: "IPV4 (raw IPv4)",
        LinkType.ipv6: "IPV6 (raw IPv6)",
        LinkType.nflog: "NFLOG (Linux netfilter log)",
        LinkType.pktap: "PKTAP (Apple packet tap)",
    ]

    public init() {}

    /// Returns true when `decode` understands frames of this link type.
    public static func supports(linkType: Int32) -> Bool {
        supportedLinkTypes[linkType] != nil
    }

    /// Decodes one captured frame.
    ///
    /// - Parameters:
    ///   - linkType: the capture's link type as `pcap_datalink()` returns it.
    ///   - bytes: the captured bytes of the frame; only these are read.
    ///   - wireLength: the frame's length on the wire, from the capture record. A value below
    ///     `bytes.count` is treated as `bytes.count`.
    ///   - timestamp: seconds since the Unix epoch, copied into the packet.
    /// - Returns: `.packet` for every frame whose IP header was found (flagged with what was
    ///   wrong, if anything), `.notIP` for other link-layer protocols such as ARP, and
    ///   `.undecodable` when IP was expected but too little of it was there to name a source.
    /// - Complexity: O(1). Tag, label, TLV and extension-header walks are bounded by constants.
    public func decode(linkType: Int32, bytes: UnsafeRawBufferPointer, wireLength: Int, timestamp: Double) -> DecodeOutcome {
        var packet = Packet.unset
        var details = PacketDetails()
        switch decode(linkType: linkType, bytes: bytes, wireLength: wireLength, timestamp: timestamp, into: &packet, details: &details) {
        case .packet: return .packet(packet, details)
        case .notIP: return .notIP(details)
        case .undecodable(let anomalies): return .undecodable(anomalies)
        }
    }

    /// Decodes one captured frame as `decode(linkType:bytes:wireLength:timestamp:)` does, but
    /// writes the packet and details into storage the caller reuses for every frame.
    ///
    /// Returning a `DecodeOutcome` copied the packet (128 bytes) and its details several
    /// times per frame on the way to the aggregator. `packet` is overwritten whole for `.packet`
    /// and left unchanged otherwise. `details` is always overwritten.
    public func decode(
        linkType: Int32, bytes: UnsafeRawBufferPointer, wireLength: Int, timestamp: Double,
        into packet: inout Packet, details: inout PacketDetails
    ) -> DecodeKind {
        let frame = Bytes(bytes, wireLength: wireLength)
        details = PacketDetails()
        switch locateNetworkLayer(linkType: linkType, frame: frame, details: &details) {
        case .ip(let offset, let expectedVersion):
            return decodeIP(frame, at: offset, expectedVersion: expectedVersion, timestamp: timestamp, packet: &packet, details: &details)
        case .notIP:
            return .notIP
        case .broken(let anomalies):
            return .undecodable(anomalies)
        }
    }
}

/// The kind of result of decoding one frame in place; the packet and details themselves are in
/// the caller's storage.
public enum DecodeKind: Sendable, Equatable {
    /// An IP packet, possibly flagged with anomalies.
    case packet
    /// A frame of another protocol (ARP, LLDP, IPX, …). Counted, not an error.
    case notIP
    /// IP was expected but too little of it was captured or valid to name a source address.
    case undecodable(PacketAnomalies)
}

/// What `PacketDecoder.decode` made of one frame.
public enum DecodeOutcome: Sendable {
    /// An IP packet, possibly flagged with anomalies, and the header details around it.
    case packet(Packet, PacketDetails)
    /// A frame of another protocol (ARP, LLDP, IPX, …). Counted, not an error.
    case notIP(PacketDetails)
    /// IP was expected but too little of it was captured or valid to name a source address.
    case undecodable(PacketAnomalies)

    /// The decoded packet, or nil for `.notIP` and `.undecodable`.
    public var packet: Packet? {
        if case .packet(let packet, _) = self { return packet }
        return nil
    }
}

/// Header fields that `Packet` does not carry but that analysts and tests look at: link-layer
/// tags, the raw IP protocol number and a few TCP options.
public struct PacketDetails: Sendable, Hashable {
    /// The last EtherType (or SLL protocol) read before the network layer; 0 when the link type
    /// has none (raw IP, NFLOG).
    public var etherType: UInt16 = 0
    /// Number of 802.1Q / 802.1ad / 0x9100 tags walked.
    public var vlanTagCount: Int = 0
    /// VLAN ID of the outermost tag, if any.
    public var outerVLANID: UInt16?
    /// VLAN ID of the second tag, if any.
    public var innerVLANID: UInt16?
    /// Number of MPLS label stack entries walked.
    public var mplsLabelCount: Int = 0
    /// True when the link type or EtherType named one IP version and the packet is the other
    /// (for example LINKTYPE_IPV4 carrying IPv6). The packet is decoded by its version nibble.
    public var ipVersionMismatch: Bool = false
    /// IP protocol number (IPv4) or the last next-header value (IPv6), as found.
    public var ipProtocol: UInt8 = 0
    /// IPv4 TTL or IPv6 hop limit.
    public var timeToLive: UInt8 = 0
    /// IPv4 identification, or the IPv6 fragment header's identification.
    public var ipIdentification: UInt32 = 0
    /// Fragment offset in bytes.
    public var fragmentOffset: Int = 0
    /// TCP window field.
    public var tcpWindow: UInt16 = 0
    /// TCP maximum segment size option, when present and well formed.
    public var tcpMaximumSegmentSize: UInt16?
    /// TCP window scale option shift count, when present and well formed.
    public var tcpWindowScale: UInt8?
    /// True when the TCP SACK-permitted option is present.
    public var tcpSACKPermitted: Bool = false
    /// True when the TCP timestamps option is present.
    public var tcpTimestamps: Bool = false

    public init() {}
}

extension PacketDecoder {
    /// `pcap_datalink()` values the decoder handles. Numbers from libpcap's `pcap/dlt.h`.
    enum LinkType {
        static let null: Int32 = 0
        static let ethernet: Int32 = 1
        static let raw: Int32 = 12
        static let rawOpenBSD: Int32 = 14
        static let rawLinktype: Int32 = 101
        static let loop: Int32 = 108
        static let linuxSLL: Int32 = 113
        static let ipv4: Int32 = 228
        static let ipv6: Int32 = 229
        static let nflog: Int32 = 239
        static let pktap: Int32 = 258
        static let linuxSLL2: Int32 = 276
    }
}
