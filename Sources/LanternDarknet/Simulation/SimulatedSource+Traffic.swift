/// Building each packet a source host sends.
extension SimulatedSource {
    mutating func makePacket(at timestamp: Double, addressSpace: SimulationAddressSpace) -> SimulatedPacket {
        switch behavior {
        case .synAckFlood:
            let port = sequential ? UInt16(1024 + cursor % 64000) : randomHighPort()
            cursor &+= 1
            return tcp(timestamp, to: darknet(addressSpace), from: servicePort, to: port, flags: [.syn, .ack])
        case .rstFlood(let randomSourcePorts):
            let source = randomSourcePorts ? UInt16(random.integer(in: 1...65535)) : servicePort
            return tcp(timestamp, to: darknet(addressSpace), from: source, to: randomHighPort(), flags: sequential ? [.rst] : [.rst, .ack])
        case .synAckRstFlood:
            if random.chance(0.6) {
                return tcp(timestamp, to: darknet(addressSpace), from: servicePort, to: randomHighPort(), flags: [.syn, .ack])
            }
            return tcp(timestamp, to: darknet(addressSpace), from: UInt16(random.integer(in: 1...65535)), to: randomHighPort(), flags: [.rst, .ack])
        case .icmpErrorFlood(let type, let code, _):
            return icmpError(timestamp, type: type, code: code, addressSpace: addressSpace)
        case .echoReplyFlood:
            let identifier = UInt16(truncatingIfNeeded: random.next())
            return icmp(timestamp, to: darknet(addressSpace), type: ipv6 ? 129 : 0, code: 0,
                        payload: .echo(identifier: identifier, sequence: UInt16(truncatingIfNeeded: random.next()), length: Int(targetPorts[0])))
        case .dnsFloodBackscatter:
            let plan = DNSMessagePlan(
                identifier: UInt16(truncatingIfNeeded: random.next()), nameSeed: random.next(), isResponse: true,
                responseCode: UInt8(targetPorts[0]), queryType: random.chance(0.2) ? 255 : 1, randomLabel: targetPorts[0] != 0)
            return udp(timestamp, to: darknet(addressSpace), from: 53, to: randomHighPort(), payload: .dns(plan))
        case .udpServiceBackscatter(_, let payload):
            return udp(timestamp, to: darknet(addressSpace), from: servicePort, to: randomHighPort(), payload: .service(payload))
        default:
            return makeScanOrNoisePacket(at: timestamp, addressSpace: addressSpace)
        }
    }

    private mutating func makeScanOrNoisePacket(at timestamp: Double, addressSpace: SimulationAddressSpace) -> SimulatedPacket {
        switch behavior {
        case .horizontalSYN(let mirai):
            return horizontalSYN(timestamp, mirai: mirai, addressSpace: addressSpace)
        case .fixedSourcePortSYN:
            return tcp(timestamp, to: walk(addressSpace), from: servicePort, to: targetPorts[0], flags: [.syn])
        case .verticalSYN:
            let port = random.chance(0.6) ? UInt16(random.integer(in: 1...1024)) : UInt16(random.integer(in: 1025...65535))
            return tcp(timestamp, to: targets[random.integer(in: 0...(targets.count - 1))], from: servicePort, to: port, flags: [.syn])
        case .udpProbe(let port):
            return udpProbe(timestamp, port: port, addressSpace: addressSpace)
        case .dnsQueryScanner:
            return udp(timestamp, to: walk(addressSpace), from: 53, to: 53, payload: .dns(query(seed: random.next(), type: 255)))
        case .echoSweep:
            return icmp(timestamp, to: walk(addressSpace), type: 8, code: 0,
                        payload: .echo(identifier: servicePort, sequence: UInt16(truncatingIfNeeded: emitted), length: 56))
        case .synAckProbe:
            return flagProbe(timestamp, flags: [.syn, .ack], addressSpace: addressSpace)
        case .rstProbe:
            return flagProbe(timestamp, flags: random.chance(0.5) ? [.rst] : [.rst, .ack], addressSpace: addressSpace)
        case .ackProbe:
            return flagProbe(timestamp, flags: [.ack], addressSpace: addressSpace)
        case .ipv6LowByteSYN:
            guard ipv6, let prefix = addressSpace.darknetIPv6?.high else {
                // No IPv6 darknet configured: the host scans the IPv4 darknet instead.
                return tcp(timestamp, to: walk(addressSpace), from: randomHighPort(), to: targetPorts[0], flags: [.syn])
            }
            let target = IPAddress(ipv6High: prefix | UInt64(random.integer(in: 0...15)), low: UInt64(random.integer(in: 1...16)))
            return tcp(timestamp, to: target, from: randomHighPort(), to: targetPorts[0], flags: [.syn])
        default:
            return makeNoisePacket(at: timestamp, addressSpace: addressSpace)
        }
    }

    private mutating func makeNoisePacket(at timestamp: Double, addressSpace: SimulationAddressSpace) -> SimulatedPacket {
        let pick = random.integer(in: 0...max(0, targets.count - 1))
        switch behavior {
        case .dnsMisconfig(let response):
            var plan = query(seed: cursor, type: 1)
            plan.isResponse = response
            if response {
                return udp(timestamp, to: targets[pick], from: 53, to: targetPorts[pick], payload: .dns(plan))
            }
            return udp(timestamp, to: targets[pick], from: targetPorts[pick], to: 53, payload: .dns(plan))
        case .udpMisconfig(let port, _):
            let length = port == 123 ? 48 : random.integer(in: 60...200)
            return udp(timestamp, to: targets[0], from: port == 123 ? 123 : randomHighPort(), to: port,
                       payload: .filler(seed: random.next(), length: length))
        case .p2pLeftover:
            return udp(timestamp, to: targets[0], from: servicePort, to: targetPorts[0], payload: .service(.dhtPing))
        case .staleConnectionRST:
            return tcp(timestamp, to: targets[0], from: servicePort, to: targetPorts[0], flags: random.chance(0.5) ? [.rst] : [.rst, .ack])
        case .plantedScan(_, let isUDP):
            let target = addressSpace.randomDarknetAddress(ipv6: false, random: &random)
            if isUDP {
                return udp(timestamp, to: target, from: randomHighPort(), to: servicePort, payload: .filler(seed: random.next(), length: 32))
            }
            return tcp(timestamp, to: target, from: randomHighPort(), to: servicePort, flags: [.syn])
        default:
            return onePacket(timestamp, addressSpace: addressSpace)
        }
    }

    // MARK: Behaviours with several steps.

    private mutating func icmpError(_ timestamp: Double, type: UInt8, code: UInt8, addressSpace: SimulationAddressSpace) -> SimulatedPacket {
        let target = darknet(addressSpace)
        let transport = TransportProtocol(rawValue: UInt8(servicePort)) ?? .udp
        let floodPort = sequential ? targetPorts[0] : UInt16(random.integer(in: 1...65535))
        let quoted: QuotedDatagram
        if transport == .icmp {
            // The quoted echo request: ports hold type and code, as `Packet` stores ICMP.
            quoted = QuotedDatagram(source: target, destination: peer, transport: ipv6 ? .icmpv6 : .icmp,
                                    sourcePort: 0, destinationPort: ipv6 ? 128 << 8 : 8 << 8)
        } else {
            quoted = QuotedDatagram(source: target, destination: peer, transport: transport,
                                    sourcePort: randomHighPort(), destinationPort: floodPort)
        }
        // ICMPv6 port unreachable is type 1 code 4.
        let (outerType, outerCode) = ipv6 ? (UInt8(1), UInt8(4)) : (type, code)
        var packet = icmp(timestamp, to: target, type: outerType, code: outerCode, payload: .quote(originalLength: Int(cursor)))
        packet.packet.quoted = quoted
        packet.sequence = UInt32(truncatingIfNeeded: random.next())
        return packet
    }

    private mutating func horizontalSYN(_ timestamp: Double, mirai: Bool, addressSpace: SimulationAddressSpace) -> SimulatedPacket {
        if mirai {
            // Mirai sends 9 in 10 telnet probes to 23 and the rest to 2323, with the target address
            // as the TCP sequence number, a fingerprint telescopes use to count its bots.
            let target = addressSpace.randomDarknetAddress(ipv6: false, random: &random)
            let port: UInt16 = servicePort == 23 && random.chance(0.1) ? 2323 : servicePort
            var packet = tcp(timestamp, to: target, from: randomHighPort(), to: port, flags: [.syn])
            packet.sequence = UInt32(truncatingIfNeeded: target.low)
            packet.window = UInt16(truncatingIfNeeded: random.next())
            return packet
        }
        let source = targetPorts.first ?? randomHighPort()
        return tcp(timestamp, to: walk(addressSpace), from: source, to: servicePort, flags: [.syn])
    }

    private mutating func udpProbe(_ timestamp: Double, port: UInt16, addressSpace: SimulationAddressSpace) -> SimulatedPacket {
        let target = walk(addressSpace)
        let payload: SimulatedPayload
        switch port {
        case 53: payload = .dns(query(seed: random.next(), type: 255))
        case 161: payload = .service(.snmpGetRequest)
        case 123: payload = .service(.ntpVersionRequest)
        case 1900: payload = .service(.ssdpSearch)
        default: payload = .service(.memcachedStats)
        }
        return udp(timestamp, to: target, from: randomHighPort(), to: port, payload: payload)
    }

    private mutating func flagProbe(_ timestamp: Double, flags: TCPFlags, addressSpace: SimulationAddressSpace) -> SimulatedPacket {
        let port = targetPorts[random.integer(in: 0...(targetPorts.count - 1))]
        return tcp(timestamp, to: walk(addressSpace), from: servicePort, to: port, flags: flags)
    }

    private mutating func onePacket(_ timestamp: Double, addressSpace: SimulationAddressSpace) -> SimulatedPacket {
        let target = addressSpace.randomDarknetAddress(ipv6: false, random: &random)
        switch targetPorts[0] {
        case 0: return tcp(timestamp, to: target, from: randomHighPort(), to: SimulationPorts.draw(SimulationPorts.scanned, random: &random), flags: [.syn])
        case 1: return udp(timestamp, to: target, from: randomHighPort(), to: randomHighPort(), payload: .filler(seed: random.next(), length: random.integer(in: 0...64)))
        case 2: return icmp(timestamp, to: target, type: 8, code: 0, payload: .echo(identifier: 1, sequence: 1, length: 32))
        case 3: return tcp(timestamp, to: target, from: SimulationPorts.draw(SimulationPorts.attackedWithout80, random: &random), to: randomHighPort(), flags: [.rst, .ack])
        case 4: return tcp(timestamp, to: target, from: SimulationPorts.draw(SimulationPorts.attackedWithout80, random: &random), to: randomHighPort(), flags: [.syn, .ack])
        default: return udp(timestamp, to: target, from: randomHighPort(), to: 53, payload: .dns(query(seed: random.next(), type: 1)))
        }
    }

    // MARK: Building blocks.

    private mutating func randomHighPort() -> UInt16 {
        UInt16(random.integer(in: 1024...65535))
    }

    /// Draws a uniformly random darknet address in the source's IP version, because responses to
    /// spoofed sources land anywhere in the darknet.
    private mutating func darknet(_ addressSpace: SimulationAddressSpace) -> IPAddress {
        addressSpace.randomDarknetAddress(ipv6: ipv6, random: &random)
    }

    /// Picks the next target of a scan: the next address of a sequential walk, or a random one.
    private mutating func walk(_ addressSpace: SimulationAddressSpace) -> IPAddress {
        guard sequential else { return addressSpace.randomDarknetAddress(ipv6: false, random: &random) }
        // A sequential scanner sweeps the whole IPv4 space, so consecutive packets that reach
        // the darknet sit far apart in time but close in address: step by a few addresses.
        cursor &+= UInt64(random.integer(in: 1...16))
        return addressSpace.darknetAddress(at: cursor)
    }

    private func query(seed: UInt64, type: UInt16) -> DNSMessagePlan {
        DNSMessagePlan(identifier: UInt16(truncatingIfNeeded: seed >> 40), nameSeed: seed, isResponse: false, queryType: type)
    }

    private mutating func tcp(_ timestamp: Double, to destination: IPAddress, from sourcePort: UInt16, to destinationPort: UInt16,
                              flags: TCPFlags) -> SimulatedPacket {
        let packet = Packet(timestamp: timestamp, source: address, destination: destination, transport: .tcp,
                            sourcePort: sourcePort, destinationPort: destinationPort, tcpFlags: flags)
        let isSYN = flags.contains(.syn)
        let acknowledges = flags.contains(.ack)
        return SimulatedPacket(
            packet: packet, ttl: ttl, ipIdentification: ipIdentification, sequence: flags == [.rst, .ack] ? 0 : UInt32(truncatingIfNeeded: random.next()),
            acknowledgement: acknowledges ? UInt32(truncatingIfNeeded: random.next()) : 0,
            window: flags.contains(.rst) ? 0 : (ttl > 100 ? 8192 : 29200), tcpOptions: isSYN ? tcpOptions : .none)
    }

    private mutating func udp(_ timestamp: Double, to destination: IPAddress, from sourcePort: UInt16, to destinationPort: UInt16,
                              payload: SimulatedPayload) -> SimulatedPacket {
        let packet = Packet(timestamp: timestamp, source: address, destination: destination, transport: .udp,
                            sourcePort: sourcePort, destinationPort: destinationPort)
        return SimulatedPacket(packet: packet, ttl: ttl, ipIdentification: ipIdentification, payload: payload)
    }

    private mutating func icmp(_ timestamp: Double, to destination: IPAddress, type: UInt8, code: UInt8,
                               payload: SimulatedPayload) -> SimulatedPacket {
        let packet = Packet(timestamp: timestamp, source: address, destination: destination, transport: ipv6 ? .icmpv6 : .icmp,
                            destinationPort: UInt16(type) << 8 | UInt16(code))
        return SimulatedPacket(packet: packet, ttl: ttl, ipIdentification: ipIdentification, payload: payload)
    }
}
