/// What one source host did over all its windows so far, kept so a window can be judged by
/// its host's behaviour and not only by its own few packets.
///
/// A slow scanner sends one SYN-ACK probe per window to the same port; each window alone looks
/// like low-rate backscatter, but over ten windows its single destination port gives it away.
/// Distinct values are counted exactly up to `cap` and then saturate, which bounds the state
/// per host; diversity is measured against `min(packets, cap)` so a saturated count still reads 1.
struct HostHistory {
    static let cap = 16

    private(set) var windows = 0
    private(set) var packets = 0
    private(set) var responses = 0
    // Distinct values are kept inline, so a new host allocates nothing. Most of the hosts the
    // aggregator creates a history for send a single packet.
    private var destinationPorts = InlineValues<UInt32>(filler: 0)
    private var sourcePorts = InlineValues<UInt16>(filler: 0)
    /// Destinations of an IPv4 host as 32-bit values, so they fit inline.
    private var ipv4Destinations = InlineValues<UInt32>(filler: 0)
    /// Destinations of an IPv6 host, rare in darknet captures, so kept in an array.
    private var ipv6Destinations: [IPAddress] = []
    /// Capture time of the host's last packet, for evicting idle hosts.
    var lastSeen = -Double.infinity

    mutating func add(_ packet: Packet, kind: PacketKind) {
        packets += 1
        if kind.isResponse { responses += 1 }
        let portKey = UInt32(packet.transport.rawValue) << 16 | UInt32(packet.destinationPort)
        destinationPorts.insert(portKey)
        sourcePorts.insert(packet.sourcePort)
        if let v4 = packet.destination.ipv4Value {
            ipv4Destinations.insert(v4)
        } else if ipv6Destinations.count < HostHistory.cap && !ipv6Destinations.contains(packet.destination) {
            ipv6Destinations.append(packet.destination)
        }
        lastSeen = max(lastSeen, packet.timestamp)
    }

    /// Counts a window of this host as begun.
    mutating func openWindow() { windows += 1 }

    /// The counts as they stand, without the value tables, so a window can keep them cheaply.
    var snapshot: Snapshot {
        Snapshot(windows: windows, packets: packets, responses: responses, destinationPorts: destinationPorts.count,
                 sourcePorts: sourcePorts.count, destinations: ipv4Destinations.count + ipv6Destinations.count)
    }

    /// The host's counts at one moment: what a window's features read, taken at the window's
    /// last packet so that later windows of the host do not leak into it.
    struct Snapshot {
        var windows = 0, packets = 0, responses = 0, destinationPorts = 0, sourcePorts = 0, destinations = 0

        private func diversity(_ distinct: Int) -> Double {
            let reference = min(packets, HostHistory.cap)
            return reference > 0 ? Double(distinct) / Double(reference) : 0
        }

        /// Appends the values named by `WindowFeatures.historyNames`, in that order.
        func appendFeatures(to values: inout FeatureWriter) {
            values.append(Double(windows))
            values.append(Double(packets))
            values.append(diversity(destinationPorts))
            values.append(diversity(sourcePorts))
            values.append(diversity(destinations))
            values.append(answerShare)
        }

        var answerShare: Double { packets > 0 ? Double(responses) / Double(packets) : 0 }

        var destinationPortDiversity: Double { diversity(destinationPorts) }
    }
}

/// Up to `HostHistory.cap` distinct values, kept inline; later values are not counted.
private struct InlineValues<Value: Equatable> {
    /// As many slots as `HostHistory.cap`.
    private var values: InlineArray<16, Value>
    private(set) var count = 0

    init(filler: Value) {
        values = InlineArray(repeating: filler)
    }

    @inline(__always)
    mutating func insert(_ value: Value) {
        guard count < HostHistory.cap else { return }
        for i in 0..<count where values[i] == value { return }
        values[count] = value
        count += 1
    }
}

/// The host histories an aggregator ended a capture with, passed to the aggregator of the next
/// capture. Opaque outside this module.
public struct HostHistories: Sendable {
    /// The host states the aggregator ended with, handed over whole instead of copied into a
    /// table of their own. Those with a history are the hosts carried over.
    var states: [WindowAggregator.HostState] = []

    public init() {}

    init(states: [WindowAggregator.HostState]) {
        self.states = states
    }

    /// Number of hosts with a history.
    public var count: Int { states.reduce(0) { $0 + ($1.history == nil ? 0 : 1) } }
}
