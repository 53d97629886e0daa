extension WindowAggregator {
    /// The state an aggregation run keeps between packets.
    ///
    /// A struct behind the class, so each packet costs one access to the class's stored state
    /// instead of a runtime exclusivity check on every property it touches.
    struct Aggregation {
        let configuration: Configuration
        /// Every host with an open window, a live history or a closed start that a late packet can
        /// still reach, as a slot in `states`. One lookup per packet finds all three.
        private var slots = OpenAddressingTable<IPAddress, Int32>()
        /// Host states by slot. States stay in place while their host is known, so windows are
        /// updated and summarised where they lie instead of being copied between tables.
        private var states = SlotArray<HostState>()
        /// Slots of the hosts by the start of each window they have open, so a sweep visits only the
        /// windows it closes instead of every host.
        private var opened: [Double: [Int32]] = [:]
        /// Hosts whose last open window closed, ordered by when their history may go idle.
        private var idleQueue = IdleQueue()
        private var slab = WindowSlab()
        /// Filled for each closed window in turn and handed to `emit`.
        private var summary = WindowSummary()
        private var clock = -Double.infinity
        private var nextSweep = -Double.infinity
        /// The limit of the latest sweep, against which `closedStartTest(after:)` judges closed starts.
        private var lastSweepLimit = -Double.infinity
        private var nextHistorySweep = -Double.infinity
        private(set) var reopenedWindows = 0
        private(set) var packets = 0
        private(set) var openWindows = 0
        private(set) var histories = HostHistories()

        init(configuration: Configuration, histories: HostHistories) {
            self.configuration = configuration
            for state in histories.states {
                guard let history = state.history else { continue }
                insertState(HostState(source: state.source, history: history))
                // Queued like a host whose last window closed, so an idle history is dropped as usual.
                idleQueue.push(state.source, at: history.lastSeen)
            }
        }

        /// Whether a host's latest closed window start still marks a late packet's window as
        /// reopened after a sweep up to `limit`. Earlier versions dropped such starts in every sweep;
        /// judging them when read gives the same result without the pass over every host.
        private func closedStartTest(after limit: Double) -> ClosedStartTest {
            ClosedStartTest(span: 2 * configuration.windowSeconds, lateness: configuration.lateness, limit: limit)
        }

        mutating func add(_ packet: Packet, emit: (WindowSummary) -> Void) {
            packets += 1
            let width = configuration.windowSeconds
            let start = Aggregation.windowIndex(packet.timestamp / width) * width
            let block = destinationBlock(packet.destination)
            let kind = PacketKind(packet)
            let slot = slots.value(for: packet.source) ?? insertState(HostState(source: packet.source, history: nil))
            let outcome = states[slot].add(
                packet, kind: kind, start: start, block: block, isLive: closedStartTest(after: lastSweepLimit), slab: &slab)
            if outcome != .joined {
                opened[start, default: []].append(slot)
                openWindows += 1
                if outcome == .reopened { reopenedWindows += 1 }
            }

            if packet.timestamp > clock {
                clock = packet.timestamp
                if clock >= nextSweep {
                    closeWindows(endingBefore: clock - configuration.lateness, emit: emit)
                    nextSweep = clock + width
                }
            }
        }

        mutating func finish(emit: (WindowSummary) -> Void) {
            closeWindows(endingBefore: .infinity, emit: emit)
        }

        private mutating func closeWindows(endingBefore limit: Double, emit: (WindowSummary) -> Void) {
            let width = configuration.windowSeconds
            let isLive = closedStartTest(after: lastSweepLimit)
            var closing = [(start: Double, source: IPAddress, slot: Int32)]()
            for start in opened.keys where start + width <= limit {
                for slot in opened.removeValue(forKey: start) ?? [] { closing.append((start, states[slot].source, slot)) }
            }

            // Dictionary order changes from run to run (hashing is seeded per process); emitting in
            // (start, host) order makes store row order, and so every sample drawn from it, repeatable.
            closing.sort { ($0.start, $0.source) < ($1.start, $1.source) }
            for entry in closing {
                let closed = states[entry.slot].close(start: entry.start, isLive: isLive, slab: &slab, into: &summary)
                precondition(closed.found, "a host listed under an open window start has no such window")
                emit(summary)
                if let lastSeen = closed.idleSince { idleQueue.push(states[entry.slot].source, at: lastSeen) }
            }

            openWindows -= closing.count
            lastSweepLimit = limit
            guard limit.isFinite else {
                // Every window is closed, so the states hold only histories and closed starts.
                histories = HostHistories(states: states.elements)
                slots = OpenAddressingTable()
                states = SlotArray()
                slab = WindowSlab()
                idleQueue = IdleQueue()
                return
            }

            if limit >= nextHistorySweep {
                forgetIdleHosts(before: limit)
                nextHistorySweep = limit + min(configuration.historyIdleSeconds, 600)
            }
        }

        /// Stores a new host's state and returns its slot.
        @discardableResult
        private mutating func insertState(_ state: HostState) -> Int32 {
            let source = state.source
            let slot = states.store(state)
            slots.update(source, initial: slot) { _ in }
            return slot
        }

        /// Drops the history of each host with nothing open and no packet in the last
        /// `historyIdleSeconds` before `limit`, and removes hosts with nothing left to keep.
        ///
        /// Only hosts whose last window has closed are queued, so this visits the hosts that went
        /// idle, not every host. A queued entry may be stale (the host sent more since), so each is
        /// checked against the host's state now.
        private mutating func forgetIdleHosts(before limit: Double) {
            let idle = configuration.historyIdleSeconds
            var requeued: [(host: IPAddress, key: Double)] = []
            while let (host, key) = idleQueue.popFirst(where: { $0 + idle <= limit }) {
                guard let slot = slots.value(for: host) else { continue }
                if !states[slot].hasOpenWindow, let history = states[slot].history, history.lastSeen + idle <= limit {
                    states[slot].history = nil
                }
                guard states[slot].history == nil && !states[slot].hasOpenWindow else { continue }
                // A late packet may still reopen the last closed window while its start is live,
                // so the host stays until then and is queued again for about that moment.
                let closedStart = states[slot].closedStart
                if closedStartTest(after: limit).holds(for: closedStart) {
                    let expiry = closedStart + 2 * configuration.windowSeconds + configuration.lateness
                    requeued.append((host, max(key, expiry - idle)))
                } else {
                    slots.removeValue(for: host)
                    states[slot] = HostState(source: IPAddress(ipv4: 0), history: nil)
                    states.free(slot)
                }
            }
            // Queued after the loop, so an entry due again at once waits for the next sweep.
            for entry in requeued { idleQueue.push(entry.host, at: entry.key) }
        }

        /// Returns `quotient` rounded down. Capture times are never negative, so this is a
        /// conversion to Int and back instead of libm's floor, which the x86-64 baseline calls
        /// through the PLT for every packet.
        @inline(__always)
        private static func windowIndex(_ quotient: Double) -> Double {
            guard quotient >= 0, quotient < 0x1p62 else { return quotient.rounded(.down) }
            return Double(Int(quotient))
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
}
