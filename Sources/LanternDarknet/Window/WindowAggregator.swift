/// Groups packets into (source host, window) pairs and hands each pair's summary on when its
/// window has closed.
///
/// Memory is bounded by the pairs active within the last `lateness` seconds of capture time,
/// not by file size: a window is closed once the capture clock (the largest timestamp seen) has
/// passed its end by `lateness`. Captures are only roughly time-ordered (merged interfaces,
/// NIC queues), so a packet up to `lateness` late still joins its window. A packet later than
/// that opens a second summary of the same window, counted in `reopenedWindows`: nothing is lost.
/// - Complexity: O(1) amortised per packet; a sweep over open pairs each time the clock advances
///   by a window width.
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
    private var open: [IPAddress: [WindowAccumulator]] = [:]
    private var clock = -Double.infinity
    private var nextSweep = -Double.infinity
    private var closedStarts: [IPAddress: Double] = [:]
    private var histories: [IPAddress: HostHistory] = [:]
    private var nextHistorySweep = -Double.infinity
    /// Windows that received packets after they had been closed and so were summarised twice.
    public private(set) var reopenedWindows = 0
    public private(set) var packets = 0

    /// - Parameter emit: called once per closed window, in no particular order.
    public init(configuration: Configuration = Configuration(), emit: @escaping (WindowSummary) -> Void) {
        precondition(configuration.windowSeconds > 0, "window width must be positive")
        self.configuration = configuration
        self.emit = emit
    }

    /// Number of (host, window) pairs currently open.
    public var openWindows: Int { open.values.reduce(0) { $0 + $1.count } }

    public func add(_ packet: Packet) {
        packets += 1
        let width = configuration.windowSeconds
        let start = (packet.timestamp / width).rounded(.down) * width
        let block = destinationBlock(packet.destination)
        let kind = PacketKind(packet)
        let index = open[packet.source]?.firstIndex(where: { $0.windowStart == start })
        histories[packet.source, default: HostHistory()].add(packet, kind: kind)
        if index == nil { histories[packet.source]?.openWindow() }
        let history = histories[packet.source]?.snapshot ?? HostHistory.Snapshot()

        // Mutate through the dictionary's subscript so the accumulator's tables are not copied.
        if let index {
            open[packet.source]?[index].add(packet, kind: kind, block: block)
            open[packet.source]?[index].history = history
        } else {
            var accumulator = newAccumulator(packet, kind: kind, start: start, block: block)
            accumulator.history = history
            open[packet.source, default: []].append(accumulator)
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

    private func newAccumulator(_ packet: Packet, kind: PacketKind, start: Double, block: Int) -> WindowAccumulator {
        if let closed = closedStarts[packet.source], closed >= start { reopenedWindows += 1 }
        var accumulator = WindowAccumulator(source: packet.source, windowStart: start, timestamp: packet.timestamp)
        accumulator.add(packet, kind: kind, block: block)
        return accumulator
    }

    private func closeWindows(endingBefore limit: Double) {
        let width = configuration.windowSeconds
        var closing = [WindowAccumulator]()
        for (host, windows) in open {
            var kept = [WindowAccumulator]()
            for window in windows {
                if window.windowStart + width <= limit {
                    closing.append(window)
                    closedStarts[host] = max(closedStarts[host] ?? -.infinity, window.windowStart)
                } else {
                    kept.append(window)
                }
            }
            open[host] = kept.isEmpty ? nil : kept
        }
        // Dictionary order changes from run to run (hashing is seeded per process); emitting in
        // (start, host) order makes store row order, and so every sample drawn from it, repeatable.
        closing.sort { ($0.windowStart, $0.source) < ($1.windowStart, $1.source) }
        for window in closing { emit(window.summary()) }
        // Hosts with nothing open only need their last closed start while a late packet could
        // still arrive for it, and their history while they are not idle.
        if limit.isFinite && limit >= nextHistorySweep {
            let idle = configuration.historyIdleSeconds
            histories = histories.filter { open[$0.key] != nil || $0.value.lastSeen + idle > limit }
            nextHistorySweep = limit + min(idle, 600)
        }
        if limit.isFinite {
            closedStarts = closedStarts.filter { $0.value + 2 * width + configuration.lateness > limit }
        } else {
            closedStarts.removeAll()
            histories.removeAll()
        }
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
