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
    // Exclusivity is checked by hand (`isRunning`) because the runtime's check on each access
    // to `aggregation` cost about 80 instructions per packet.
    @exclusivity(unchecked) private var aggregation: Aggregation
    /// True while `add` or `finish` runs, so a call back from `emit` stops the program.
    @exclusivity(unchecked) private var isRunning = false

    /// Windows that received packets after they had been closed and so were summarised twice.
    public var reopenedWindows: Int { idle.reopenedWindows }
    public var packets: Int { idle.packets }
    /// Number of (host, window) pairs currently open.
    public var openWindows: Int { idle.openWindows }
    /// Each host's history when `finish()` ran, for the next capture of the same sensor.
    public var histories: HostHistories { idle.histories }

    /// - Parameters:
    ///   - histories: what `histories` held after the previous capture, so host features continue
    ///     across rotated capture files instead of starting again at each one.
    ///   - emit: called once per closed window, in no particular order. It runs in the middle of
    ///     `add` or `finish`, so it must not call this aggregator; the program stops if it does.
    public init(configuration: Configuration = Configuration(), histories: HostHistories = HostHistories(),
                emit: @escaping (WindowSummary) -> Void) {
        precondition(configuration.windowSeconds > 0, "window width must be positive")
        self.configuration = configuration
        self.emit = emit
        aggregation = Aggregation(configuration: configuration, histories: histories)
    }

    public func add(_ packet: Packet) {
        start()
        aggregation.add(packet, emit: emit)
        isRunning = false
    }

    /// Closes every open window; call at the end of the input.
    public func finish() {
        start()
        aggregation.finish(emit: emit)
        isRunning = false
    }

    private func start() {
        requireIdle()
        isRunning = true
    }

    /// The aggregation state, for reading outside `add` and `finish`.
    private var idle: Aggregation {
        requireIdle()
        return aggregation
    }

    private func requireIdle() {
        precondition(!isRunning, "a WindowAggregator's emit closure called the aggregator back")
    }
}
