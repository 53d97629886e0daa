import LanternStore

/// The bare packet-type rule: a window is backscatter when most of its packets are answer types
/// (SYN-ACK, RST, ICMP error or reply, DNS response).
///
/// It scores windows while the labels hold one class only, and it is one of the baselines the
/// evaluation prints. It is fooled by scanners that send SYN-ACK or ACK probes and by
/// misconfigured hosts that send answers to one darknet address.
public enum PacketTypeRule {
    /// A decision-value-like score in -1...1: +1 when every packet is an answer type.
    public static func score(_ window: StoredWindow) -> Double {
        2 * window.responseShare - 1
    }

    public static func isBackscatter(_ window: StoredWindow) -> Bool {
        window.responseShare > 0.5
    }
}
