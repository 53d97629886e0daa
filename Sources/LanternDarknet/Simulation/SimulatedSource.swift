import Foundation

/// One active source host: its traffic parameters, its clock and what the truth record needs.
///
/// A source emits `remaining` packets between `time` and `end`. Poisson timing draws each next
/// time as the next order statistic of the remaining uniform points, so the count is exact and the
/// state is O(1). Periodic sources (NTP clients) tick with a small jitter instead.
struct SimulatedSource {
    var address: IPAddress
    var role: SourceRole
    var kind: String
    var behavior: SimulationBehavior
    var random: SimulationRandom
    var ipv6: Bool

    var time: Double
    var end: Double
    var remaining: Int
    /// Seconds between packets of a periodic source; 0 for Poisson timing.
    var period = 0.0
    var nextTime = 0.0

    /// The attacked or probed service port, or the fixed source port of a scanner.
    var servicePort: UInt16 = 0
    /// Fixed darknet targets of misconfigured hosts and vertical scans.
    var targets: [IPAddress] = []
    var targetPorts: [UInt16] = []
    /// Position of a sequential walk over the darknet.
    var cursor: UInt64 = 0
    var sequential = false
    /// The victim a router responds for (router-sourced ICMP errors).
    var peer: IPAddress
    var ttl: UInt8 = 64
    var ipIdentification: UInt16 = 0
    var tcpOptions: SimulatedTCPOptions = .none

    /// A SYN-ACK retransmission chain: Linux resends an unanswered SYN-ACK after 1, 2, 4 … s.
    var retransmission: SimulatedPacket?
    var retransmissionTime = Double.infinity
    var retransmissionGap = 1.0
    var retransmissionsLeft = 0
    var retransmitChance = 0.0

    var first = Double.infinity
    var last = 0.0
    var emitted = 0

    init(address: IPAddress, role: SourceRole, kind: String, behavior: SimulationBehavior, random: SimulationRandom,
         start: Double, end: Double, count: Int) {
        self.address = address
        self.role = role
        self.kind = kind
        self.behavior = behavior
        self.random = random
        ipv6 = address.isIPv6
        time = start
        self.end = end
        remaining = count
        peer = address
    }

    /// The time of the next packet; infinity when the source is done.
    var eventTime: Double { min(nextTime, retransmissionTime) }

    /// Draws the time of the next fresh packet after `time`.
    mutating func scheduleNext() {
        guard remaining > 0, time <= end else {
            nextTime = .infinity
            return
        }
        if period > 0 {
            nextTime = time + period * (1 + 0.02 * random.normal())
            if nextTime > end { nextTime = .infinity }
            return
        }
        // The minimum of `remaining` uniform points on (time, end].
        nextTime = time + (end - time) * (1 - pow(random.openUnit(), 1 / Double(remaining)))
    }

    /// Produces the packet due at `eventTime` and advances the clock.
    mutating func emit(addressSpace: SimulationAddressSpace) -> SimulatedPacket {
        var packet: SimulatedPacket
        if retransmissionTime <= nextTime, let pending = retransmission {
            packet = pending
            packet.packet.timestamp = retransmissionTime
            remaining = max(0, remaining - 1)  // retransmissions count against the planned total
            retransmissionsLeft -= 1
            retransmissionGap *= 2
            retransmissionTime = retransmissionsLeft > 0 ? retransmissionTime + retransmissionGap : .infinity
            if retransmissionsLeft == 0 { retransmission = nil }
        } else {
            time = nextTime
            remaining -= 1
            packet = makePacket(at: time, addressSpace: addressSpace)
            if retransmission == nil, retransmitChance > 0, random.chance(retransmitChance) {
                retransmission = packet
                retransmissionGap = 1
                retransmissionsLeft = random.integer(in: 1...3)
                retransmissionTime = time + 1
            }
            scheduleNext()
        }
        ipIdentification &+= 1
        first = min(first, packet.packet.timestamp)
        last = max(last, packet.packet.timestamp)
        emitted += 1
        return packet
    }
}
