extension PacketDecoder {
    static func transportProtocol(_ ipProtocol: UInt8) -> TransportProtocol {
        TransportProtocol(rawValue: ipProtocol) ?? .other
    }

    /// Fills the transport fields of `packet` from `segment`.
    ///
    /// A later fragment keeps its protocol (so `PacketKind` and per-protocol counts see it) but
    /// gets no ports or flags; its whole fragment counts as payload.
    func decodeTransport(
        _ ipProtocol: UInt8, _ segment: Segment, _ frame: Bytes, packet: inout Packet, details: inout PacketDetails
    ) {
        packet.transport = Self.transportProtocol(ipProtocol)
        if packet.isLaterFragment {
            packet.payloadLength = max(0, segment.declaredLength)
            return
        }
        switch packet.transport {
        case .tcp: decodeTCP(segment, frame, packet: &packet, details: &details)
        case .udp: decodeUDP(segment, frame, packet: &packet)
        case .icmp, .icmpv6: decodeICMP(segment, frame, packet: &packet)
        case .other: packet.payloadLength = max(0, segment.declaredLength)
        }
    }

    private func decodeTCP(_ segment: Segment, _ frame: Bytes, packet: inout Packet, details: inout PacketDetails) {
        let start = segment.start
        let captured = segment.capturedLength
        if captured >= 4 {
            packet.sourcePort = frame.u16(start)
            packet.destinationPort = frame.u16(start + 2)
        }
        if captured >= 14 { packet.tcpFlags = TCPFlags(rawValue: frame.u8(start + 13)) }
        if captured >= 16 { details.tcpWindow = frame.u16(start + 14) }
        guard segment.declaredLength >= 20 else {
            // The IP length leaves no room for a TCP header.
            packet.anomalies.insert(.badIPLength)
            return
        }
        guard captured >= 13 else { return }

        // PacketAnomalies has no separate flag for a bad data offset; it is an option-area
        // problem (the options would start or end in the wrong place), so it shares that flag.
        var headerLength = Int(frame.u8(start + 12) >> 4) * 4
        if headerLength < 20 || headerLength > segment.declaredLength {
            packet.anomalies.insert(.malformedTCPOptions)
            headerLength = min(max(headerLength, 20), segment.declaredLength)
        }
        packet.payloadLength = segment.declaredLength - headerLength
        walkTCPOptions(frame, from: start + 20, headerEnd: start + headerLength, capturedEnd: segment.capturedEnd,
                       packet: &packet, details: &details)
    }

    /// Walks TCP options. Each step advances by 1 (NOP) or by a length of at least 2, and the
    /// walk stops at EOL, at the header end, at the captured end, or at an option whose length
    /// is 0 or 1 or runs past the header (flagged `malformedTCPOptions`), so it always ends
    /// within 40 steps.
    private func walkTCPOptions(
        _ frame: Bytes, from start: Int, headerEnd: Int, capturedEnd: Int, packet: inout Packet, details: inout PacketDetails
    ) {
        let end = min(headerEnd, capturedEnd)
        var offset = start
        while offset < end {
            let kind = frame.u8(offset)
            if kind == 0 { return }
            if kind == 1 {
                offset += 1
                continue
            }
            guard offset + 1 < end else {
                // The length byte is missing: cut by the capture, or past the header itself.
                if offset + 1 >= headerEnd { packet.anomalies.insert(.malformedTCPOptions) }
                return
            }
            let length = Int(frame.u8(offset + 1))
            guard length >= 2, offset + length <= headerEnd else {
                packet.anomalies.insert(.malformedTCPOptions)
                return
            }
            guard offset + length <= end else { return }
            switch (kind, length) {
            case (2, 4): details.tcpMaximumSegmentSize = frame.u16(offset + 2)
            case (3, 3): details.tcpWindowScale = frame.u8(offset + 2)
            case (4, 2): details.tcpSACKPermitted = true
            case (8, 10): details.tcpTimestamps = true
            default: break
            }
            offset += length
        }
    }

    private func decodeUDP(_ segment: Segment, _ frame: Bytes, packet: inout Packet) {
        let start = segment.start
        if segment.capturedLength >= 4 {
            packet.sourcePort = frame.u16(start)
            packet.destinationPort = frame.u16(start + 2)
        }
        guard segment.declaredLength >= 8 else {
            packet.anomalies.insert(.badIPLength)
            return
        }
        packet.payloadLength = segment.declaredLength - 8
        // The QR bit is the top bit of the third DNS header byte.
        if (packet.sourcePort == 53 || packet.destinationPort == 53) && segment.capturedLength >= 8 + 3 {
            packet.dnsResponse = frame.u8(start + 10) & 0x80 != 0
        }
    }

    private func decodeICMP(_ segment: Segment, _ frame: Bytes, packet: inout Packet) {
        let start = segment.start
        guard segment.capturedLength >= 2 else { return }
        let type = frame.u8(start)
        let code = frame.u8(start + 1)
        packet.destinationPort = UInt16(type) << 8 | UInt16(code)
        let isVersion6 = packet.transport == .icmpv6
        if !(isVersion6 ? Self.isKnownICMPv6Type(type) : Self.isKnownICMPv4Type(type)) {
            packet.anomalies.insert(.unknownICMPType)
        }
        guard segment.declaredLength >= 8 else {
            packet.anomalies.insert(.badIPLength)
            return
        }
        packet.payloadLength = segment.declaredLength - 8
        guard isVersion6 ? Self.isICMPv6Error(type) : Self.isICMPv4Error(type) else { return }
        let quoteStart = start + 8
        let quote = decodeQuotedDatagram(frame, from: quoteStart, to: max(quoteStart, segment.capturedEnd))
        packet.quoted = quote.datagram
        if quote.truncated { packet.anomalies.insert(.quotedTruncated) }
    }

    /// Destination unreachable, source quench, redirect, time exceeded, parameter problem.
    static func isICMPv4Error(_ type: UInt8) -> Bool {
        switch type {
        case 3, 4, 5, 11, 12: return true
        default: return false
        }
    }

    /// Destination unreachable, packet too big, time exceeded, parameter problem.
    static func isICMPv6Error(_ type: UInt8) -> Bool { (1...4).contains(type) }

    /// ICMPv4 types assigned by IANA (including deprecated ones); others are flagged unknown.
    static func isKnownICMPv4Type(_ type: UInt8) -> Bool {
        switch type {
        case 0, 3...6, 8...18, 30...43, 253, 254: return true
        default: return false
        }
    }

    /// ICMPv6 types assigned by IANA, including the private-experimentation ones.
    static func isKnownICMPv6Type(_ type: UInt8) -> Bool {
        switch type {
        case 1...4, 100, 101, 127...162, 200, 201, 255: return true
        default: return false
        }
    }
}
