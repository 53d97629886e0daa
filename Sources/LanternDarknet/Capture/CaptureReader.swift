import CLanternShims
import CPcap
import Foundation

/// One capture record, borrowed from libpcap's buffer.
///
/// `bytes` stays valid only until the next call to `CaptureReader.next()` or `close()`; copy
/// what must outlive that.
public struct CaptureRecord {
    /// The captured bytes (`caplen` of them).
    public let bytes: UnsafeRawBufferPointer
    /// The frame's length on the wire (`len`), at least as large as the captured length in any
    /// well-formed file.
    public let wireLength: Int
    /// Seconds since the Unix epoch. A Double keeps about 0.2 µs of resolution at today's
    /// epoch values, so nanosecond digits of a nanosecond capture are rounded.
    public let timestamp: Double

    /// Bytes captured (`caplen`).
    public var capturedLength: Int { bytes.count }
}

/// Reads records from a pcap or pcapng file (plain or gzip-compressed) or from a live
/// interface, through libpcap.
///
/// The reader owns one `pcap_t`, closes it exactly once (in `close()` or `deinit`), and never
/// copies packet bytes: `next()` hands out libpcap's buffer. It does not merge files, reorder
/// records by time or handle pcapng files whose interfaces have different link types (libpcap
/// 1.10 stops at the second interface; that surfaces as `CaptureError.readFailed`).
///
/// Not thread-safe: use one reader from one thread. `breakLoop()` is the exception.
public final class CaptureReader {
    /// The file path, or the interface name for live capture.
    public let path: String
    /// The link type as `pcap_datalink()` returns it.
    public let linkType: Int32
    /// libpcap's name for the link type, such as "EN10MB".
    public let linkTypeName: String
    /// The snapshot length from the file header or the live capture settings.
    public let snapshotLength: Int
    /// True for gzip-compressed files.
    public let isCompressed: Bool
    /// Size of the file on disk; nil for live capture.
    public let fileSize: Int64?
    /// Bytes libpcap will read in all: the file size, or for gzip the decompressed size from the
    /// gzip trailer (exact below 4 GiB, an estimate above, because the trailer stores it
    /// modulo 2^32). Compare `bytesRead` with this for progress. Nil for live capture.
    public let streamSize: Int64?
    // The state `next()` reads and changes per record is unchecked: no method here runs caller
    // code, so no access can overlap another, and the runtime checks cost more than the reads.
    /// Records returned by `next()` so far.
    @exclusivity(unchecked) public private(set) var recordsRead = 0

    @exclusivity(unchecked) private var handle: OpaquePointer?
    private let isLive: Bool
    @exclusivity(unchecked) private var finished = false
    /// Multiplier from the record's sub-second field to seconds (1e-9 or 1e-6).
    private let subsecondScale: Double
    /// Offset counted from record sizes, for streams where `ftello` cannot tell (the gzip
    /// stream has no seek function). Exact for classic pcap, low for pcapng.
    @exclusivity(unchecked) private var countedOffset: Int64 = 24
    private var lastKnownOffset: Int64 = 0

    /// Opens a capture file. gzip files are recognised by their magic bytes (1f 8b) and read
    /// through a decompressing stream; timestamps are read at nanosecond precision.
    ///
    /// - Parameters:
    ///   - path: a pcap, pcapng, or gzip-compressed pcap/pcapng file.
    ///   - requireSupportedLinkType: when true (the default), a link type `PacketDecoder`
    ///     cannot decode is an error at open time instead of a file of undecodable records.
    /// - Throws: `CaptureError.cannotOpen` with libpcap's message, or
    ///   `CaptureError.unsupportedLinkType`.
    public init(path: String, requireSupportedLinkType: Bool = true) throws(CaptureError) {
        let opened = try Self.openOffline(path: path)
        let linkType = pcap_datalink(opened.handle)
        let name = Self.linkTypeName(linkType)
        if requireSupportedLinkType && !PacketDecoder.supports(linkType: linkType) {
            pcap_close(opened.handle)
            throw .unsupportedLinkType(path: path, linkType: linkType, name: name)
        }
        self.path = path
        handle = opened.handle
        self.linkType = linkType
        linkTypeName = name
        snapshotLength = Int(pcap_snapshot(opened.handle))
        isCompressed = opened.isCompressed
        isLive = false
        subsecondScale = Self.subsecondScale(opened.handle)
        let size = Self.fileSize(path: path)
        fileSize = size
        streamSize = opened.isCompressed ? Self.gzipStreamSize(path: path, compressedSize: size) : size
    }

    /// Starts live capture on `interface` with `pcap_create` and `pcap_activate`.
    ///
    /// - Parameters:
    ///   - interface: the interface name, such as "eth0".
    ///   - filter: a pcap-filter(7) expression applied in the kernel, or nil for all packets.
    ///   - snaplen: bytes kept per packet; the default keeps whole frames.
    ///   - promiscuous: whether to put the interface in promiscuous mode, as a darknet sensor
    ///     port usually needs.
    ///   - bufferTimeoutMilliseconds: how long the kernel may buffer packets before `next()` receives them.
    /// - Throws: `CaptureError.liveCaptureFailed`, `CaptureError.invalidFilter` or
    ///   `CaptureError.unsupportedLinkType`.
    public init(
        interface: String, filter: String?, snaplen: Int = 262_144, promiscuous: Bool = true,
        bufferTimeoutMilliseconds: Int32 = 500
    ) throws(CaptureError) {
        let live = try Self.openLive(
            interface: interface, snaplen: snaplen, promiscuous: promiscuous, timeout: bufferTimeoutMilliseconds)
        let linkType = pcap_datalink(live)
        let name = Self.linkTypeName(linkType)
        guard PacketDecoder.supports(linkType: linkType) else {
            pcap_close(live)
            throw .unsupportedLinkType(path: interface, linkType: linkType, name: name)
        }
        if let filter {
            do {
                try Self.installFilter(filter, on: live)
            } catch {
                pcap_close(live)
                throw error
            }
        }
        path = interface
        handle = live
        self.linkType = linkType
        linkTypeName = name
        snapshotLength = Int(pcap_snapshot(live))
        isCompressed = false
        isLive = true
        subsecondScale = Self.subsecondScale(live)
        fileSize = nil
        streamSize = nil
    }

    deinit {
        close()
    }

    /// Returns the next record, or nil at the end of the file (or after `breakLoop()`).
    ///
    /// The record's bytes are valid until the next call. After an error or the end, further
    /// calls return nil. For live capture the call waits until a packet arrives.
    /// - Throws: `CaptureError.readFailed` with libpcap's message when the file is damaged or
    ///   libpcap cannot go on (a truncated record, a record header with an impossible length,
    ///   a pcapng interface of a second link type).
    public func next() throws(CaptureError) -> CaptureRecord? {
        guard let handle, !finished else { return nil }
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        while true {
            let status = pcap_next_ex(handle, &header, &data)
            if status == 1, let header, let data {
                let captured = Int(header.pointee.caplen)
                recordsRead += 1
                countedOffset += 16 + Int64(captured)
                let time = header.pointee.ts
                return CaptureRecord(
                    bytes: UnsafeRawBufferPointer(start: data, count: captured), wireLength: Int(header.pointee.len),
                    timestamp: Double(Self.unsignedSeconds(Int64(time.tv_sec))) + Double(time.tv_usec) * subsecondScale)
            }
            if status == 0 && isLive { continue }  // the buffer timeout expired with no packet
            finished = true
            lastKnownOffset = bytesRead
            if status == PCAP_ERROR_BREAK { return nil }
            let message = String(cString: pcap_geterr(handle))
            throw .readFailed(
                path: path, recordsRead: recordsRead, byteOffset: isLive ? nil : lastKnownOffset,
                reason: "pcap_next_ex failed: \(message)")
        }
    }

    /// Seconds of a record time stamp, read as the unsigned 32-bit count the pcap format defines.
    /// libpcap 1.10.3 reads the classic pcap seconds field as a signed 32-bit integer, so stamps
    /// from 2038-01-19 03:14:08 UTC on arrive negative. No capture predates 1970, so a negative
    /// value that fits 32 bits is taken modulo 2^32.
    static func unsignedSeconds(_ seconds: Int64) -> Int64 {
        seconds < 0 && seconds >= Int64(Int32.min) ? seconds + (1 << 32) : seconds
    }

    /// Position of libpcap in the file: bytes consumed so far (for gzip, bytes of the
    /// decompressed stream). Updated as records are read; compare with `streamSize`.
    public var bytesRead: Int64 {
        guard let handle, !isLive, let file = pcap_file(handle) else { return lastKnownOffset }
        let position = ftello(file)
        return position >= 0 ? Int64(position) : countedOffset
    }

    /// Applies a BPF filter (pcap-filter(7) syntax) to the records still to be read.
    /// Works on files too, where libpcap runs the filter in user space.
    /// - Throws: `CaptureError.invalidFilter` with libpcap's message and the filter text.
    public func setFilter(_ filter: String) throws(CaptureError) {
        guard let handle else { return }
        try Self.installFilter(filter, on: handle)
    }

    /// Checks that `filter` compiles for `linkType`, without opening any capture.
    /// - Throws: `CaptureError.invalidFilter` with libpcap's message and the filter text.
    public static func validateFilter(_ filter: String, linkType: Int32 = 1, snapshotLength: Int = 262_144) throws(CaptureError) {
        guard let dead = pcap_open_dead(linkType, Int32(clamping: snapshotLength)) else {
            throw .invalidFilter(filter: filter, reason: "pcap_open_dead failed for link type \(linkType)")
        }
        defer { pcap_close(dead) }
        var program = bpf_program()
        guard pcap_compile(dead, &program, filter, 1, bpf_u_int32(PCAP_NETMASK_UNKNOWN)) == 0 else {
            throw .invalidFilter(filter: filter, reason: String(cString: pcap_geterr(dead)))
        }
        pcap_freecode(&program)
    }

    /// Makes a waiting `next()` on a live capture return nil. Safe to call from another thread
    /// or a signal handler, as `pcap_breakloop` is.
    public func breakLoop() {
        if let handle { pcap_breakloop(handle) }
    }

    /// Closes the libpcap handle (and the file). Later calls do nothing.
    public func close() {
        guard let handle else { return }
        lastKnownOffset = bytesRead
        self.handle = nil
        pcap_close(handle)
    }
}
