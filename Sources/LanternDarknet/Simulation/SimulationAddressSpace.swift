import Foundation

/// The address pools of simulated source hosts and the darknet addresses they hit.
///
/// Sources come from a pool of public IPv4 /16s (reserved, private, multicast and rarely
/// routed ranges left out). Each population draws subnets from its own Zipf-weighted ordering
/// of the pool, so a few subnets hold many of its hosts, as infected or hosting networks do,
/// while the tail spreads over thousands of /16s.
struct SimulationAddressSpace {
    /// The spread of a population's hosts over the subnet pool.
    enum Spread: Int, CaseIterable {
        /// Scanners: strongly clustered in infected networks (Zipf exponent 1.0).
        case infected
        /// Victims: clustered in hosting and access networks (exponent 0.8).
        case hosting
        /// Misconfigured hosts: mildly clustered (exponent 0.5).
        case enterprise
        /// One-off senders: uniform over the pool.
        case anywhere
    }

    let darknet: IPAddress
    let darknetPrefixLength: Int
    let darknetIPv6: IPAddress?
    /// Share of all IPv4 addresses the darknet covers, the factor from an internet-wide rate to
    /// the rate the telescope receives.
    let darknetFraction: Double
    private let subnets: [UInt32]
    private let tables: [CumulativeWeights]
    private let seed: UInt64

    static let poolSize = 12_000

    init(darknet: IPAddress, prefixLength: Int, darknetIPv6: IPAddress?, seed: UInt64) {
        self.darknet = darknet
        darknetPrefixLength = prefixLength
        self.darknetIPv6 = darknetIPv6
        darknetFraction = 1 / Double(UInt64(1) << UInt64(prefixLength))
        self.seed = seed
        var random = SimulationRandom(seed: seed, stream: 0x5b)
        subnets = SimulationAddressSpace.drawPool(random: &random, excluding: darknet, prefixLength: prefixLength)
        var tables: [CumulativeWeights] = []
        for spread in Spread.allCases {
            var order = Array(0..<subnets.count)
            order.shuffle(using: &random)
            var weights = [Double](repeating: 0, count: subnets.count)
            let exponent: Double = [1.0, 0.8, 0.5, 0.0][spread.rawValue]
            for (rank, index) in order.enumerated() {
                weights[index] = 1 / pow(Double(rank + 1), exponent)
            }
            tables.append(CumulativeWeights(weights))
        }
        self.tables = tables
    }

    /// First octets left out: 0, 10, 127, multicast and above, and /8s held by the US DoD and
    /// others that are rarely seen as sources.
    private static let excludedFirstOctets: Set<UInt32> = [0, 6, 7, 10, 11, 21, 22, 26, 28, 29, 30, 33, 55, 127, 214, 215]

    private static func isReserved(_ slash16: UInt32) -> Bool {
        let first = slash16 >> 8
        let second = slash16 & 0xff
        if first >= 224 || excludedFirstOctets.contains(first) { return true }
        switch (first, second) {
        case (100, 64...127), (169, 254), (172, 16...31), (192, 168), (198, 18...19), (192, 0), (198, 51), (203, 0):
            return true
        default:
            return false
        }
    }

    private static func drawPool(random: inout SimulationRandom, excluding darknet: IPAddress, prefixLength: Int) -> [UInt32] {
        let darknetValue = UInt32(truncatingIfNeeded: darknet.low)
        let darknetSpan = UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(max(0, 32 - prefixLength))) - 1)
        var chosen = Set<UInt32>()
        var pool: [UInt32] = []
        while pool.count < poolSize {
            let candidate = UInt32(random.integer(in: 1...223)) << 8 | UInt32(random.integer(in: 0...255))
            let base = candidate << 16
            let overlapsDarknet = base <= darknetValue | darknetSpan && darknetValue <= base | 0xffff
            if isReserved(candidate) || overlapsDarknet || !chosen.insert(candidate).inserted { continue }
            pool.append(candidate)
        }
        return pool
    }

    /// Draws a fresh IPv4 source address in a subnet chosen by `spread`. Hosts cluster in a few /24s of
    /// their /16, as the infected machines of one network do.
    func drawIPv4Source(_ spread: Spread, random: inout SimulationRandom) -> IPAddress {
        let slash16 = subnets[tables[spread.rawValue].draw(using: &random)]
        let third: UInt32
        if random.chance(0.7) {
            let hot = SimulationRandom.mix(seed, UInt64(slash16) << 8 | UInt64(random.integer(in: 0...3)))
            third = UInt32(hot & 0xff)
        } else {
            third = UInt32(random.integer(in: 0...255))
        }
        let fourth = UInt32(random.integer(in: 1...254))
        return IPAddress(ipv4: slash16 << 16 | third << 8 | fourth)
    }

    /// `count` distinct /16s of the pool (as 16-bit prefixes), for a planted campaign.
    func sampleSubnets(count: Int, random: inout SimulationRandom) -> [UInt32] {
        var indices = Array(0..<subnets.count)
        indices.shuffle(using: &random)
        return indices.prefix(count).map { subnets[$0] }
    }

    /// Draws a fresh IPv4 source address in one of `slash16s`.
    func drawIPv4Source(in slash16s: [UInt32], random: inout SimulationRandom) -> IPAddress {
        let slash16 = slash16s[random.integer(in: 0...(slash16s.count - 1))]
        let host = UInt32(random.integer(in: 0...255)) << 8 | UInt32(random.integer(in: 1...254))
        return IPAddress(ipv4: slash16 << 16 | host)
    }

    /// Returns the address (.1 or .254 of the same /24) of the victim that the router at
    /// `router` responds for; the two differ even when `router` itself ends in .1 or .254.
    func victim(near router: IPAddress, random: inout SimulationRandom) -> IPAddress {
        let value = UInt32(truncatingIfNeeded: router.low)
        let victim = value & 0xffff_ff00 | UInt32(random.chance(0.5) ? 1 : 254)
        return IPAddress(ipv4: victim == value ? victim ^ 0x0100 : victim)
    }

    /// Draws a global-unicast IPv6 source: a /32 under a regional registry's block, a random host.
    func drawIPv6Source(random: inout SimulationRandom) -> IPAddress {
        let registries: [UInt64] = [0x2001, 0x2400, 0x2402, 0x2405, 0x2600, 0x2604, 0x2607, 0x2800, 0x2a00, 0x2a01, 0x2a02, 0x2a03, 0x2c0f]
        let registry = registries[random.integer(in: 0...(registries.count - 1))]
        let slash32 = registry << 16 | UInt64(random.integer(in: 0x0100...0xffff))
        let high = slash32 << 32 | UInt64(random.integer(in: 0...0xffff)) << 16 | UInt64(random.integer(in: 0...0xff))
        return IPAddress(ipv6High: high, low: random.next() & 0xffff_ffff_ffff_fff0 | 1)
    }

    /// Draws a uniformly random darknet address, as the spoofed sources of a flood are.
    func randomDarknetAddress(ipv6: Bool, random: inout SimulationRandom) -> IPAddress {
        if ipv6, let prefix = darknetIPv6 {
            return IPAddress(ipv6High: prefix.high | random.next() & 0xffff, low: random.next())
        }
        return darknetAddress(at: random.next())
    }

    /// Returns the darknet address at `index` modulo the darknet's size, for sequential walks.
    func darknetAddress(at index: UInt64) -> IPAddress {
        let size = UInt64(1) << UInt64(32 - darknetPrefixLength)
        return IPAddress(ipv4: UInt32(truncatingIfNeeded: darknet.low + index % size))
    }

    var darknetSize: UInt64 { UInt64(1) << UInt64(32 - darknetPrefixLength) }

    /// Formats the subnet a truth record names: the /16 of an IPv4 host, the /32 of an IPv6 host.
    static func subnetText(of address: IPAddress) -> String {
        if address.isIPv6 {
            return "\(address.masked(toPrefix: 32))/32"
        }
        return "\(address.masked(toPrefix: 16))/16"
    }
}
