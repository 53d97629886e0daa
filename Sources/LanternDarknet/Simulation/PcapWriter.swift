#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// File-scope wrappers: inside `PcapWriter` the names `close` and `write` mean its own methods.
private func closeDescriptor(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// Writes packets to a classic pcap file (little-endian, version 2.4), building the full
/// Ethernet or raw-IP frame with valid IPv4/IPv6 and TCP/UDP/ICMP/ICMPv6 checksums.
///
/// Frames are built straight into a 4 MiB buffer that goes to the file in one `write(2)` each
/// time it fills, so the cost per packet is building its 60–150 bytes. Unlike libpcap's
/// `pcap_dump`, the writer needs no open capture handle and no C callback.
/// It does not write pcapng, fragments or IP options.
///
/// The owner calls `close()` once; `deinit` closes a writer left open but drops any error.
public final class PcapWriter {
    /// The link-layer header in front of every packet.
    public enum LinkType: UInt32, Sendable {
        /// 14-byte Ethernet II header (LINKTYPE_ETHERNET).
        case ethernet = 1
        /// No link header, the IP version from the first nibble (LINKTYPE_RAW).
        case rawIP = 101
    }

    /// The unit of the record timestamps' fractional part.
    public enum TimestampResolution: Sendable {
        /// Magic a1b2c3d4.
        case microseconds
        /// Magic a1b23c4d.
        case nanoseconds
    }

    public let path: String
    public let linkType: LinkType
    public let resolution: TimestampResolution
    /// Packets written so far.
    public private(set) var packetCount = 0

    private var descriptor: Int32
    var buffer: [UInt8] = []
    private static let flushThreshold = 4 << 20

    /// Creates or truncates `path` and writes the file header.
    ///
    /// - Throws: `SimulationError.cannotOpen` when the file cannot be created.
    public init(path: String, linkType: LinkType = .ethernet, resolution: TimestampResolution = .microseconds) throws {
        self.path = path
        self.linkType = linkType
        self.resolution = resolution
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw SimulationError.cannotOpen(path: path, errno: errno) }
        buffer.reserveCapacity(PcapWriter.flushThreshold + 4096)
        appendFileHeader()
    }

    deinit {
        if descriptor >= 0 {
            try? flush()
            _ = closeDescriptor(descriptor)
        }
    }

    /// Writes one packet, deriving the header fields `Packet` leaves out (TTL, IP identification,
    /// sequence numbers, DNS identifier) from a hash of the packet, so the bytes are repeatable.
    ///
    /// - Throws: `SimulationError.writeFailed` when a buffer flush fails,
    ///   `SimulationError.unsupportedPacket` for a transport this writer does not build.
    public func write(_ packet: Packet) throws {
        try write(SimulatedPacket(deriving: packet))
    }

    func write(_ simulated: SimulatedPacket) throws {
        let packet = simulated.packet
        guard packet.transport != .other else {
            throw SimulationError.unsupportedPacket(reason: "transport \(packet.transport) at \(packet.timestamp)")
        }
        guard packet.source.isIPv6 == packet.destination.isIPv6 else {
            throw SimulationError.unsupportedPacket(reason: "source \(packet.source) and destination \(packet.destination) differ in IP version")
        }
        let recordStart = buffer.count
        appendRecordHeader(timestamp: packet.timestamp)
        if linkType == .ethernet {
            appendEthernetHeader(ipv6: packet.source.isIPv6)
        }
        appendIPPacket(simulated)
        let frameLength = UInt32(buffer.count - recordStart - 16)
        store32(frameLength, at: recordStart + 8)
        store32(frameLength, at: recordStart + 12)
        packetCount += 1
        if buffer.count >= PcapWriter.flushThreshold {
            try flush()
        }
    }

    /// Writes what is buffered and closes the file. Later calls do nothing.
    ///
    /// - Throws: `SimulationError.writeFailed` when the last write fails.
    public func close() throws {
        guard descriptor >= 0 else { return }
        defer {
            _ = closeDescriptor(descriptor)
            descriptor = -1
        }
        try flush()
    }

    func flush() throws {
        var offset = 0
        try buffer.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let written = writeDescriptor(descriptor, bytes.baseAddress! + offset, bytes.count - offset)  // non-empty: offset < count
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SimulationError.writeFailed(path: path, errno: errno)
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func appendFileHeader() {
        append32(resolution == .microseconds ? 0xa1b2_c3d4 : 0xa1b2_3c4d)
        append16LE(2)
        append16LE(4)
        append32(0)  // thiszone: timestamps are UTC
        append32(0)  // sigfigs
        append32(65535)  // snaplen: no simulated packet is cut
        append32(linkType.rawValue)
    }

    private func appendRecordHeader(timestamp: Double) {
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

    private func appendEthernetHeader(ipv6: Bool) {
        // Locally administered addresses: the telescope's capture port and its upstream router.
        buffer.append(contentsOf: [0x02, 0x00, 0x5e, 0x10, 0x00, 0x01])
        buffer.append(contentsOf: [0x02, 0x00, 0x5e, 0x10, 0x00, 0xfe])
        append16(ipv6 ? 0x86dd : 0x0800)
    }

    // MARK: Byte helpers. The pcap headers are little-endian; everything on the wire is big-endian.

    func append32(_ value: UInt32) {
        buffer.append(UInt8(truncatingIfNeeded: value))
        buffer.append(UInt8(truncatingIfNeeded: value >> 8))
        buffer.append(UInt8(truncatingIfNeeded: value >> 16))
        buffer.append(UInt8(truncatingIfNeeded: value >> 24))
    }

    func append16LE(_ value: UInt16) {
        buffer.append(UInt8(truncatingIfNeeded: value))
        buffer.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    func store32(_ value: UInt32, at index: Int) {
        buffer[index] = UInt8(truncatingIfNeeded: value)
        buffer[index + 1] = UInt8(truncatingIfNeeded: value >> 8)
        buffer[index + 2] = UInt8(truncatingIfNeeded: value >> 16)
        buffer[index + 3] = UInt8(truncatingIfNeeded: value >> 24)
    }

    func append16(_ value: UInt16) {
        buffer.append(UInt8(truncatingIfNeeded: value >> 8))
        buffer.append(UInt8(truncatingIfNeeded: value))
    }

    func append32BE(_ value: UInt32) {
        buffer.append(UInt8(truncatingIfNeeded: value >> 24))
        buffer.append(UInt8(truncatingIfNeeded: value >> 16))
        buffer.append(UInt8(truncatingIfNeeded: value >> 8))
        buffer.append(UInt8(truncatingIfNeeded: value))
    }

    func store16(_ value: UInt16, at index: Int) {
        buffer[index] = UInt8(truncatingIfNeeded: value >> 8)
        buffer[index + 1] = UInt8(truncatingIfNeeded: value)
    }
}
