extension WindowAggregator {
    /// The aggregator's state for one source host: its open windows, its history and the start
    /// of its latest closed window.
    struct HostState {
        /// Open windows, usually one; a second appears while a late packet's window is open.
        var windows: [WindowAccumulator] = []
        /// `nil` once the host has been idle for `historyIdleSeconds`; its next packet starts anew.
        var history: HostHistory? = HostHistory()
        /// Start of the latest window closed; the aggregator decides whether it is still live.
        var closedStart = -Double.infinity

        /// The window a packet went to: an open one, a new one, or a new one for a start
        /// already closed.
        enum Placement {
            case joined, opened, reopened
        }

        /// Adds a packet to its window, opening the window when needed, and to the history.
        /// - Parameter isLive: the test of whether `closedStart` still counts.
        mutating func add(_ packet: Packet, kind: PacketKind, start: Double, block: Int, isLive: ClosedStartTest) -> Placement {
            let index = windows.firstIndex { $0.windowStart == start }
            if history == nil { history = HostHistory() }
            history?.add(packet, kind: kind)
            if index == nil { history?.openWindow() }
            let snapshot = history?.snapshot ?? HostHistory.Snapshot()

            if let index {
                windows[index].add(packet, kind: kind, block: block)
                windows[index].history = snapshot
                return .joined
            }
            var accumulator = WindowAccumulator(source: packet.source, windowStart: start, timestamp: packet.timestamp)
            accumulator.add(packet, kind: kind, block: block)
            accumulator.history = snapshot
            windows.append(accumulator)
            return isLive.holds(for: closedStart) && closedStart >= start ? .reopened : .opened
        }

        /// Removes and returns the open window starting at `start`, with the host's last packet
        /// time when nothing of it stays open.
        mutating func close(start: Double, isLive: ClosedStartTest) -> (window: WindowAccumulator, idleSince: Double?)? {
            guard let index = windows.firstIndex(where: { $0.windowStart == start }) else { return nil }
            closedStart = max(isLive.holds(for: closedStart) ? closedStart : -.infinity, start)
            let window = windows.remove(at: index)
            return (window, windows.isEmpty ? history?.lastSeen : nil)
        }
    }

    /// Whether a closed start is still live after a sweep up to `limit`: the test earlier
    /// versions applied in every sweep, in the same floating-point order so results match.
    struct ClosedStartTest {
        var span: Double
        var lateness: Double
        var limit: Double

        func holds(for closedStart: Double) -> Bool {
            closedStart + span + lateness > limit
        }
    }

    /// Hosts keyed by a capture time, smallest first: a binary min-heap.
    struct IdleQueue {
        private var entries: [(key: Double, host: IPAddress)] = []

        mutating func push(_ host: IPAddress, at key: Double) {
            entries.append((key, host))
            var child = entries.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard entries[child].key < entries[parent].key else { break }
                entries.swapAt(child, parent)
                child = parent
            }
        }

        /// Removes and returns the entry with the smallest key when `isDue` holds for that key.
        mutating func popFirst(where isDue: (Double) -> Bool) -> (host: IPAddress, key: Double)? {
            guard let first = entries.first, isDue(first.key) else { return nil }
            let last = entries.removeLast()
            if !entries.isEmpty {
                entries[0] = last
                siftDown()
            }
            return (first.host, first.key)
        }

        private mutating func siftDown() {
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < entries.count else { return }
                let right = left + 1
                let child = right < entries.count && entries[right].key < entries[left].key ? right : left
                guard entries[child].key < entries[parent].key else { return }
                entries.swapAt(child, parent)
                parent = child
            }
        }
    }
}
