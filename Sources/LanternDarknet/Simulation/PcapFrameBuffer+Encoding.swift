/// Building the IP packet of one record: headers, payload, lengths and checksums.
extension PcapFrameBuffer {
    mutating func appendIPPacket(_ simulated: SimulatedPacket) {
        let packet = simulated.packet
        let ipStart = bytes.count
        let ipv6 = packet.source.isIPv6
        let protocolNumber = packet.transport.rawValue
        if ipv6 {
            append32BE(0x6000_0000)
            append16(0)  // payload length, patched below
            bytes.append(protocolNumber)
            bytes.append(simulated.ttl)
            appendAddress(packet.source)
            appendAddress(packet.destination)
        } else {
            bytes.append(0x45)
            bytes.append(0)
            append16(0)  // total length, patched below
            append16(simulated.ipIdentification)
            append16(packet.transport == .tcp ? 0x4000 : 0)  // DF on TCP, as common stacks set it
            bytes.append(simulated.ttl)
            bytes.append(protocolNumber)
            append16(0)  // header checksum, computed below
            appendAddress(packet.source)
            appendAddress(packet.destination)
        }

        let transportStart = bytes.count
        appendTransport(simulated)
        let transportLength = bytes.count - transportStart

        if ipv6 {
            store16(UInt16(transportLength), at: ipStart + 4)
        } else {
            store16(UInt16(bytes.count - ipStart), at: ipStart + 2)
            store16(~foldedSum(from: ipStart, to: transportStart, initial: 0), at: ipStart + 10)
        }
        finishTransportChecksum(packet, transportStart: transportStart, length: transportLength)
    }

    private mutating func appendTransport(_ simulated: SimulatedPacket) {
        let packet = simulated.packet
        switch packet.transport {
        case .tcp:
            append16(packet.sourcePort)
            append16(packet.destinationPort)
            append32BE(simulated.sequence)
            append32BE(simulated.acknowledgement)
            bytes.append(UInt8((20 + simulated.tcpOptions.length) / 4) << 4)
            bytes.append(packet.tcpFlags.rawValue)
            append16(simulated.window)
            append16(0)  // checksum
            append16(0)  // urgent pointer
            appendTCPOptions(simulated.tcpOptions)
        case .udp:
            append16(packet.sourcePort)
            append16(packet.destinationPort)
            append16(UInt16(8 + packet.payloadLength))
            append16(0)  // checksum
        case .icmp, .icmpv6:
            append16(packet.destinationPort)  // type and code
            append16(0)  // checksum
            if case .echo(let identifier, let sequence, _) = simulated.payload {
                append16(identifier)
                append16(sequence)
            } else {
                append32BE(0)  // unused in destination unreachable and time exceeded
            }
        case .other:
            preconditionFailure("write(_:) rejects transport .other before encoding")
        }
        appendPayload(simulated)
    }

    private mutating func appendTCPOptions(_ options: SimulatedTCPOptions) {
        switch options {
        case .none:
            break
        case .mss(let mss):
            bytes.append(contentsOf: [2, 4])
            append16(mss)
        case .linux(let mss, let timestamp):
            bytes.append(contentsOf: [2, 4])
            append16(mss)
            bytes.append(contentsOf: [4, 2, 8, 10])
            append32BE(timestamp)
            append32BE(0)
            bytes.append(contentsOf: [1, 3, 3, 7])
        case .windows(let mss):
            bytes.append(contentsOf: [2, 4])
            append16(mss)
            bytes.append(contentsOf: [1, 3, 3, 8, 1, 1, 4, 2])
        }
    }

    private mutating func appendPayload(_ simulated: SimulatedPacket) {
        switch simulated.payload {
        case .none:
            break
        case .filler(let seed, let length):
            appendFiller(seed: seed, length: length)
        case .echo(_, let sequence, let length):
            appendFiller(seed: UInt64(sequence) | UInt64(simulated.ipIdentification) << 16, length: length)
        case .dns(let message):
            appendDNS(message)
        case .quote(let originalLength):
            appendQuote(simulated, originalLength: originalLength)
        case .service(let service):
            bytes.append(contentsOf: service.bytes)
        }
    }

    private mutating func appendFiller(seed: UInt64, length: Int) {
        var state = seed
        var remaining = length
        while remaining > 0 {
            let word = SimulationRandom.splitMix(&state)
            for shift in stride(from: 0, to: min(8, remaining) * 8, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
            remaining -= 8
        }
    }

    private mutating func appendDNS(_ message: DNSMessagePlan) {
        append16(message.identifier)
        // Response: QR, RD, RA and the RCODE. Query: RD only.
        append16(message.isResponse ? 0x8180 | UInt16(message.responseCode) : 0x0100)
        append16(1)
        append16(message.hasAnswer ? 1 : 0)
        append16(0)
        append16(0)
        for label in message.labels {
            bytes.append(UInt8(label.utf8.count))
            bytes.append(contentsOf: label.utf8)
        }
        bytes.append(0)
        append16(message.queryType)
        append16(1)  // class IN
        if message.hasAnswer {
            append16(0xc00c)  // the name, by pointer to the question
            append16(1)
            append16(1)
            append32BE(300)
            append16(4)
            append32BE(0xc000_0200 | UInt32(truncatingIfNeeded: message.nameSeed & 0xff))  // 192.0.2.x
        }
    }

    /// Appends the spoofed datagram that the victim (or its router) quotes. The victim received it
    /// from a darknet address, so the quoted source is the outer packet's destination.
    private mutating func appendQuote(_ simulated: SimulatedPacket, originalLength: Int) {
        let packet = simulated.packet
        let quoted = packet.quoted ?? QuotedDatagram(
            source: packet.destination, destination: packet.source, transport: .udp, sourcePort: 0, destinationPort: 0)
        let start = bytes.count
        let innerTTL = UInt8(truncatingIfNeeded: 30 + simulated.sequence % 30)
        if quoted.source.isIPv6 {
            append32BE(0x6000_0000)
            append16(UInt16(clamping: originalLength - 40))
            bytes.append(quoted.transport.rawValue)
            bytes.append(innerTTL)
            appendAddress(quoted.source)
            appendAddress(quoted.destination)
        } else {
            bytes.append(0x45)
            bytes.append(0)
            append16(UInt16(clamping: originalLength))
            append16(UInt16(truncatingIfNeeded: simulated.sequence >> 8))
            append16(0)
            bytes.append(innerTTL)
            bytes.append(quoted.transport.rawValue)
            append16(0)
            appendAddress(quoted.source)
            appendAddress(quoted.destination)
            store16(~foldedSum(from: start, to: start + 20, initial: 0), at: start + 10)
        }
        switch quoted.transport {
        case .tcp:
            append16(quoted.sourcePort)
            append16(quoted.destinationPort)
            append32BE(simulated.sequence)
        case .udp:
            append16(quoted.sourcePort)
            append16(quoted.destinationPort)
            append16(UInt16(clamping: originalLength - (quoted.source.isIPv6 ? 40 : 20)))
            append16(UInt16(truncatingIfNeeded: simulated.sequence) | 1)  // the original checksum, never 0
        default:
            append16(quoted.destinationPort)  // type and code of the quoted ICMP echo request
            append16(UInt16(truncatingIfNeeded: simulated.sequence >> 16))
            append32BE(simulated.sequence)
        }
    }

    private mutating func appendAddress(_ address: IPAddress) {
        if address.isIPv6 {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: address.high >> UInt64(shift))) }
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: address.low >> UInt64(shift))) }
        } else {
            append32BE(UInt32(truncatingIfNeeded: address.low))
        }
    }

    /// Fills the TCP, UDP or ICMP checksum; all but ICMPv4 cover the RFC 768/793/8200 pseudo-header.
    private mutating func finishTransportChecksum(_ packet: Packet, transportStart: Int, length: Int) {
        var pseudo: UInt32 = 0
        if packet.transport != .icmp {
            pseudo = addressSum(packet.source) + addressSum(packet.destination)
            pseudo += UInt32(packet.transport.rawValue) + UInt32(length & 0xffff) + UInt32(length >> 16)
        }
        var checksum = ~foldedSum(from: transportStart, to: transportStart + length, initial: pseudo)
        if packet.transport == .udp && checksum == 0 {
            checksum = 0xffff  // RFC 768: a computed 0 is sent as all ones, 0 means "no checksum"
        }
        let offset: Int
        switch packet.transport {
        case .tcp: offset = 16
        case .udp: offset = 6
        default: offset = 2
        }
        store16(checksum, at: transportStart + offset)
    }

    private func addressSum(_ address: IPAddress) -> UInt32 {
        func words(_ value: UInt64) -> UInt32 {
            UInt32(value >> 48) + UInt32((value >> 32) & 0xffff) + UInt32((value >> 16) & 0xffff) + UInt32(value & 0xffff)
        }
        return address.isIPv6 ? words(address.high) + words(address.low) : words(address.low)
    }

    /// Computes the folded 16-bit one's-complement sum of `bytes[start..<end]` plus `initial`.
    func foldedSum(from start: Int, to end: Int, initial: UInt32) -> UInt16 {
        var sum = UInt64(initial)
        bytes.withUnsafeBufferPointer { bytes in
            var index = start
            while index + 1 < end {
                sum += UInt64(bytes[index]) << 8 | UInt64(bytes[index + 1])
                index += 2
            }
            if index < end { sum += UInt64(bytes[index]) << 8 }
        }
        while sum > 0xffff { sum = (sum & 0xffff) + (sum >> 16) }
        return UInt16(sum)
    }
}
