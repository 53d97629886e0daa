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
    /// Frames not yet written; one stored property so encoding a packet is one exclusive access.
    var frames = PcapFrameBuffer()
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
        frames.bytes.reserveCapacity(PcapWriter.flushThreshold + 4096)
        frames.appendFileHeader(resolution: resolution, linkType: linkType)
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
        frames.appendRecord(simulated, linkType: linkType, resolution: resolution)
        packetCount += 1
        if frames.bytes.count >= PcapWriter.flushThreshold {
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
        try frames.bytes.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let written = writeDescriptor(descriptor, bytes.baseAddress! + offset, bytes.count - offset)  // non-empty: offset < count
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SimulationError.writeFailed(path: path, errno: errno)
                }
                offset += written
            }
        }
        frames.bytes.removeAll(keepingCapacity: true)
    }
}
