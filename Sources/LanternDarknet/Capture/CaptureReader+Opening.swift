import CLanternShims
import CPcap
import Foundation

extension CaptureReader {
    struct OfflineHandle {
        let handle: OpaquePointer
        let isCompressed: Bool
    }

    static func openOffline(path: String) throws(CaptureError) -> OfflineHandle {
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        let precision = UInt32(PCAP_TSTAMP_PRECISION_NANO)
        let head = CaptureFileFormat.readHead(path: path, count: 2) ?? []
        if head == [0x1F, 0x8B] {
            guard let stream = lantern_gzip_fopen(path) else {
                throw .cannotOpen(path: path, reason: "gzip open failed: \(String(cString: strerror(errno)))")
            }
            guard let handle = pcap_fopen_offline_with_tstamp_precision(stream, precision, &errorBuffer) else {
                // libpcap leaves the stream open when it fails.
                fclose(stream)
                throw .cannotOpen(path: path, reason: "gzip-compressed file: " + openFailure(path: path, errorBuffer))
            }
            return OfflineHandle(handle: handle, isCompressed: true)
        }
        guard let handle = pcap_open_offline_with_tstamp_precision(path, precision, &errorBuffer) else {
            throw .cannotOpen(path: path, reason: openFailure(path: path, errorBuffer))
        }
        return OfflineHandle(handle: handle, isCompressed: false)
    }

    /// libpcap's open error without the path it sometimes repeats in front, plus what the
    /// file turned out to be when that helps (a Git LFS pointer instead of the capture).
    private static func openFailure(path: String, _ errorBuffer: [CChar]) -> String {
        var message = String(cString: errorBuffer)
        if message.hasPrefix(path + ": ") { message.removeFirst(path.count + 2) }
        if CaptureFileFormat.detect(path: path) == .gitLFSPointer {
            message += "; the file is a Git LFS pointer, not the capture"
        }
        return message
    }

    static func openLive(interface: String, snaplen: Int, promiscuous: Bool, timeout: Int32) throws(CaptureError) -> OpaquePointer {
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let live = pcap_create(interface, &errorBuffer) else {
            throw .liveCaptureFailed(interface: interface, reason: "pcap_create failed: \(String(cString: errorBuffer))")
        }
        pcap_set_snaplen(live, Int32(clamping: snaplen))
        pcap_set_promisc(live, promiscuous ? 1 : 0)
        pcap_set_timeout(live, timeout)
        // Not every platform offers nanosecond stamps; the precision actually granted is read
        // back after activation, so a refusal here only costs resolution.
        _ = pcap_set_tstamp_precision(live, Int32(PCAP_TSTAMP_PRECISION_NANO))
        let status = pcap_activate(live)
        if status < 0 {
            let detail = String(cString: pcap_geterr(live))
            let summary = String(cString: pcap_statustostr(status))
            pcap_close(live)
            let reason = detail.isEmpty ? summary : "\(summary) (\(detail))"
            throw .liveCaptureFailed(interface: interface, reason: "pcap_activate failed: \(reason)")
        }
        return live
    }

    static func installFilter(_ filter: String, on handle: OpaquePointer) throws(CaptureError) {
        var program = bpf_program()
        guard pcap_compile(handle, &program, filter, 1, bpf_u_int32(PCAP_NETMASK_UNKNOWN)) == 0 else {
            throw .invalidFilter(filter: filter, reason: String(cString: pcap_geterr(handle)))
        }
        defer { pcap_freecode(&program) }
        guard pcap_setfilter(handle, &program) == 0 else {
            throw .invalidFilter(filter: filter, reason: "pcap_setfilter failed: \(String(cString: pcap_geterr(handle)))")
        }
    }

    static func linkTypeName(_ linkType: Int32) -> String {
        guard let name = pcap_datalink_val_to_name(linkType) else { return "unknown to libpcap" }
        return String(cString: name)
    }

    static func subsecondScale(_ handle: OpaquePointer) -> Double {
        pcap_get_tstamp_precision(handle) == Int32(PCAP_TSTAMP_PRECISION_NANO) ? 1e-9 : 1e-6
    }

    static func fileSize(path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// The decompressed size from the gzip trailer (ISIZE, the last 4 bytes, little-endian,
    /// modulo 2^32). Deflate grows incompressible data by well under 1 %, so an ISIZE far below
    /// the compressed size means the stream wrapped past 4 GiB. Multiples of 2^32 are then added
    /// until the size is plausible, which gives a lower bound, not the real size.
    static func gzipStreamSize(path: String, compressedSize: Int64?) -> Int64? {
        guard let compressedSize, compressedSize >= 18, let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var trailer = [UInt8](repeating: 0, count: 4)
        guard fseeko(file, -4, SEEK_END) == 0, fread(&trailer, 1, 4, file) == 4 else { return nil }
        var size = Int64(trailer[0]) | Int64(trailer[1]) << 8 | Int64(trailer[2]) << 16 | Int64(trailer[3]) << 24
        while size + size / 100 + 1024 < compressedSize { size += 1 << 32 }
        return size
    }
}
