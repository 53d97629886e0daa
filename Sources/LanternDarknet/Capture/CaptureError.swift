/// A failure to open a capture, or to read it to its end.
public enum CaptureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// libpcap (or the gzip layer) could not open the file: missing, unreadable, or not a
    /// pcap/pcapng capture. `reason` is libpcap's or the system's message.
    case cannotOpen(path: String, reason: String)
    /// The capture's link type is one the decoder cannot walk to IP.
    case unsupportedLinkType(path: String, linkType: Int32, name: String)
    /// Reading stopped before the end of the file. The records delivered before the error are
    /// valid; `recordsRead` counts them. `byteOffset` is where libpcap stopped in the file
    /// (in the decompressed stream for gzip files), or nil when it is unknown.
    case readFailed(path: String, recordsRead: Int, byteOffset: Int64?, reason: String)
    /// libpcap rejected a BPF filter expression.
    case invalidFilter(filter: String, reason: String)
    /// Opening or starting live capture on an interface failed.
    case liveCaptureFailed(interface: String, reason: String)
    /// A directory given as input could not be listed.
    case cannotList(path: String, reason: String)

    /// One or more sentences for the analyst: what failed, on which input, and what to do.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "Cannot open capture file \(path): \(reason). " + Self.openAdvice(reason)
        case .unsupportedLinkType(let path, let linkType, let name):
            return "Capture file \(path) has link type \(linkType) (\(name)), which Lantern cannot decode. "
                + "Supported link types: \(Self.supportedLinkTypeList). "
                + "Convert the file to one of these (for example with editcap -T) or capture on another interface."
        case .readFailed(let path, let recordsRead, let byteOffset, let reason):
            let position = byteOffset.map { " at byte offset \($0)" } ?? ""
            let stop = recordsRead == 0 ? "before the first record" : "after record \(recordsRead)"
            let readPart: String
            switch recordsRead {
            case 0: readPart = "No record was read"
            case 1: readPart = "Record 1 was read"
            default: readPart = "Records 1 to \(recordsRead) were read"
            }
            return "Reading capture file \(path) stopped \(stop)\(position): \(reason). "
                + "\(readPart) and the rest of the file was not, so results for this file are incomplete. "
                + Self.readAdvice(reason)
        case .invalidFilter(let filter, let reason):
            return "Invalid capture filter \"\(filter)\": \(reason). "
                + "Use pcap-filter(7) syntax, for example \"tcp or udp or icmp\"."
        case .liveCaptureFailed(let interface, let reason):
            return "Cannot capture on interface \(interface): \(reason). "
                + "Check the interface name (ip link lists them) and that Lantern runs with CAP_NET_RAW or as root."
        case .cannotList(let path, let reason):
            return "Cannot list directory \(path): \(reason). Check that it exists and is readable."
        }
    }

    private static var supportedLinkTypeList: String {
        PacketDecoder.supportedLinkTypes.sorted { $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    private static func openAdvice(_ reason: String) -> String {
        if reason.contains("Git LFS pointer") {
            return "Fetch the real file with git lfs pull in the repository it came from."
        }
        return "Lantern reads pcap and pcapng files, optionally gzip-compressed; check the path and the file type."
    }

    private static func readAdvice(_ reason: String) -> String {
        if reason.contains("different from the type of the first interface") {
            // libpcap 1.10 supports one link type per pcapng file.
            return "libpcap reads one link type per file; split the file by interface "
                + "(for example tshark -r FILE -Y \"frame.interface_id == 1\" -w part.pcapng) and read the parts."
        }
        return "If the file was cut short (an interrupted copy or capture), copy it again or read the intact part only."
    }
}
