import Foundation

/// A binary min-heap of upcoming events, ordered by time and then by insertion order, so ties
/// break the same way on every run.
struct SimulationEventHeap {
    struct Event {
        var time: Double
        var order: UInt64
        /// A source slot when non-negative; `-1 - index` for spawner `index`.
        var target: Int32
    }

    private var events: [Event] = []
    private var nextOrder: UInt64 = 0

    var isEmpty: Bool { events.isEmpty }
    var count: Int { events.count }

    private static func precedes(_ a: Event, _ b: Event) -> Bool {
        a.time < b.time || (a.time == b.time && a.order < b.order)
    }

    mutating func push(time: Double, target: Int32) {
        events.append(Event(time: time, order: nextOrder, target: target))
        nextOrder += 1
        var child = events.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard SimulationEventHeap.precedes(events[child], events[parent]) else { break }
            events.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Event? {
        guard let top = events.first else { return nil }
        let last = events.removeLast()
        if !events.isEmpty {
            events[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < events.count else { break }
                var smallest = left
                if left + 1 < events.count, SimulationEventHeap.precedes(events[left + 1], events[left]) { smallest = left + 1 }
                guard SimulationEventHeap.precedes(events[smallest], events[parent]) else { break }
                events.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }
}

/// The arrival process of one population: when its next source host starts, for how long, and
/// how many packets it sends.
///
/// Arrivals follow the packets already committed. The next host starts where the (diurnal or
/// growing) timeline's cumulative intensity reaches the committed share of the budget. So a heavy
/// host delays the next arrivals, and the total lands near the budget however heavy the tail. Hosts already active at the start come from a lead phase before `start`.
struct PopulationSpawner {
    /// When and how intensely new hosts appear over the simulated span.
    enum Timeline {
        /// A daily cycle with the given relative amplitude, peaking at 14:00 UTC.
        case diurnal(amplitude: Double)
        /// Nothing before `onset` seconds into the span, then exponential growth to `factor`
        /// times the initial intensity at the end.
        case growing(onset: Double, factor: Double)
    }

    struct Plan {
        var start: Double
        var end: Double
        var count: Int
    }

    let profile: SimulationProfile
    let budget: Double
    let timeline: Timeline
    private let spanStart: Double
    private let span: Double
    private let rateScale: Double
    private let maximumPackets: Double
    var random: SimulationRandom
    private var committed = 0.0
    private var leadClock: Double
    /// Start of the last planned host; plans never go back in time, so output stays sorted.
    private var lastStart: Double
    private(set) var pending: Plan?
    /// Hosts still to start in the first half of the onset day of a growing timeline, one per
    /// seeded subnet, before growth takes over.
    private var seedsLeft: Int
    private let seedCount: Int

    init(profile: SimulationProfile, budget: Double, timeline: Timeline, start: Double, span: Double,
         darknetFraction: Double, maximumPackets: Double, random: SimulationRandom, seeds: Int = 0) {
        self.profile = profile
        seedsLeft = seeds
        seedCount = seeds
        self.budget = budget
        self.timeline = timeline
        spanStart = start
        self.span = span
        rateScale = profile.scalesWithDarknet ? darknetFraction : 1
        // At most a twentieth of the population's budget per host, so a small population still has
        // many hosts and its packet total does not hang on one heavy draw.
        self.maximumPackets = max(1, min(maximumPackets, budget / 20))
        self.random = random
        lastStart = start
        if case .growing = timeline {
            leadClock = 0
        } else {
            // Long enough that nearly every host active at the start (all but the top 1 % of
            // lifetimes) is already running then.
            let longLifetime = profile.durationMedian * exp(2.3 * profile.durationSigma)
            leadClock = -min(span, profile.durationRange.upperBound, longLifetime)
        }
    }

    private var isOnePacket: Bool {
        if case .onePacket = profile.behavior { return true }
        return false
    }

    /// Plans the next host, or sets `pending` to nil when the budget is spent.
    mutating func planNext() {
        pending = nil
        // A bounded number of draws in the span: a host expected to send under one packet may
        // send none. Lead-phase hosts that end before the span are skipped without counting.
        var attempts = 0
        while attempts < 10_000 {
            guard committed < budget else { return }
            var rate = random.logNormal(median: profile.rateMedian, sigma: profile.rateSigma) * rateScale
            var duration = min(max(random.logNormal(median: profile.durationMedian, sigma: profile.durationSigma),
                                   profile.durationRange.lowerBound), profile.durationRange.upperBound)
            if isOnePacket {
                rate = 1
                duration = 0
            } else if rate * duration > maximumPackets {
                duration = maximumPackets / rate  // keep the rate, shorten the attack or scan
            }
            let nominal = max(1, rate * duration)

            let start: Double
            if seedsLeft > 0, case .growing(let onset, _) = timeline {
                // Seeds start in order across the first half of the onset day, so plans stay sorted.
                let slot = Double(seedCount - seedsLeft)
                seedsLeft -= 1
                start = spanStart + onset + (slot + random.unit()) * 43_200 / Double(seedCount)
            } else if leadClock < 0 {
                start = spanStart + leadClock
                leadClock += nominal / (budget / span) * 2 * random.unit()
            } else {
                let fraction = min(1, (committed + random.unit() * nominal) / budget)
                start = spanStart + timePoint(at: fraction)
            }
            let clippedStart = max(start, lastStart)
            let clippedEnd = min(start + duration, spanStart + span)
            guard clippedEnd >= clippedStart else { continue }
            attempts += 1
            let expected = isOnePacket ? 1 : rate * (clippedEnd - clippedStart)
            committed += expected
            let count = isOnePacket ? 1 : random.poisson(mean: expected)
            if count > 0 {
                lastStart = clippedStart
                pending = Plan(start: clippedStart, end: clippedEnd, count: count)
                return
            }
        }
    }

    /// Seconds into the span where the cumulative intensity reaches `fraction` of its total.
    private func timePoint(at fraction: Double) -> Double {
        switch timeline {
        case .growing(let onset, let factor):
            let length = max(1, span - onset)
            let growth = log(factor) / length
            return onset + log(1 + fraction * (factor - 1)) / growth
        case .diurnal(let amplitude):
            let period = 86400.0
            let phase = (spanStart.truncatingRemainder(dividingBy: period) - 14 * 3600) * 2 * .pi / period
            func cumulative(_ t: Double) -> Double {
                t + amplitude * period / (2 * .pi) * (sin(phase + 2 * .pi * t / period) - sin(phase))
            }
            let target = fraction * cumulative(span)
            var t = fraction * span
            for _ in 0..<6 {
                let slope = 1 + amplitude * cos(phase + 2 * .pi * t / period)
                t -= (cumulative(t) - target) / slope
                t = min(max(t, 0), span)
            }
            return t
        }
    }
}
