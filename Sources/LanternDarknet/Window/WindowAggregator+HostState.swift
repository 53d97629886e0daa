extension WindowAggregator {
    /// The aggregator's state for one source host: its open windows, its history and the start
    /// of its latest closed window.
    struct HostState {
        let source: IPAddress
        /// Slot in the window slab of the open window, or of the first of them; -1 when the host
        /// has none open.
        var window: Int32 = -1
        /// Start of the window in `window`, kept here so a packet finds its window without
        /// reading the slab.
        var windowStart = 0.0
        /// Slots and starts of further open windows, while a late packet's window is open beside
        /// `window`. Empty whenever `window` is -1.
        var laterWindows: [(slot: Int32, start: Double)] = []
        /// `nil` once the host has been idle for `historyIdleSeconds`; its next packet starts anew.
        var history: HostHistory?
        /// Start of the latest window closed; the aggregator decides whether it is still live.
        var closedStart = -Double.infinity

        init(source: IPAddress, history: HostHistory?) {
            self.source = source
            self.history = history
        }

        var hasOpenWindow: Bool { window >= 0 }

        /// The window a packet went to: an open one, a new one, or a new one for a start
        /// already closed.
        enum Placement {
            case joined, opened, reopened
        }

        /// Adds a packet to its window in `slab`, opening the window when needed, and to the history.
        /// - Parameter isLive: the test of whether `closedStart` still counts.
        mutating func add(_ packet: Packet, kind: PacketKind, start: Double, block: Int, isLive: ClosedStartTest,
                          slab: inout WindowSlab) -> Placement {
            // Matched as a case: comparing with nil copied the whole history first.
            if case .none = history { history = HostHistory() }
            let open = openSlot(start: start)
            // Updated through `&history!`, which reaches the stored history in place; reading
            // `history!` copied the whole history once per packet.
            let snapshot = HostState.record(packet, kind: kind, opensWindow: open == nil, in: &history!)
            if let slot = open {
                slab[slot].add(packet, kind: kind, block: block)
                slab[slot].history = snapshot
                return .joined
            }

            let slot = slab.store {
                WindowAccumulator(source: packet.source, windowStart: start, timestamp: packet.timestamp)
            } reusing: {
                $0.reopen(source: packet.source, windowStart: start, timestamp: packet.timestamp)
            }
            slab[slot].add(packet, kind: kind, block: block)
            slab[slot].history = snapshot
            if window < 0 {
                window = slot
                windowStart = start
            } else {
                laterWindows.append((slot, start))
            }
            return isLive.holds(for: closedStart) && closedStart >= start ? .reopened : .opened
        }

        /// Adds a packet to `history` and returns the counts the packet's window keeps.
        private static func record(_ packet: Packet, kind: PacketKind, opensWindow: Bool,
                                   in history: inout HostHistory) -> HostHistory.Snapshot {
            history.add(packet, kind: kind)
            if opensWindow { history.openWindow() }
            return history.snapshot
        }

        /// Returns the slab slot of the open window starting at `start`, or nil.
        @inline(__always)
        private func openSlot(start: Double) -> Int32? {
            guard window >= 0 else { return nil }
            if windowStart == start { return window }
            return laterWindows.first { $0.start == start }?.slot
        }

        /// Summarises the open window starting at `start` into `summary` and frees its slot.
        /// - Returns: whether such a window was open, and the host's last packet time when
        ///   nothing of it stays open.
        mutating func close(start: Double, isLive: ClosedStartTest, slab: inout WindowSlab, into summary: inout WindowSummary)
            -> (found: Bool, idleSince: Double?) {
            guard let slot = openSlot(start: start) else { return (false, nil) }
            slab.summarize(slot, into: &summary)
            slab.free(slot)
            if slot == window {
                let next = laterWindows.popLast()
                window = next?.slot ?? -1
                windowStart = next?.start ?? 0
            } else {
                laterWindows.removeAll { $0.slot == slot }
            }
            closedStart = max(isLive.holds(for: closedStart) ? closedStart : -.infinity, start)
            return (true, window < 0 ? history?.lastSeen : nil)
        }
    }

    /// The open windows of all hosts, in slots that stay put while a window is open, so a window
    /// is updated and summarised where it lies and never copied between tables.
    typealias WindowSlab = SlotArray<WindowAccumulator>

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

extension SlotArray where Element == WindowAccumulator {
    /// Summarises the window in `slot`. Read through a buffer pointer, which lends the element;
    /// the subscript's `_read` still copied it here.
    func summarize(_ slot: Int32, into summary: inout WindowSummary) {
        elements.withUnsafeBufferPointer { $0[Int(slot)].summarize(into: &summary) }
    }
}
