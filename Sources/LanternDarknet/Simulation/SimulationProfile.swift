/// One kind of simulated source host: what it sends, how fast, for how long, and what share of
/// the capture's packets its population contributes.
struct SimulationProfile {
    var role: SourceRole
    var behavior: SimulationBehavior
    /// Share of the configured packet total this population emits.
    var share: Double
    /// Packets per second, log-normal. When `scalesWithDarknet` is set, this is the rate over the
    /// whole IPv4 space (an attack's response rate, a scanner's probe rate). The telescope then
    /// receives it times the darknet's share of the address space. Otherwise it is the telescope's rate.
    var rateMedian: Double
    var rateSigma: Double
    var scalesWithDarknet: Bool
    /// Lifetime in seconds, log-normal, clamped to `durationRange`.
    var durationMedian: Double
    var durationSigma: Double
    var durationRange: ClosedRange<Double>
    var spread: SimulationAddressSpace.Spread
    /// Share of this population's hosts that are IPv6.
    var ipv6Share: Double = 0
    /// Relative amplitude of the daily cycle in how often new hosts of this kind appear.
    var diurnalAmplitude: Double = 0.3
}

/// The traffic pattern of a source host. Its parameters (port, targets) are drawn per host at spawn.
enum SimulationBehavior {
    // Backscatter: a victim (or its router) responding to spoofed sources inside the darknet.
    case synAckFlood
    case rstFlood(randomSourcePorts: Bool)
    case synAckRstFlood
    /// ICMP errors: `fromRouter` means a router in the victim's network responds for it.
    case icmpErrorFlood(type: UInt8, code: UInt8, fromRouter: Bool)
    case echoReplyFlood
    case dnsFloodBackscatter
    case udpServiceBackscatter(port: UInt16, payload: ServicePayload)

    // Scanners.
    case horizontalSYN(mirai: Bool)
    case fixedSourcePortSYN(sourcePort: UInt16)
    case verticalSYN
    case udpProbe(port: UInt16)
    case dnsQueryScanner(fixedSourcePort53: Bool)
    case echoSweep
    case synAckProbe
    case rstProbe
    case ackProbe
    case ipv6LowByteSYN

    // Noise.
    case dnsMisconfig(response: Bool)
    case udpMisconfig(port: UInt16, period: Double)
    case p2pLeftover
    case staleConnectionRST
    case onePacket

    /// A planted worm's scan of one service, TCP SYN or UDP.
    case plantedScan(port: UInt16, udp: Bool)
}

/// Port choices with weights, for the services attacked and scanned most.
enum SimulationPorts {
    static let attacked: [(UInt16, Double)] = [
        (80, 24), (443, 20), (22, 4), (25, 3), (3389, 4), (6667, 2), (25565, 4), (8080, 3), (53, 3),
        (27015, 3), (3074, 2), (7777, 2), (21, 2), (8443, 2), (2083, 1), (110, 1), (993, 1), (5222, 1), (30120, 1),
    ]
    static let attackedWithout80: [(UInt16, Double)] = attacked.filter { $0.0 != 80 }
    static let scanned: [(UInt16, Double)] = [
        (23, 18), (2323, 4), (22, 10), (445, 10), (3389, 6), (1433, 3), (5555, 3), (5000, 2), (6379, 3),
        (8080, 5), (5900, 3), (80, 6), (443, 5), (8443, 2), (81, 2), (7547, 2), (37215, 2), (52869, 1),
        (8291, 2), (3306, 2), (9200, 1), (2375, 1), (8000, 2), (21, 2), (25, 1),
    ]
    static let mirai: [(UInt16, Double)] = [(23, 10), (2323, 3), (5555, 2), (37215, 1), (7547, 1), (52869, 1)]
    static let closedProbe: [(UInt16, Double)] = [(80, 3), (443, 3), (22, 2), (8080, 1), (3389, 1), (53, 1), (25, 1)]

    static func draw(_ table: [(UInt16, Double)], random: inout SimulationRandom) -> UInt16 {
        table[random.index(weights: table.map(\.1))].0
    }
}

extension SimulationProfile {
    /// The populations of a darknet capture.
    ///
    /// Shares were tuned on 30 s windows of 0.3 and 1 million packet, 1-day captures. Windows whose
    /// packets are all TCP from port 80 come out 15–30 times as often backscatter as not, and those
    /// all UDP from port 53 about 15–20 times. On the other windows the packet-type rule (response
    /// types mean backscatter) errs both ways. Scanners probing with SYN-ACK or RST and misconfigured
    /// hosts look like backscatter, while UDP-service backscatter (QUIC, game queries) does not.
    static let standard: [SimulationProfile] = {
        let hour = 3600.0
        let day = 86400.0
        func backscatter(_ behavior: SimulationBehavior, _ share: Double, rate: Double = 1500, ipv6: Double = 0) -> SimulationProfile {
            SimulationProfile(
                role: .backscatter, behavior: behavior, share: share, rateMedian: rate, rateSigma: 2.3,
                scalesWithDarknet: true, durationMedian: 900, durationSigma: 1.3, durationRange: 60...(12 * hour),
                spread: .hosting, ipv6Share: ipv6, diurnalAmplitude: 0.2)
        }
        func scanner(_ behavior: SimulationBehavior, _ share: Double, rate: Double, sigma: Double = 1.8,
                     duration: Double = 3 * hour, scales: Bool = true, ipv6: Double = 0) -> SimulationProfile {
            SimulationProfile(
                role: .scanner, behavior: behavior, share: share, rateMedian: rate, rateSigma: sigma,
                scalesWithDarknet: scales, durationMedian: duration, durationSigma: 1.5, durationRange: 30...(7 * day),
                spread: .infected, ipv6Share: ipv6)
        }
        func noise(_ behavior: SimulationBehavior, _ share: Double, rate: Double, duration: Double,
                   spread: SimulationAddressSpace.Spread = .enterprise) -> SimulationProfile {
            SimulationProfile(
                role: .noise, behavior: behavior, share: share, rateMedian: rate, rateSigma: 1.0,
                scalesWithDarknet: false, durationMedian: duration, durationSigma: 1.2, durationRange: 1...(7 * day),
                spread: spread)
        }
        return [
            backscatter(.synAckFlood, 0.19, ipv6: 0.05),
            backscatter(.rstFlood(randomSourcePorts: false), 0.04),
            backscatter(.rstFlood(randomSourcePorts: true), 0.03),
            backscatter(.synAckRstFlood, 0.03),
            backscatter(.icmpErrorFlood(type: 3, code: 3, fromRouter: false), 0.025, ipv6: 0.1),
            backscatter(.icmpErrorFlood(type: 3, code: 1, fromRouter: true), 0.01),
            backscatter(.icmpErrorFlood(type: 3, code: 13, fromRouter: true), 0.008),
            backscatter(.icmpErrorFlood(type: 11, code: 0, fromRouter: true), 0.007),
            backscatter(.echoReplyFlood, 0.02, ipv6: 0.1),
            backscatter(.dnsFloodBackscatter, 0.03),
            backscatter(.udpServiceBackscatter(port: 443, payload: .quicServerInitial), 0.02),
            backscatter(.udpServiceBackscatter(port: 27015, payload: .gameInfoReply), 0.01),

            scanner(.horizontalSYN(mirai: false), 0.17, rate: 1500, sigma: 2.0),
            scanner(.horizontalSYN(mirai: true), 0.10, rate: 250, sigma: 1.2, duration: 8 * hour),
            scanner(.fixedSourcePortSYN(sourcePort: 80), 0.0007, rate: 800),
            scanner(.verticalSYN, 0.03, rate: 3, sigma: 1.0, duration: 120, scales: false),
            scanner(.udpProbe(port: 53), 0.012, rate: 800),
            scanner(.udpProbe(port: 161), 0.012, rate: 800),
            scanner(.udpProbe(port: 123), 0.012, rate: 800),
            scanner(.udpProbe(port: 1900), 0.01, rate: 800),
            scanner(.udpProbe(port: 11211), 0.006, rate: 800),
            scanner(.dnsQueryScanner(fixedSourcePort53: true), 0.0008, rate: 800),
            scanner(.echoSweep, 0.03, rate: 1000),
            scanner(.synAckProbe, 0.010, rate: 1200),
            scanner(.rstProbe, 0.006, rate: 1200),
            scanner(.ackProbe, 0.02, rate: 1200),
            scanner(.ipv6LowByteSYN, 0.003, rate: 0.05, sigma: 1.0, duration: 1800, scales: false, ipv6: 1),

            noise(.dnsMisconfig(response: true), 0.008, rate: 0.05, duration: 2 * hour),
            noise(.dnsMisconfig(response: false), 0.01, rate: 0.05, duration: 2 * hour),
            noise(.udpMisconfig(port: 123, period: 64), 0.008, rate: 1.0 / 128, duration: 12 * hour),
            noise(.udpMisconfig(port: 514, period: 0), 0.005, rate: 0.2, duration: 1 * hour),
            noise(.p2pLeftover, 0.015, rate: 0.1, duration: 3 * hour),
            noise(.staleConnectionRST, 0.01, rate: 0.2, duration: 60),
            noise(.onePacket, 0.035, rate: 1, duration: 1, spread: .anywhere),
        ]
    }()
}
