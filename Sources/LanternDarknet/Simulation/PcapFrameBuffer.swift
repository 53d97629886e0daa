/// The bytes of a pcap file being built: file header, record headers and frames.
struct PcapFrameBuffer {
    var bytes: [UInt8] = []

    /// Appends one record: header, link header, IP packet, then patches the two lengths.
    mutating func appendRecord(_ simulated: SimulatedPacket, linkType: PcapWriter.LinkType, resolution: PcapWriter.TimestampResolution) {
        let packet = simulated.packet
        let recordStart = bytes.count
        appendRecordHeader(timestamp: packet.timestamp, resolution: resolution)
        if linkType == .ethernet {
            appendEthernetHeader(ipv6: packet.source.isIPv6)
        }
        appendIPPacket(simulated)
        let frameLength = UInt32(bytes.count - recordStart - 16)
        store32(frameLength, at: recordStart + 8)
        store32(frameLength, at: recordStart + 12)
    }

    mutating func appendFileHeader(resolution: PcapWriter.TimestampResolution, linkType: PcapWriter.LinkType) {
        append32(resolution == .microseconds ? 0xa1b2_c3d4 : 0xa1b2_3c4d)
        append16LE(2)
        append16LE(4)
        append32(0)  // thiszone: timestamps are UTC
        append32(0)  // sigfigs
        append32(65535)  // snaplen: no simulated packet is cut
        append32(linkType.rawValue)
    }

    private mutating func appendRecordHeader(timestamp: Double, resolution: PcapWriter.TimestampResolution) {
        let seconds = timestamp.rounded(.down)
        let scale = resolution == .microseconds ? 1e6 : 1e9
        var fraction = ((timestamp - seconds) * scale).rounded()
        var whole = seconds
        if fraction >= scale {
            fraction -= scale
            whole += 1
        }
        append32(UInt32(clamping: Int64(whole)))
        append32(UInt32(fraction))
        append32(0)  // captured length, patched once the frame is built
        append32(0)  // original length
    }

    private mutating func appendEthernetHeader(ipv6: Bool) {
        // Locally administered addresses: the telescope's capture port and its upstream router.
        bytes.append(contentsOf: [0x02, 0x00, 0x5e, 0x10, 0x00, 0x01])
        bytes.append(contentsOf: [0x02, 0x00, 0x5e, 0x10, 0x00, 0xfe])
        append16(ipv6 ? 0x86dd : 0x0800)
    }

    // MARK: Byte helpers. The pcap headers are little-endian; everything on the wire is big-endian.

    mutating func append32(_ value: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
    }

    mutating func append16LE(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func store32(_ value: UInt32, at index: Int) {
        bytes[index] = UInt8(truncatingIfNeeded: value)
        bytes[index + 1] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[index + 2] = UInt8(truncatingIfNeeded: value >> 16)
        bytes[index + 3] = UInt8(truncatingIfNeeded: value >> 24)
    }

    mutating func append16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func append32BE(_ value: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func store16(_ value: UInt16, at index: Int) {
        bytes[index] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[index + 1] = UInt8(truncatingIfNeeded: value)
    }
}
