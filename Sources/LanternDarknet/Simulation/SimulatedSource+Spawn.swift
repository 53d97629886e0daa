/// Drawing a new source host's traffic parameters from its population's behaviour.
extension SimulatedSource {
    mutating func configure(addressSpace: SimulationAddressSpace) {
        ttl = drawTTL()
        ipIdentification = UInt16(truncatingIfNeeded: random.next())
        cursor = random.next() % addressSpace.darknetSize
        sequential = false

        switch behavior {
        case .synAckFlood:
            servicePort = SimulationPorts.draw(SimulationPorts.attacked, random: &random)
            kind = "synack-flood-\(servicePort)"
            tcpOptions = ttl > 100 ? .windows(mss: 1460) : .linux(mss: 1460, timestamp: UInt32(truncatingIfNeeded: random.next()))
            retransmitChance = random.chance(0.5) ? 0.05 : 0  // half the victims use SYN cookies
            sequential = random.chance(0.2)  // hping3-style floods walk the source port
        case .rstFlood(let randomSourcePorts):
            servicePort = SimulationPorts.draw(SimulationPorts.attacked, random: &random)
            kind = randomSourcePorts ? "rst-flood-random-ports" : "rst-flood-\(servicePort)"
            sequential = random.chance(0.3)  // RST without ACK: the response to an ACK flood
        case .synAckRstFlood:
            servicePort = random.chance(0.6) ? 80 : 443
            kind = "synack-rst-flood-\(servicePort)"
            tcpOptions = .linux(mss: 1460, timestamp: UInt32(truncatingIfNeeded: random.next()))
        case .icmpErrorFlood(let type, let code, let fromRouter):
            configureICMPError(type: type, code: code, fromRouter: fromRouter, addressSpace: addressSpace)
        case .echoReplyFlood:
            kind = "echo-reply-flood"
            // The echo data length, one per flood tool, kept in the otherwise unused port slot.
            targetPorts = [UInt16([56, 64, 1472, 32][random.index(weights: [5, 2, 1, 2])])]
        case .dnsFloodBackscatter:
            servicePort = 53
            let codes: [UInt8] = [3, 0, 5, 2]
            // The response code, kept in the otherwise unused port slot.
            targetPorts = [UInt16(codes[random.index(weights: [4, 3, 2, 1])])]
            kind = targetPorts[0] == 3 ? "dns-flood-backscatter-nxdomain" : "dns-flood-backscatter"
        case .udpServiceBackscatter(let port, _):
            servicePort = port
            kind = port == 443 ? "quic-flood-backscatter-443" : "game-query-backscatter-\(port)"

        case .horizontalSYN(let mirai):
            configureHorizontalSYN(mirai: mirai)
        case .fixedSourcePortSYN(let sourcePort):
            servicePort = sourcePort
            targetPorts = [SimulationPorts.draw(SimulationPorts.scanned, random: &random)]
            kind = "syn-scanner-srcport-\(sourcePort)"
            tcpOptions = .mss(1460)
        case .verticalSYN:
            kind = "vertical-syn"
            targets = (0..<random.integer(in: 1...3)).map { _ in addressSpace.randomDarknetAddress(ipv6: false, random: &random) }
            servicePort = UInt16(random.integer(in: 32768...60999))
            tcpOptions = .mss(1460)
        case .udpProbe(let port):
            servicePort = port
            kind = "udp-probe-" + (["53": "dns", "161": "snmp", "123": "ntp", "1900": "ssdp", "11211": "memcached"]["\(port)"] ?? "\(port)")
            sequential = random.chance(0.3)
        case .dnsQueryScanner:
            servicePort = 53
            kind = "dns-query-scanner-srcport-53"
        case .echoSweep:
            kind = "icmp-echo-sweep"
            servicePort = UInt16(truncatingIfNeeded: random.next())
            sequential = random.chance(0.5)
        case .synAckProbe, .rstProbe, .ackProbe:
            configureFlagProbe()
        case .ipv6LowByteSYN:
            kind = "ipv6-syn-low-byte"
            targetPorts = [SimulationPorts.draw(SimulationPorts.scanned, random: &random)]

        case .dnsMisconfig(let response):
            kind = response ? "dns-misconfig-response" : "dns-misconfig-query"
            configureFixedTargets(addressSpace: addressSpace, count: random.integer(in: 1...2))
            cursor = random.next()  // the one name this host keeps querying or responding about
        case .udpMisconfig(let port, let period):
            servicePort = port
            kind = port == 123 ? "ntp-misconfig" : "syslog-misconfig"
            configureFixedTargets(addressSpace: addressSpace, count: 1)
            if period > 0 && remaining > 1 {
                // A client polling on a fixed interval (NTP polls every 64–1024 s): the planned
                // packets spread evenly over the planned lifetime.
                self.period = max(period, (end - time) / Double(remaining))
            }
        case .p2pLeftover:
            kind = "p2p-leftover"
            configureFixedTargets(addressSpace: addressSpace, count: 1)
            servicePort = UInt16(random.integer(in: 6881...65000))
        case .staleConnectionRST:
            kind = "stale-connection-rst"
            configureFixedTargets(addressSpace: addressSpace, count: 1)
            servicePort = [443, 22, 25, 993, 8080, 5222, 3306][random.integer(in: 0...6)]
        case .onePacket:
            let kinds = ["syn", "udp", "echo", "rst", "synack", "dns-query"]
            targetPorts = [UInt16(random.index(weights: [44, 22, 15, 6, 6, 7]))]
            kind = "one-packet-" + kinds[Int(targetPorts[0])]
        case .plantedScan(let port, _):
            kind = "planted-scan"
            servicePort = port
        }
    }

    private mutating func drawTTL() -> UInt8 {
        let initial = [64, 128, 255][random.index(weights: [6, 3, 1])]
        return UInt8(initial - random.integer(in: 5...25))
    }

    private mutating func configureICMPError(type: UInt8, code: UInt8, fromRouter: Bool, addressSpace: SimulationAddressSpace) {
        switch (type, code) {
        case (3, 3): kind = "icmp-port-unreachable"
        case (3, 1): kind = "icmp-host-unreachable"
        case (3, 13): kind = "icmp-admin-prohibited"
        default: kind = "icmp-time-exceeded"
        }
        if fromRouter {
            // The router's address is the source; the unreachable victim is what the quote names.
            peer = addressSpace.victim(near: address, random: &random)
        }
        // Protocol of the spoofed flood. The victim responds to UDP floods with port unreachable,
        // and routers quote whatever the flood carried.
        let inner: [TransportProtocol] = [.udp, .tcp, .icmp]
        let choice = type == 3 && code == 3 ? 0 : random.index(weights: [4, 4, 2])
        servicePort = UInt16(inner[choice].rawValue)
        targetPorts = [SimulationPorts.draw(SimulationPorts.attacked, random: &random)]
        sequential = random.chance(0.5)  // true: the flood aims at one port; false: random ports
        // The spoofed datagram's total length, kept in the cursor that this behaviour does not walk.
        cursor = UInt64([28 + 512, 60, 84, 28 + 1024][random.integer(in: 0...3)])
    }

    private mutating func configureHorizontalSYN(mirai: Bool) {
        if mirai {
            servicePort = SimulationPorts.draw(SimulationPorts.mirai, random: &random)
            kind = "mirai-syn-\(servicePort)"
            return
        }
        servicePort = SimulationPorts.draw(SimulationPorts.scanned, random: &random)
        kind = "horizontal-syn-\(servicePort)"
        sequential = random.chance(0.3)
        // Stateless scanners (masscan, ZMap) keep one source port; others vary it per probe.
        if random.chance(0.4) {
            targetPorts = [UInt16(random.integer(in: 32768...65000))]
        }
        tcpOptions = [SimulatedTCPOptions.none, .mss(1460), .linux(mss: 1460, timestamp: 1)][random.integer(in: 0...2)]
    }

    private mutating func configureFlagProbe() {
        switch behavior {
        case .synAckProbe: kind = "synack-probe-scanner"
        case .rstProbe: kind = "rst-probe-scanner"
        default: kind = "ack-probe-scanner"
        }
        targetPorts = (0..<random.integer(in: 1...3)).map { _ in SimulationPorts.draw(SimulationPorts.closedProbe, random: &random) }
        // A fixed source port, sometimes a service port, so single windows resemble backscatter.
        servicePort = random.chance(0.4) ? [443, 8080, 22, 3389][random.integer(in: 0...3)] : UInt16(random.integer(in: 1024...65000))
        sequential = random.chance(0.6)
    }

    private mutating func configureFixedTargets(addressSpace: SimulationAddressSpace, count: Int) {
        targets = (0..<count).map { _ in addressSpace.randomDarknetAddress(ipv6: false, random: &random) }
        targetPorts = (0..<count).map { _ in UInt16(random.integer(in: 1024...65000)) }
    }
}
