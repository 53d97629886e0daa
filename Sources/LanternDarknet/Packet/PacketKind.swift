/// What a packet is, as far as backscatter is concerned.
///
/// The first group are the answers a server sends to spoofed requests and so can land in a
/// darknet as backscatter; the second group are requests and probes, which cannot be backscatter
/// by their type alone. A window's share of each kind is one of the extended features.
public enum PacketKind: Int, CaseIterable, Sendable {
    case synAck
    case rst
    case icmpError
    case icmpReply
    case dnsResponse
    case syn
    case dnsQuery
    case icmpRequest
    case tcpOther
    case udpOther
    case other

    /// True for the answer types a victim sends back to spoofed sources.
    /// The kinds for which `isResponse` is true, in raw-value order, for loops run per window.
    public static let responseKinds = allCases.filter(\.isResponse)

    public var isResponse: Bool {
        switch self {
        case .synAck, .rst, .icmpError, .icmpReply, .dnsResponse: return true
        default: return false
        }
    }

    /// The kind of one decoded packet.
    ///
    /// A segment with SYN, ACK and RST all set (seen in fuzzed and crafted traffic) is not a
    /// SYN-ACK: RST wins, then SYN-ACK needs SYN and ACK without RST or FIN.
    public init(_ packet: Packet) {
        switch packet.transport {
        case .tcp:
            if packet.isLaterFragment { self = .other; return }
            let flags = packet.tcpFlags
            if flags.contains(.rst) {
                self = .rst
            } else if flags.contains(.syn) && flags.contains(.ack) && !flags.contains(.fin) {
                self = .synAck
            } else if flags.contains(.syn) && !flags.contains(.ack) {
                self = .syn
            } else {
                self = .tcpOther
            }
        case .udp:
            switch packet.dnsResponse {
            case .some(true) where packet.sourcePort == 53: self = .dnsResponse
            case .some(false) where packet.destinationPort == 53: self = .dnsQuery
            default: self = .udpOther
            }
        case .icmp:
            switch packet.icmpType {
            case 3, 4, 5, 11, 12: self = .icmpError
            case 0, 14, 16, 18: self = .icmpReply
            case 8, 13, 15, 17: self = .icmpRequest
            default: self = .other
            }
        case .icmpv6:
            switch packet.icmpType {
            case 1, 2, 3, 4: self = .icmpError
            case 129: self = .icmpReply
            case 128: self = .icmpRequest
            default: self = .other
            }
        case .other:
            self = .other
        }
    }
}
