/// One packet as the simulator plans it: the decoded view every analysis reads, plus the header
/// fields and payload the decoded view leaves out but the wire needs.
///
/// `packet.payloadLength` must equal `payload.length(for:)`; `SimulatedPacket.init` sets it so.
struct SimulatedPacket {
    var packet: Packet
    var ttl: UInt8
    var ipIdentification: UInt16
    var sequence: UInt32
    var acknowledgement: UInt32
    var window: UInt16
    var tcpOptions: SimulatedTCPOptions
    var payload: SimulatedPayload

    init(
        packet: Packet, ttl: UInt8, ipIdentification: UInt16 = 0, sequence: UInt32 = 0,
        acknowledgement: UInt32 = 0, window: UInt16 = 0, tcpOptions: SimulatedTCPOptions = .none,
        payload: SimulatedPayload = .none
    ) {
        self.packet = packet
        self.ttl = ttl
        self.ipIdentification = ipIdentification
        self.sequence = sequence
        self.acknowledgement = acknowledgement
        self.window = window
        self.tcpOptions = tcpOptions
        self.payload = payload
        self.packet.payloadLength = payload.length(for: packet)
        if case .dns(let message) = payload { self.packet.dnsResponse = message.isResponse }
    }

    /// Header fields for a packet that arrives without them (a caller of `PcapWriter.write(_:)`),
    /// derived from a hash of the packet so the same packet always encodes to the same bytes.
    init(deriving packet: Packet) {
        var hash = SimulationRandom.mix(UInt64(bitPattern: Int64(packet.timestamp * 1e6)), packet.source.low)
        hash = SimulationRandom.mix(hash, UInt64(packet.sourcePort) << 16 | UInt64(packet.destinationPort))
        let flags = packet.tcpFlags
        let isSYN = packet.transport == .tcp && flags.contains(.syn)
        var payload = SimulatedPayload.filler(seed: hash, length: packet.payloadLength)
        if packet.transport == .udp, packet.sourcePort == 53 || packet.destinationPort == 53 {
            let response = packet.dnsResponse ?? (packet.sourcePort == 53)
            payload = .dns(DNSMessagePlan(identifier: UInt16(truncatingIfNeeded: hash), nameSeed: hash, isResponse: response))
        } else if packet.quoted != nil {
            payload = .quote(originalLength: 60)
        } else if (packet.transport == .icmp || packet.transport == .icmpv6) && packet.payloadLength == 0 {
            payload = .none
        }
        self.init(
            packet: packet, ttl: 64 - UInt8(hash % 20), ipIdentification: UInt16(truncatingIfNeeded: hash >> 16),
            sequence: UInt32(truncatingIfNeeded: hash >> 32), acknowledgement: flags.contains(.ack) ? UInt32(truncatingIfNeeded: hash) : 0,
            window: 29200, tcpOptions: isSYN ? .mss(1460) : .none, payload: payload
        )
    }
}

/// TCP options in the layouts common stacks send on SYN and SYN-ACK segments.
enum SimulatedTCPOptions {
    case none
    /// MSS alone (4 bytes), as some stateless scanners send.
    case mss(UInt16)
    /// MSS, SACK-permitted, timestamps, NOP, window scale 7 (20 bytes), as Linux sends.
    case linux(mss: UInt16, timestamp: UInt32)
    /// MSS, NOP, window scale 8, NOP, NOP, SACK-permitted (12 bytes), as Windows sends.
    case windows(mss: UInt16)

    var length: Int {
        switch self {
        case .none: return 0
        case .mss: return 4
        case .linux: return 20
        case .windows: return 12
        }
    }
}

/// The transport payload of a simulated packet.
enum SimulatedPayload {
    case none
    /// Deterministic pseudo-random bytes.
    case filler(seed: UInt64, length: Int)
    /// A DNS message: header, one question and, for a NOERROR response, one A record.
    case dns(DNSMessagePlan)
    /// The spoofed datagram an ICMP error quotes: its IP header and first 8 transport bytes.
    /// `originalLength` is the quoted datagram's own total length (more than is quoted).
    /// NOTE: Linux hosts and RFC 1812 routers quote up to 576 bytes (IPv4) or 1280 (ICMPv6);
    /// the shorter RFC 792 quote keeps frames small and is what every decoder must handle.
    case quote(originalLength: Int)
    /// ICMP echo data: `length` bytes after the identifier and sequence number.
    case echo(identifier: UInt16, sequence: UInt16, length: Int)
    /// A fixed probe payload for a UDP service (SNMP, NTP, SSDP, memcached, QUIC, game query).
    case service(ServicePayload)

    func length(for packet: Packet) -> Int {
        switch self {
        case .none: return 0
        case .filler(_, let length): return length
        case .dns(let message): return message.length
        case .quote:
            return packet.source.isIPv6 ? 48 : 28
        case .echo(_, _, let length): return length
        case .service(let service): return service.bytes.count
        }
    }
}

/// The content of a DNS message in a simulated packet, enough to build it byte for byte.
struct DNSMessagePlan {
    var identifier: UInt16
    /// Seed of the queried name: the same seed always gives the same name.
    var nameSeed: UInt64
    var isResponse: Bool
    /// RCODE of a response: 0 NOERROR (with one A record), 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED.
    var responseCode: UInt8 = 0
    /// Query type: 1 A, 255 ANY, 16 TXT.
    var queryType: UInt16 = 1
    /// True for random-subdomain ("water torture") names: a random label before the zone.
    var randomLabel = false

    static let zones: [String] = [
        "example.com", "example.net", "example.org", "cdn.example.com", "mail.example.net",
        "shop.example.org", "api.example.com", "static.example.net", "game.example.org", "vpn.example.com",
    ]

    var labels: [String] {
        let zone = DNSMessagePlan.zones[Int(nameSeed % UInt64(DNSMessagePlan.zones.count))]
        var labels = zone.split(separator: ".").map(String.init)
        if randomLabel {
            labels.insert(String(nameSeed >> 20, radix: 36), at: 0)
        }
        return labels
    }

    /// Encoded name length: one length byte per label, the labels, the root byte.
    var nameLength: Int {
        labels.reduce(1) { $0 + 1 + $1.utf8.count }
    }

    var hasAnswer: Bool { isResponse && responseCode == 0 }

    var length: Int {
        12 + nameLength + 4 + (hasAnswer ? 16 : 0)
    }
}

/// Fixed request or response payloads for the UDP services the simulated hosts talk to.
enum ServicePayload {
    case snmpGetRequest
    case ntpVersionRequest
    case ssdpSearch
    case memcachedStats
    /// A QUIC long-header Initial packet sent by a server under a spoofed-source flood.
    case quicServerInitial
    /// A Source-engine A2S_INFO reply, the response to a game-server query flood.
    case gameInfoReply
    /// A BitTorrent DHT ping, the commonest P2P leftover.
    case dhtPing

    var bytes: [UInt8] {
        switch self {
        case .snmpGetRequest: return ServicePayload.snmp
        case .ntpVersionRequest: return ServicePayload.ntp
        case .ssdpSearch: return ServicePayload.ssdp
        case .memcachedStats: return ServicePayload.memcached
        case .quicServerInitial: return ServicePayload.quic
        case .gameInfoReply: return ServicePayload.game
        case .dhtPing: return ServicePayload.dht
        }
    }

    // SNMPv1 GetRequest, community "public", for sysDescr.0 (1.3.6.1.2.1.1.1.0).
    private static let snmp: [UInt8] = [
        0x30, 0x26, 0x02, 0x01, 0x00, 0x04, 0x06, 0x70, 0x75, 0x62, 0x6c, 0x69, 0x63,
        0xa0, 0x19, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x0e,
        0x30, 0x0c, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00, 0x05, 0x00,
    ]
    // NTP mode 6 (control) READVAR request, a harmless probe for exposed NTP servers.
    private static let ntp: [UInt8] = [0x16, 0x02, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
    private static let ssdp = Array(
        "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n".utf8)
    private static let memcached = Array("\0\u{1}\0\0\0\u{1}\0\0stats\r\n".utf8)
    private static let quic: [UInt8] = [0xc3, 0x00, 0x00, 0x00, 0x01, 0x08] + Array(repeating: 0x5a, count: 8)
        + [0x08] + Array(repeating: 0xa5, count: 8) + [0x00, 0x44, 0x00] + Array(repeating: 0x3c, count: 64)
    private static let game: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0x49, 0x11] + Array("Example Server\0de_dust2\0csgo\0Counter-Strike\0".utf8)
        + [0xda, 0x02, 0x05, 0x10, 0x00, 0x64, 0x6c, 0x00, 0x01]
    private static let dht = Array("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe".utf8)
}
