import CLanternShims
import Foundation

/// The kind of a file judged by its first bytes, as libpcap would judge it.
public enum CaptureFileFormat: Sendable, Equatable {
    /// Classic pcap in either byte order, with microsecond, nanosecond or the old
    /// "modified" (Kuznetzov) record headers.
    case pcap
    /// pcapng, starting with a section header block.
    case pcapng
    /// gzip; `content` is the format of the decompressed bytes.
    indirect case gzip(content: CaptureFileFormat)
    /// A Git LFS pointer text: what a clone without git-lfs leaves in place of the capture.
    case gitLFSPointer
    /// Anything else.
    case unrecognized

    /// True for formats libpcap can read (gzip only when it wraps one).
    public var isCapture: Bool {
        switch self {
        case .pcap, .pcapng: return true
        case .gzip(let content): return content.isCapture
        case .gitLFSPointer, .unrecognized: return false
        }
    }

    /// Reads the first bytes of `path` (decompressing them for gzip) and names the format.
    /// Returns nil when the file cannot be opened.
    public static func detect(path: String) -> CaptureFileFormat? {
        guard let head = readHead(path: path, count: 24) else { return nil }
        if head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B {
            guard let stream = lantern_gzip_fopen(path) else { return .gzip(content: .unrecognized) }
            defer { fclose(stream) }
            var inner = [UInt8](repeating: 0, count: 24)
            let got = fread(&inner, 1, inner.count, stream)
            return .gzip(content: classify(Array(inner.prefix(got))))
        }
        return classify(head)
    }

    static func classify(_ head: [UInt8]) -> CaptureFileFormat {
        guard head.count >= 4 else { return .unrecognized }
        let magic = UInt32(head[0]) << 24 | UInt32(head[1]) << 16 | UInt32(head[2]) << 8 | UInt32(head[3])
        switch magic {
        case 0xA1B2_C3D4, 0xD4C3_B2A1, 0xA1B2_3C4D, 0x4D3C_B2A1, 0xA1B2_CD34, 0x34CD_B2A1:
            return .pcap
        case 0x0A0D_0D0A:
            return .pcapng
        default:
            let lfsPrefix = Array("version https://git-lfs".utf8)
            if head.count >= lfsPrefix.count && Array(head.prefix(lfsPrefix.count)) == lfsPrefix {
                return .gitLFSPointer
            }
            return .unrecognized
        }
    }

    static func readHead(path: String, count: Int) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var head = [UInt8](repeating: 0, count: count)
        let got = fread(&head, 1, count, file)
        return Array(head.prefix(got))
    }
}
