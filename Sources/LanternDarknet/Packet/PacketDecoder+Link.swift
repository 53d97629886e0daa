extension PacketDecoder {
    /// A captured frame and its length on the wire. Every read is checked against `count` by
    /// the caller before it is made; the accessors only assert it in debug builds.
    struct Bytes {
        let base: UnsafeRawBufferPointer
        /// Captured bytes.
        let count: Int
        /// Bytes on the wire, never below `count`.
        let wireLength: Int

        init(_ base: UnsafeRawBufferPointer, wireLength: Int) {
            self.base = base
            count = base.count
            self.wireLength = max(wireLength, base.count)
        }

        @inline(__always) func u8(_ offset: Int) -> UInt8 {
            assert(offset >= 0 && offset < count, "read past the captured bytes")
            return base[offset]
        }

        @inline(__always) func u16(_ offset: Int) -> UInt16 {
            UInt16(u8(offset)) << 8 | UInt16(u8(offset + 1))
        }

        @inline(__always) func u32(_ offset: Int) -> UInt32 {
            UInt32(u16(offset)) << 16 | UInt32(u16(offset + 2))
        }

        @inline(__always) func u64(_ offset: Int) -> UInt64 {
            UInt64(u32(offset)) << 32 | UInt64(u32(offset + 4))
        }

        /// Reads a 16-bit value stored in little-endian order (NFLOG TLVs, PKTAP headers).
        @inline(__always) func u16LittleEndian(_ offset: Int) -> UInt16 {
            UInt16(u8(offset)) | UInt16(u8(offset + 1)) << 8
        }

        @inline(__always) func u32LittleEndian(_ offset: Int) -> UInt32 {
            UInt32(u16LittleEndian(offset)) | UInt32(u16LittleEndian(offset + 2)) << 16
        }

        /// The anomaly for a header that needs bytes up to `end` but the frame stops earlier:
        /// `.truncated` when the capture cut the frame, `.badLinkHeader` when the frame itself
        /// was that short on the wire.
        func shortfall(needing end: Int) -> PacketAnomalies {
            end <= wireLength ? .truncated : .badLinkHeader
        }
    }

    /// Where the network layer starts, or why there is none.
    enum NetworkLayer {
        /// IP starts at `offset`; `expectedVersion` is 4 or 6 when the link layer named one,
        /// 0 when only the version nibble can tell.
        case ip(offset: Int, expectedVersion: UInt8)
        case notIP
        case broken(PacketAnomalies)
    }

    /// Upper bounds on link-layer walks, so a crafted frame cannot make the decoder loop.
    /// Real networks stack at most two or three VLAN tags and a handful of MPLS labels.
    static let maximumVLANTags = 8
    static let maximumMPLSLabels = 16
    static let maximumNFLOGAttributes = 64

    func locateNetworkLayer(linkType: Int32, frame: Bytes, details: inout PacketDetails) -> NetworkLayer {
        switch linkType {
        case LinkType.ethernet:
            return walkEthernet(frame, at: 0, details: &details)
        case LinkType.raw, LinkType.rawOpenBSD, LinkType.rawLinktype:
            return .ip(offset: 0, expectedVersion: 0)
        case LinkType.ipv4:
            return .ip(offset: 0, expectedVersion: 4)
        case LinkType.ipv6:
            return .ip(offset: 0, expectedVersion: 6)
        case LinkType.linuxSLL:
            // 16-byte header: packet type, ARPHRD type, address length, 8 address bytes, protocol.
            guard frame.count >= 16 else { return .broken(frame.shortfall(needing: 16)) }
            return walkEtherType(frame.u16(14), frame, at: 16, details: &details)
        case LinkType.linuxSLL2:
            // 20-byte header whose first field is the protocol.
            guard frame.count >= 20 else { return .broken(frame.shortfall(needing: 20)) }
            return walkEtherType(frame.u16(0), frame, at: 20, details: &details)
        case LinkType.null, LinkType.loop:
            return walkLoopback(frame, at: 0)
        case LinkType.nflog:
            return walkNFLOG(frame)
        case LinkType.pktap:
            return walkPKTAP(frame, details: &details)
        default:
            return .broken(.badLinkHeader)
        }
    }

    private func walkEthernet(_ frame: Bytes, at offset: Int, details: inout PacketDetails) -> NetworkLayer {
        guard frame.count >= offset + 14 else { return .broken(frame.shortfall(needing: offset + 14)) }
        return walkEtherType(frame.u16(offset + 12), frame, at: offset + 14, details: &details)
    }

    /// Follows VLAN tags, PPPoE and MPLS from an EtherType to the network layer.
    private func walkEtherType(_ first: UInt16, _ frame: Bytes, at start: Int, details: inout PacketDetails) -> NetworkLayer {
        var etherType = first
        var offset = start
        while true {
            details.etherType = etherType
            switch etherType {
            case 0x0800:
                return .ip(offset: offset, expectedVersion: 4)
            case 0x86DD:
                return .ip(offset: offset, expectedVersion: 6)
            case 0x8100, 0x88A8, 0x9100, 0x9200:
                guard details.vlanTagCount < Self.maximumVLANTags else { return .broken(.badLinkHeader) }
                guard frame.count >= offset + 4 else { return .broken(frame.shortfall(needing: offset + 4)) }
                let vlanID = frame.u16(offset) & 0x0FFF
                if details.vlanTagCount == 0 { details.outerVLANID = vlanID }
                if details.vlanTagCount == 1 { details.innerVLANID = vlanID }
                details.vlanTagCount += 1
                etherType = frame.u16(offset + 2)
                offset += 4
            case 0x8847, 0x8848:
                return walkMPLS(frame, at: offset, details: &details)
            case 0x8864:
                return walkPPPoESession(frame, at: offset)
            default:
                return .notIP
            }
        }
    }

    /// Walks an MPLS label stack to its bottom entry and guesses IPv4 or IPv6 from the nibble
    /// that follows, as MPLS carries no protocol field. Anything else (an Ethernet pseudowire's
    /// control word, for example) is reported as not IP.
    private func walkMPLS(_ frame: Bytes, at start: Int, details: inout PacketDetails) -> NetworkLayer {
        var offset = start
        while details.mplsLabelCount < Self.maximumMPLSLabels {
            guard frame.count >= offset + 4 else { return .broken(frame.shortfall(needing: offset + 4)) }
            let bottomOfStack = frame.u8(offset + 2) & 0x01 != 0
            details.mplsLabelCount += 1
            offset += 4
            guard bottomOfStack else { continue }
            guard frame.count > offset else { return .broken(frame.shortfall(needing: offset + 1)) }
            switch frame.u8(offset) >> 4 {
            case 4: return .ip(offset: offset, expectedVersion: 4)
            case 6: return .ip(offset: offset, expectedVersion: 6)
            default: return .notIP
            }
        }
        return .broken(.badLinkHeader)
    }

    /// PPPoE session header (6 bytes) followed by the 2-byte PPP protocol field.
    private func walkPPPoESession(_ frame: Bytes, at offset: Int) -> NetworkLayer {
        guard frame.count >= offset + 8 else { return .broken(frame.shortfall(needing: offset + 8)) }
        switch frame.u16(offset + 6) {
        case 0x0021: return .ip(offset: offset + 8, expectedVersion: 4)
        case 0x0057: return .ip(offset: offset + 8, expectedVersion: 6)
        default: return .notIP
        }
    }

    /// BSD loopback: a 4-byte address family, in the capturing host's byte order for NULL and
    /// in network order for LOOP (but files of both kinds exist written the other way). AF_INET
    /// is 2 everywhere; AF_INET6 is 10 on Linux, 24 on NetBSD and OpenBSD, 28 on FreeBSD and
    /// 30 on macOS.
    private func walkLoopback(_ frame: Bytes, at offset: Int) -> NetworkLayer {
        guard frame.count >= offset + 4 else { return .broken(frame.shortfall(needing: offset + 4)) }
        var family = frame.u32LittleEndian(offset)
        if family > 0xFFFF { family = family.byteSwapped }
        switch family {
        case 2: return .ip(offset: offset + 4, expectedVersion: 4)
        case 10, 24, 28, 30: return .ip(offset: offset + 4, expectedVersion: 6)
        default: return .notIP
        }
    }

    /// NFLOG: a 4-byte header (family, version, resource id), then TLVs whose 16-bit length
    /// (header included) and type are in the capturing host's byte order. libpcap swaps them to
    /// ours when the file came from a host of the other order, so little-endian is read here.
    /// Attributes are padded to 4 bytes; type 9 (NFULA_PAYLOAD) holds the IP packet.
    private func walkNFLOG(_ frame: Bytes) -> NetworkLayer {
        guard frame.count >= 4 else { return .broken(frame.shortfall(needing: 4)) }
        var offset = 4
        for _ in 0..<Self.maximumNFLOGAttributes {
            guard frame.count >= offset + 4 else {
                // No payload attribute among the captured ones.
                return offset >= frame.wireLength ? .notIP : .broken(frame.shortfall(needing: offset + 4))
            }
            let length = Int(frame.u16LittleEndian(offset))
            let type = frame.u16LittleEndian(offset + 2) & 0x7FFF
            guard length >= 4 else { return .broken(.badLinkHeader) }
            guard offset + length <= frame.wireLength else { return .broken(.badLinkHeader) }
            if type == 9 {
                return .ip(offset: offset + 4, expectedVersion: 0)
            }
            offset += (length + 3) & ~3
        }
        return .broken(.badLinkHeader)
    }

    /// Apple PKTAP: a header whose first 4 bytes give its own length and next 4 the link type
    /// of the frame behind it (both little-endian as libpcap hands them over). The inner link
    /// type may not be PKTAP again, so this recursion is one level deep.
    private func walkPKTAP(_ frame: Bytes, details: inout PacketDetails) -> NetworkLayer {
        guard frame.count >= 8 else { return .broken(frame.shortfall(needing: 8)) }
        let headerLength = Int(frame.u32LittleEndian(0))
        let innerLinkType = Int32(bitPattern: frame.u32LittleEndian(4))
        guard headerLength >= 8, innerLinkType != LinkType.pktap else { return .broken(.badLinkHeader) }
        guard frame.count >= headerLength else { return .broken(frame.shortfall(needing: headerLength)) }
        let inner = Bytes(UnsafeRawBufferPointer(rebasing: frame.base[headerLength...]), wireLength: frame.wireLength - headerLength)
        switch locateNetworkLayer(linkType: innerLinkType, frame: inner, details: &details) {
        case .ip(let offset, let expectedVersion):
            return .ip(offset: headerLength + offset, expectedVersion: expectedVersion)
        case let other:
            return other
        }
    }
}
