extension PacketDecoder {
    /// The datagram an ICMP error quotes, and whether the quote is shorter than that
    /// datagram's own length field says. RFC 792 asks only for the IP header plus 8 bytes, so
    /// a short quote is normal and is never reported as an error of the outer packet.
    struct Quote {
        var datagram: QuotedDatagram?
        var truncated: Bool
    }

    /// Decodes the IPv4 or IPv6 header quoted between `start` and `end` (the captured end of
    /// the ICMP message), and the ports or ICMP type and code behind it when they are there.
    func decodeQuotedDatagram(_ frame: Bytes, from start: Int, to end: Int) -> Quote {
        guard end > start else { return Quote(datagram: nil, truncated: true) }
        switch frame.u8(start) >> 4 {
        case 4: return decodeQuotedIPv4(frame, from: start, to: end)
        case 6: return decodeQuotedIPv6(frame, from: start, to: end)
        default: return Quote(datagram: nil, truncated: true)
        }
    }

    private func decodeQuotedIPv4(_ frame: Bytes, from start: Int, to end: Int) -> Quote {
        let available = end - start
        guard available >= 20 else { return Quote(datagram: nil, truncated: true) }
        let headerLength = Int(frame.u8(start) & 0x0F) * 4
        let ipProtocol = frame.u8(start + 9)
        var datagram = QuotedDatagram(
            source: IPAddress(ipv4: frame.u32(start + 12)), destination: IPAddress(ipv4: frame.u32(start + 16)),
            transport: .other, sourcePort: 0, destinationPort: 0)
        let truncated = available < Int(frame.u16(start + 2))
        guard headerLength >= 20 else { return Quote(datagram: datagram, truncated: truncated) }

        datagram.transport = Self.transportProtocol(ipProtocol)
        let isLaterFragment = frame.u16(start + 6) & 0x1FFF != 0
        if !isLaterFragment {
            readQuotedPorts(frame, at: start + headerLength, end: end, into: &datagram)
        }
        return Quote(datagram: datagram, truncated: truncated)
    }

    private func decodeQuotedIPv6(_ frame: Bytes, from start: Int, to end: Int) -> Quote {
        let available = end - start
        guard available >= 40 else { return Quote(datagram: nil, truncated: true) }
        var datagram = QuotedDatagram(
            source: IPAddress(ipv6High: frame.u64(start + 8), low: frame.u64(start + 16)),
            destination: IPAddress(ipv6High: frame.u64(start + 24), low: frame.u64(start + 32)),
            transport: .other, sourcePort: 0, destinationPort: 0)
        var truncated = available < 40 + Int(frame.u16(start + 4))
        let walk = walkIPv6Extensions(frame, nextHeader: frame.u8(start + 6), from: start + 40, to: end)
        if walk.cut {
            truncated = true
        } else if !walk.stopped {
            datagram.transport = Self.transportProtocol(walk.nextHeader)
            if walk.fragmentOffset == 0 {
                readQuotedPorts(frame, at: walk.offset, end: end, into: &datagram)
            }
        }
        return Quote(datagram: datagram, truncated: truncated)
    }

    /// Ports for TCP and UDP, `type << 8 | code` in `destinationPort` for ICMP, as in `Packet`.
    private func readQuotedPorts(_ frame: Bytes, at offset: Int, end: Int, into datagram: inout QuotedDatagram) {
        switch datagram.transport {
        case .tcp, .udp:
            guard offset + 4 <= end else { return }
            datagram.sourcePort = frame.u16(offset)
            datagram.destinationPort = frame.u16(offset + 2)
        case .icmp, .icmpv6:
            guard offset + 2 <= end else { return }
            datagram.destinationPort = UInt16(frame.u8(offset)) << 8 | UInt16(frame.u8(offset + 1))
        case .other:
            break
        }
    }
}
