/// Groups packets into (source host, window) pairs and hands each pair's summary on when its
/// window has closed.
///
/// Memory is bounded by the pairs active within the last `lateness` seconds of capture time,
/// not by file size: a window is closed once the capture clock (the largest timestamp seen) has
/// passed its end by `lateness`. Captures are only roughly time-ordered (merged interfaces,
/// NIC queues), so a packet up to `lateness` late still joins its window. A packet later than
/// that opens a second summary of the same window, counted in `reopenedWindows`: nothing is lost.
/// - Complexity: O(1) amortised per packet; each sweep costs O(c log c) for the c windows it
///   closes, never a pass over every host.
public final class WindowAggregator {
    /// The settings of an aggregation run.
    public struct Configuration: Sendable {
        /// Window width in seconds.
        public var windowSeconds: Double = 30
        /// How long after a window's end late packets still join it, in seconds.
        public var lateness: Double = 30
        /// Prefix length of the IPv4 darknet; the 4 bits below it pick the destination block.
        public var ipv4DarknetPrefix: Int = 16
        /// Prefix length of the IPv6 darknet; the 4 bits below it pick the destination block.
        public var ipv6DarknetPrefix: Int = 48
        /// A host silent this long (capture time, seconds) starts a new history.
        public var historyIdleSeconds: Double = 6 * 3600

        public init() {}
    }

    public let configuration: Configuration
    private let emit: (WindowSummary) -> Void
    /// Every host with an open window, a live history or a closed start that a late packet can
    /// still reach. One lookup per packet finds all three.
    private var hosts: [IPAddress: HostState] = [:]
    /// Hosts by the start of each window they have open, so a sweep visits only the windows it
    /// closes instead of every host.
    private var opened: [Double: [IPAddress]] = [:]
    /// Hosts whose last open window closed, ordered by when their history may go idle.
    private var idleQueue = IdleQueue()
    private var clock = -Double.infinity
    private var nextSweep = -Double.infinity
    /// The limit of the latest sweep, against which `closedStartTest(after:)` judges closed starts.
    private var lastSweepLimit = -Double.infinity
    private var nextHistorySweep = -Double.infinity
    /// Windows that received packets after they had been closed and so were summarised twice.
    public private(set) var reopenedWindows = 0
    public private(set) var packets = 0
    /// Number of (host, window) pairs currently open.
    public private(set) var openWindows = 0

    /// Each host's history when `finish()` ran, for the next capture of the same sensor.
    public private(set) var histories = HostHistories()

    /// - Parameters:
    ///   - histories: what `histories` held after the previous capture, so host features continue
    ///     across rotated capture files instead of starting again at each one.
    ///   - emit: called once per closed window, in no particular order.
    public init(configuration: Configuration = Configuration(), histories: HostHistories = HostHistories(),
                emit: @escaping (WindowSummary) -> Void) {
        precondition(configuration.windowSeconds > 0, "window width must be positive")
        self.configuration = configuration
        self.emit = emit
        for (host, history) in histories.byHost {
            hosts[host] = HostState(windows: [], history: history)
            // Queued like a host whose last window closed, so an idle history is dropped as usual.
            idleQueue.push(host, at: history.lastSeen)
        }
    }

    /// Whether a host's latest closed window start still marks a late packet's window as
    /// reopened after a sweep up to `limit`. Earlier versions dropped such starts in every sweep;
    /// judging them when read gives the same result without the pass over every host.
    private func closedStartTest(after limit: Double) -> ClosedStartTest {
        ClosedStartTest(span: 2 * configuration.windowSeconds, lateness: configuration.lateness, limit: limit)
    }

    public func add(_ packet: Packet) {
        packets += 1
        let width = configuration.windowSeconds
        let start = (packet.timestamp / width).rounded(.down) * width
        let block = destinationBlock(packet.destination)
        let kind = PacketKind(packet)
        let outcome = hosts[packet.source, default: HostState()]
            .add(packet, kind: kind, start: start, block: block, isLive: closedStartTest(after: lastSweepLimit))
        if outcome != .joined {
            opened[start, default: []].append(packet.source)
            openWindows += 1
            if outcome == .reopened { reopenedWindows += 1 }
        }

        if packet.timestamp > clock {
            clock = packet.timestamp
            if clock >= nextSweep {
                closeWindows(endingBefore: clock - configuration.lateness)
                nextSweep = clock + width
            }
        }
    }

    /// Closes every open window; call at the end of the input.
    public func finish() {
        closeWindows(endingBefore: .infinity)
    }

    private func closeWindows(endingBefore limit: Double) {
        let width = configuration.windowSeconds
        let isLive = closedStartTest(after: lastSweepLimit)
        var closing = [WindowAccumulator]()
        for start in opened.keys.filter({ $0 + width <= limit }) {
            for host in opened.removeValue(forKey: start) ?? [] {
                guard let closed = hosts[host]?.close(start: start, isLive: isLive) else {
                    preconditionFailure("a host listed under an open window start has no such window")
                }
                closing.append(closed.window)
                if let lastSeen = closed.idleSince { idleQueue.push(host, at: lastSeen) }
            }
        }
        openWindows -= closing.count
        lastSweepLimit = limit
        // Dictionary order changes from run to run (hashing is seeded per process); emitting in
        // (start, host) order makes store row order, and so every sample drawn from it, repeatable.
        // The positions are sorted, not the accumulators, which are several hundred bytes each.
        var order = Array(closing.indices)
        order.sort { (closing[$0].windowStart, closing[$0].source) < (closing[$1].windowStart, closing[$1].source) }
        for index in order { emit(closing[index].summary()) }
        guard limit.isFinite else {
            histories = HostHistories(byHost: hosts.compactMapValues(\.history))
            hosts.removeAll()
            idleQueue = IdleQueue()
            return
        }
        if limit >= nextHistorySweep {
            forgetIdleHosts(before: limit)
            nextHistorySweep = limit + min(configuration.historyIdleSeconds, 600)
        }
    }

    /// Drops the history of each host with nothing open and no packet in the last
    /// `historyIdleSeconds` before `limit`, and removes hosts with nothing left to keep.
    ///
    /// Only hosts whose last window has closed are queued, so this visits the hosts that went
    /// idle, not every host. A queued entry may be stale (the host sent more since), so each is
    /// checked against the host's state now.
    private func forgetIdleHosts(before limit: Double) {
        let idle = configuration.historyIdleSeconds
        var requeued: [(host: IPAddress, key: Double)] = []
        while let (host, key) = idleQueue.popFirst(where: { $0 + idle <= limit }) {
            guard var state = hosts.removeValue(forKey: host) else { continue }
            if state.windows.isEmpty, let history = state.history, history.lastSeen + idle <= limit {
                state.history = nil
            }
            if state.history == nil && state.windows.isEmpty {
                // A late packet may still reopen the last closed window while its start is live,
                // so the host stays until then and is queued again for about that moment.
                guard closedStartTest(after: limit).holds(for: state.closedStart) else { continue }
                let expiry = state.closedStart + 2 * configuration.windowSeconds + configuration.lateness
                requeued.append((host, max(key, expiry - idle)))
            }
            hosts[host] = state
        }
        // Queued after the loop, so an entry due again at once waits for the next sweep.
        for entry in requeued { idleQueue.push(entry.host, at: entry.key) }
    }

    /// Returns which of 16 equal slices of the darknet's host part a destination falls in.
    private func destinationBlock(_ address: IPAddress) -> Int {
        if let v4 = address.ipv4Value {
            let shift = max(0, 32 - configuration.ipv4DarknetPrefix - 4)
            return Int((v4 >> UInt32(shift)) & 0xF)
        }
        let bitsFromTop = configuration.ipv6DarknetPrefix + 4
        if bitsFromTop <= 64 {
            return Int((address.high >> UInt64(64 - bitsFromTop)) & 0xF)
        }
        return Int((address.low >> UInt64(max(0, 128 - bitsFromTop))) & 0xF)
    }
}
