/// Protocol groups of the TAP profile; ICMPv6 counts as ICMP.
public enum TAPProtocol: Int, CaseIterable, Sendable {
    case tcp = 0
    case udp = 1
    case icmp = 2

    init?(_ transport: TransportProtocol) {
        switch transport {
        case .tcp: self = .tcp
        case .udp: self = .udp
        case .icmp, .icmpv6: self = .icmp
        case .other: return nil
        }
    }
}

/// Everything kept of one source host's packets in one window, once the window has closed.
public struct WindowSummary: Sendable {
    public var source: IPAddress
    /// Window start, seconds since the epoch; a multiple of the window width.
    public var windowStart: Double
    public var firstSeen: Double
    public var lastSeen: Double
    public var packets: Int
    /// Values in the order of `WindowFeatures.allNames`.
    public var features: [Double]
    /// Packets of each `PacketKind`, indexed by raw value.
    public var kindCounts: [Int]
    public var mechanicalLabel: MechanicalLabel?
    public var mechanicalRule: MechanicalLabel.Rule?
    /// The dominant transport and its most used source port (the attacked service of a victim).
    public var dominantTransport: TransportProtocol
    public var dominantSourcePort: UInt16
    /// For ICMP errors: the most common destination port of the quoted datagrams, which is the
    /// service the spoofed traffic was sent to. 0 when there is none.
    public var quotedServicePort: UInt16
    /// Packets per destination block: 16 equal slices of the darknet's host part.
    public var destinationBlocks: [Int]
    /// Distinct destination addresses and ports (ICMP: type/code pairs) per `TAPProtocol`,
    /// with packet counts, for the TAP profile of subnet monitoring.
    public var tapDestinations: [Int]
    public var tapPorts: [Int]
    public var tapPackets: [Int]
    /// Up to five most used destination ports with packet counts, as (protocol << 16 | port, count).
    public var topDestinationPorts: [(key: UInt32, count: Int)]
    /// Packets seen with each anomaly flag set, for ingest statistics.
    public var anomalousPackets: Int
    /// TCP or UDP packets from source port 80 or 53: evaluation leaves such windows out, since
    /// the mechanical labels already speak for those ports.
    public var packetsFromWebOrDNSPort: Int

    /// Memberwise, public so that a store converting an older format can rebuild summaries.
    public init(source: IPAddress, windowStart: Double, firstSeen: Double, lastSeen: Double, packets: Int, features: [Double],
                kindCounts: [Int], mechanicalLabel: MechanicalLabel?, mechanicalRule: MechanicalLabel.Rule?,
                dominantTransport: TransportProtocol, dominantSourcePort: UInt16, quotedServicePort: UInt16,
                destinationBlocks: [Int], tapDestinations: [Int], tapPorts: [Int], tapPackets: [Int],
                topDestinationPorts: [(key: UInt32, count: Int)], anomalousPackets: Int, packetsFromWebOrDNSPort: Int) {
        self.source = source
        self.windowStart = windowStart
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.packets = packets
        self.features = features
        self.kindCounts = kindCounts
        self.mechanicalLabel = mechanicalLabel
        self.mechanicalRule = mechanicalRule
        self.dominantTransport = dominantTransport
        self.dominantSourcePort = dominantSourcePort
        self.quotedServicePort = quotedServicePort
        self.destinationBlocks = destinationBlocks
        self.tapDestinations = tapDestinations
        self.tapPorts = tapPorts
        self.tapPackets = tapPackets
        self.topDestinationPorts = topDestinationPorts
        self.anomalousPackets = anomalousPackets
        self.packetsFromWebOrDNSPort = packetsFromWebOrDNSPort
    }

    /// Creates an empty summary for `WindowAccumulator.summarize(into:)` to fill.
    init() {
        self.init(source: IPAddress(ipv4: 0), windowStart: 0, firstSeen: 0, lastSeen: 0, packets: 0, features: [],
                  kindCounts: [], mechanicalLabel: nil, mechanicalRule: nil, dominantTransport: .other,
                  dominantSourcePort: 0, quotedServicePort: 0, destinationBlocks: [], tapDestinations: [], tapPorts: [],
                  tapPackets: [], topDestinationPorts: [], anomalousPackets: 0, packetsFromWebOrDNSPort: 0)
    }

    /// Share of the window's packets that are response types (SYN-ACK, RST, ICMP error or reply, DNS response).
    public var responseShare: Double {
        guard packets > 0 else { return 0 }
        let responses = PacketKind.responseKinds.reduce(0) { $0 + kindCounts[$1.rawValue] }
        return Double(responses) / Double(packets)
    }
}
