/// Names and layout of the per-window feature vector.
///
/// The first seventeen are the published baseline and never change order; the extended set
/// follows. No feature is a port number, so what is learned from ports 80 and 53 carries to
/// other services.
public enum WindowFeatures {
    /// Number of baseline features.
    public static let baselineCount = 17

    public static let baselineNames: [String] = [
        "packets",
        "inter-arrival mean",
        "inter-arrival s.d.",
        "source ports",
        "packets/src port mean",
        "packets/src port s.d.",
        "destinations",
        "packets/destination mean",
        "packets/destination s.d.",
        "destination ports",
        "packets/dst port mean",
        "packets/dst port s.d.",
        "protocols",
        "payload mean",
        "payload s.d.",
        "destination gap mean",
        "destination gap s.d.",
    ]

    /// Share of the window's packets of each `PacketKind`, then the share of packets from the
    /// window's most used source port (a victim answers from one service port; a scanner's
    /// ephemeral ports spread).
    public static let extendedNames: [String] =
        PacketKind.allCases.map { "share \($0.featureName)" } + ["top source port share"]

    /// Ratios of the window's distinct destination ports, source ports and destinations to its
    /// packets: backscatter answers many spoofed ports, a scanner probes few.
    public static let ratioNames = ["dst ports/packet", "src ports/packet", "destinations/packet"]

    /// The host over all its windows so far (this one included); see `HostHistory`.
    public static let historyNames = [
        "host windows", "host packets", "host dst port diversity", "host src port diversity",
        "host destination diversity", "host answer share",
    ]

    /// Answer share times destination-port diversity, of the window and of the host: answers
    /// sprayed over many ports are backscatter, answers to one port are probes. A linear model
    /// cannot form this product from its factors.
    public static let interactionNames = ["answers × dst port ratio", "host answers × dst port diversity"]

    public static let allNames: [String] = baselineNames + extendedNames + ratioNames + historyNames + interactionNames

    /// Number of features in all.
    public static let count = allNames.count

    /// Whether each feature is log-scaled before standardising: counts and times spread over
    /// orders of magnitude, shares already lie in 0...1.
    public static let logScaled: [Bool] =
        Array(repeating: true, count: baselineCount) + Array(repeating: false, count: extendedNames.count + ratioNames.count)
        + [true, true] + Array(repeating: false, count: historyNames.count - 2 + interactionNames.count)
}

extension PacketKind {
    /// Short name used in feature names and screens.
    public var featureName: String {
        switch self {
        case .synAck: return "SYN-ACK"
        case .rst: return "RST"
        case .icmpError: return "ICMP error"
        case .icmpReply: return "ICMP reply"
        case .dnsResponse: return "DNS response"
        case .syn: return "SYN"
        case .dnsQuery: return "DNS query"
        case .icmpRequest: return "ICMP request"
        case .tcpOther: return "TCP other"
        case .udpOther: return "UDP other"
        case .other: return "other"
        }
    }
}
