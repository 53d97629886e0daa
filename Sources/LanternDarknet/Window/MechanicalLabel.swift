/// A label given without a person, from the packet types of a window that comes entirely
/// from TCP port 80 or entirely from UDP port 53.
///
/// Servers on those ports answer spoofed floods with SYN-ACK, RST or RST-ACK (web) and with
/// DNS responses (QR bit set), so such windows are backscatter; SYNs from port 80 and DNS
/// queries from port 53 are requests, so not. A window mixing both kinds, or holding other
/// packets, gets no label: neither rule speaks for it.
public enum MechanicalLabel: Int, Sendable {
    case notBackscatter = 0
    case backscatter = 1

    /// The rule that produced a mechanical label.
    public enum Rule: String, Sendable {
        case tcp80 = "80/tcp"
        case udp53 = "53/udp"
    }
}

/// Per-window counts that decide the mechanical label.
struct MechanicalLabelCounts: Sendable {
    var packets = 0
    var tcpFromPort80 = 0
    var tcpFromPort80Response = 0
    var tcpFromPort80Syn = 0
    var udpFromPort53 = 0
    var udpFromPort53Response = 0
    var udpFromPort53Query = 0

    mutating func add(_ packet: Packet, kind: PacketKind) {
        packets += 1
        if packet.transport == .tcp && packet.sourcePort == 80 && !packet.isLaterFragment {
            tcpFromPort80 += 1
            if kind == .synAck || kind == .rst { tcpFromPort80Response += 1 }
            if kind == .syn { tcpFromPort80Syn += 1 }
        } else if packet.transport == .udp && packet.sourcePort == 53 && !packet.isLaterFragment {
            udpFromPort53 += 1
            if packet.dnsResponse == true { udpFromPort53Response += 1 }
            if packet.dnsResponse == false { udpFromPort53Query += 1 }
        }
    }

    /// The label and the rule that gave it, or `nil` when the window is not labelled mechanically.
    var label: (MechanicalLabel, MechanicalLabel.Rule)? {
        guard packets > 0 else { return nil }
        if tcpFromPort80 == packets {
            if tcpFromPort80Response == packets { return (.backscatter, .tcp80) }
            if tcpFromPort80Syn == packets { return (.notBackscatter, .tcp80) }
        } else if udpFromPort53 == packets {
            if udpFromPort53Response == packets { return (.backscatter, .udp53) }
            if udpFromPort53Query == packets { return (.notBackscatter, .udp53) }
        }
        return nil
    }
}
