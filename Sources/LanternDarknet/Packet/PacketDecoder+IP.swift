extension PacketDecoder {
    /// The transport part of an IP datagram.
    struct Segment {
        /// Offset of the transport header in the frame.
        let start: Int
        /// End of the bytes that are both captured and inside the datagram (Ethernet padding
        /// and anything past the IP length are excluded).
        let capturedEnd: Int
        /// Transport length according to the IP length fields.
        let declaredLength: Int

        var capturedLength: Int { max(0, capturedEnd - start) }
    }

    /// Result of walking IPv6 extension headers.
    struct IPv6Walk {
        var nextHeader: UInt8
        var offset: Int
        var isFragment = false
        var fragmentOffset = 0
        var fragmentIdentification: UInt32 = 0
        /// True when a header ran past the end given to the walk.
        var cut = false
        /// True when the walk stopped at its bound or at a header it cannot skip (ESP).
        var stopped = false
    }

    /// Upper bound on IPv6 extension headers; RFC 8200 expects at most one of each kind.
    static let maximumIPv6ExtensionHeaders = 8

    func decodeIP(
        _ frame: Bytes, at offset: Int, expectedVersion: UInt8, timestamp: Double, packet: inout Packet,
        details: inout PacketDetails
    ) -> DecodeKind {
        guard frame.count > offset else {
            return .undecodable(offset < frame.wireLength ? .truncated : .badIPLength)
        }
        var anomalies: PacketAnomalies = []
        let version = frame.u8(offset) >> 4
        if expectedVersion != 0 && version != expectedVersion && (version == 4 || version == 6) {
            details.ipVersionMismatch = true
            anomalies.insert(.badLinkHeader)
        }
        switch version {
        case 4: return decodeIPv4(frame, at: offset, timestamp: timestamp, anomalies: anomalies, packet: &packet, details: &details)
        case 6: return decodeIPv6(frame, at: offset, timestamp: timestamp, anomalies: anomalies, packet: &packet, details: &details)
        default: return .undecodable(.badLinkHeader)
        }
    }

    private func decodeIPv4(
        _ frame: Bytes, at start: Int, timestamp: Double, anomalies: PacketAnomalies, packet: inout Packet,
        details: inout PacketDetails
    ) -> DecodeKind {
        let captured = frame.count - start
        let onWire = frame.wireLength - start
        guard captured >= 20 else {
            return .undecodable(anomalies.union(captured < onWire ? .truncated : .badIPLength))
        }
        packet = Packet(
            timestamp: timestamp, source: IPAddress(ipv4: frame.u32(start + 12)),
            destination: IPAddress(ipv4: frame.u32(start + 16)), transport: .other,
            wireLength: frame.wireLength, anomalies: anomalies)
        let headerLength = Int(frame.u8(start) & 0x0F) * 4
        let totalLength = Int(frame.u16(start + 2))
        let fragmentField = frame.u16(start + 6)
        let ipProtocol = frame.u8(start + 9)
        details.ipProtocol = ipProtocol
        details.timeToLive = frame.u8(start + 8)
        details.ipIdentification = UInt32(frame.u16(start + 4))

        // The datagram ends where its total length says, unless that is below the minimum
        // header or beyond the frame; then the frame's end is the best guess.
        var datagramLength = totalLength
        if totalLength < 20 || totalLength > onWire {
            packet.anomalies.insert(.badIPLength)
            datagramLength = onWire
        }
        if captured < datagramLength { packet.anomalies.insert(.truncated) }

        // A header length below 20 or past the datagram leaves no transport header to trust;
        // the addresses are kept and nothing is decoded further (never IP-in-IP).
        guard headerLength >= 20, headerLength <= datagramLength else {
            packet.anomalies.insert(.badIPv4HeaderLength)
            return .packet
        }
        guard headerLength <= captured else { return .packet }

        let fragmentOffset = Int(fragmentField & 0x1FFF) * 8
        packet.isFragment = fragmentOffset != 0 || fragmentField & 0x2000 != 0
        packet.isLaterFragment = fragmentOffset != 0
        details.fragmentOffset = fragmentOffset
        let segment = Segment(
            start: start + headerLength, capturedEnd: start + min(captured, datagramLength),
            declaredLength: datagramLength - headerLength)
        decodeTransport(ipProtocol, segment, frame, packet: &packet, details: &details)
        return .packet
    }

    private func decodeIPv6(
        _ frame: Bytes, at start: Int, timestamp: Double, anomalies: PacketAnomalies, packet: inout Packet,
        details: inout PacketDetails
    ) -> DecodeKind {
        let captured = frame.count - start
        let onWire = frame.wireLength - start
        guard captured >= 40 else {
            return .undecodable(anomalies.union(captured < onWire ? .truncated : .badIPLength))
        }
        packet = Packet(
            timestamp: timestamp,
            source: IPAddress(ipv6High: frame.u64(start + 8), low: frame.u64(start + 16)),
            destination: IPAddress(ipv6High: frame.u64(start + 24), low: frame.u64(start + 32)),
            transport: .other, wireLength: frame.wireLength, anomalies: anomalies)
        let payloadLength = Int(frame.u16(start + 4))
        let firstNextHeader = frame.u8(start + 6)
        details.timeToLive = frame.u8(start + 7)

        // Payload length 0 with a hop-by-hop header is a jumbogram (RFC 2675), whose real
        // length sits in an option; the frame's end stands in for it.
        var datagramLength = 40 + payloadLength
        if payloadLength == 0 && firstNextHeader == 0 {
            datagramLength = onWire
        } else if datagramLength > onWire {
            packet.anomalies.insert(.badIPLength)
            datagramLength = onWire
        }
        if captured < datagramLength { packet.anomalies.insert(.truncated) }
        let capturedEnd = start + min(captured, datagramLength)

        let walk = walkIPv6Extensions(frame, nextHeader: firstNextHeader, from: start + 40, to: capturedEnd)
        details.ipProtocol = walk.nextHeader
        packet.isFragment = walk.isFragment
        packet.isLaterFragment = walk.fragmentOffset != 0
        details.fragmentOffset = walk.fragmentOffset
        details.ipIdentification = walk.fragmentIdentification
        if walk.cut {
            // Headers that run past the datagram itself (not just past the capture) are bad lengths.
            if !packet.anomalies.contains(.truncated) { packet.anomalies.insert(.badIPLength) }
            return .packet
        }
        if walk.stopped { return .packet }
        let segment = Segment(
            start: walk.offset, capturedEnd: capturedEnd, declaredLength: start + datagramLength - walk.offset)
        decodeTransport(walk.nextHeader, segment, frame, packet: &packet, details: &details)
        return .packet
    }

    /// Skips hop-by-hop (0), routing (43), fragment (44), destination options (60),
    /// authentication (51) and mobility (135) headers between `start` and `end`.
    /// A fragment with a non-zero offset ends the walk: its transport header is in another
    /// fragment, so the bytes after the fragment header are never read as ports.
    func walkIPv6Extensions(_ frame: Bytes, nextHeader: UInt8, from start: Int, to end: Int) -> IPv6Walk {
        var walk = IPv6Walk(nextHeader: nextHeader, offset: start)
        for _ in 0..<Self.maximumIPv6ExtensionHeaders {
            let headerLength: Int
            switch walk.nextHeader {
            case 0, 43, 60, 135:
                guard walk.offset + 2 <= end else { walk.cut = true; return walk }
                headerLength = (Int(frame.u8(walk.offset + 1)) + 1) * 8
            case 51:
                guard walk.offset + 2 <= end else { walk.cut = true; return walk }
                headerLength = (Int(frame.u8(walk.offset + 1)) + 2) * 4
            case 44:
                headerLength = 8
            default:
                return walk
            }
            guard walk.offset + headerLength <= end else { walk.cut = true; return walk }
            if walk.nextHeader == 44 {
                let field = frame.u16(walk.offset + 2)
                walk.isFragment = true
                walk.fragmentOffset = Int(field & 0xFFF8)
                walk.fragmentIdentification = frame.u32(walk.offset + 4)
                walk.nextHeader = frame.u8(walk.offset)
                walk.offset += headerLength
                if walk.fragmentOffset != 0 { return walk }
                continue
            }
            walk.nextHeader = frame.u8(walk.offset)
            walk.offset += headerLength
        }
        walk.stopped = true
        return walk
    }
}
