import Foundation

/// The mutable state of one simulation: spawners, active sources, the event heap and the tallies.
struct SimulationRun {
    private let addressSpace: SimulationAddressSpace
    private let spanStart: Double
    private let spanEnd: Double
    private var spawners: [PopulationSpawner] = []
    /// Source /16s of each planted campaign, by spawner index.
    private var plantedSubnets: [Int: [UInt32]] = [:]
    /// Hosts drawn so far by each planted campaign's spawner.
    private var plantedHosts: [Int: Int] = [:]
    private var sources = SlotArray<SimulatedSource?>()
    private var heap = SimulationEventHeap()
    private var usedAddresses = Set<IPAddress>()
    private var subnetsSeen = Set<IPAddress>()
    private var summary = SimulationSummary()
    private var random: SimulationRandom
    private let seed: UInt64
    private var sourceCount: UInt64 = 0

    init(configuration: TelescopeSimulator.Configuration) throws {
        let (darknet, prefixLength) = try configuration.parsedDarknet()
        seed = configuration.seed
        addressSpace = SimulationAddressSpace(
            darknet: darknet, prefixLength: prefixLength, darknetIPv6: try configuration.parsedDarknetIPv6(), seed: seed)
        spanStart = configuration.start.timeIntervalSince1970
        let span = Double(configuration.days) * 86400
        spanEnd = spanStart + span
        random = SimulationRandom(seed: seed, stream: 1)

        let total = Double(configuration.packets)
        // One host may send at most 1 % of the capture, so no single attack dominates it.
        let maximumPackets = max(20, total / 100)
        let profiles = SimulationProfile.standard
        let shareSum = profiles.reduce(0) { $0 + $1.share }
        for (index, profile) in profiles.enumerated() {
            spawners.append(PopulationSpawner(
                profile: profile, budget: total * profile.share / shareSum, timeline: .diurnal(amplitude: profile.diurnalAmplitude),
                start: spanStart, span: span, darknetFraction: addressSpace.darknetFraction, maximumPackets: maximumPackets,
                random: SimulationRandom(seed: seed, stream: 100 + UInt64(index))))
        }
        for (index, campaign) in configuration.plantedCampaigns.enumerated() {
            let profile = SimulationProfile(
                role: .scanner, behavior: .plantedScan(port: campaign.port, udp: campaign.proto == .udp), share: campaign.share,
                rateMedian: 250, rateSigma: 1.2, scalesWithDarknet: true, durationMedian: 12 * 3600, durationSigma: 1.0,
                durationRange: 600...(7 * 86400), spread: .infected)
            plantedSubnets[spawners.count] = addressSpace.sampleSubnets(count: campaign.subnets, random: &random)
            spawners.append(PopulationSpawner(
                profile: profile, budget: total * campaign.share,
                timeline: .growing(onset: Double(campaign.startDay) * 86400, factor: 100),
                start: spanStart, span: span, darknetFraction: addressSpace.darknetFraction, maximumPackets: maximumPackets,
                random: SimulationRandom(seed: seed, stream: 10_000 + UInt64(index)), seeds: campaign.subnets))
        }
    }

    mutating func run(emitPacket: (SimulatedPacket) throws -> Void, emitTruth: (TruthRecord) throws -> Void) throws -> SimulationSummary {
        for index in spawners.indices {
            spawners[index].planNext()
            if let plan = spawners[index].pending {
                heap.push(time: plan.start, target: -1 - Int32(index))
            }
        }
        while let event = heap.pop() {
            if event.target < 0 {
                spawn(fromSpawner: Int(-1 - event.target))
                continue
            }
            let slot = event.target
            guard var source = sources[slot] else { continue }
            sources[slot] = nil  // hold the only reference, so the packet is built in place
            if source.eventTime <= spanEnd {
                let packet = source.emit(addressSpace: addressSpace)
                try emitPacket(packet)
                count(packet, role: source.role)
            }
            if source.eventTime <= spanEnd {
                sources[slot] = source
                heap.push(time: source.eventTime, target: event.target)
            } else {
                try finish(source, emitTruth: emitTruth)
                sources.free(event.target)
            }
        }
        summary.distinctSubnets = subnetsSeen.count
        return summary
    }

    private mutating func spawn(fromSpawner index: Int) {
        guard let plan = spawners[index].pending else { return }
        let profile = spawners[index].profile
        sourceCount += 1
        var sourceRandom = SimulationRandom(seed: seed, stream: 1 << 32 | sourceCount)
        let address = drawAddress(profile: profile, spawner: index, random: &sourceRandom)
        var source = SimulatedSource(
            address: address, role: profile.role, kind: "", behavior: profile.behavior, random: sourceRandom,
            start: plan.start, end: plan.end, count: plan.count)
        source.configure(addressSpace: addressSpace)
        source.scheduleNext()

        let eventTime = source.eventTime
        let slot = sources.store(source)
        heap.push(time: eventTime, target: slot)

        spawners[index].planNext()
        if let next = spawners[index].pending {
            heap.push(time: next.start, target: -1 - Int32(index))
        }
    }

    /// Draws a host address no other simulated host has used, so each truth record has one role.
    private mutating func drawAddress(profile: SimulationProfile, spawner: Int, random: inout SimulationRandom) -> IPAddress {
        let ipv6 = profile.ipv6Share > 0 && random.chance(profile.ipv6Share) && addressSpace.darknetIPv6 != nil
        while true {
            let candidate: IPAddress
            if ipv6 {
                candidate = addressSpace.drawIPv6Source(random: &random)
            } else if let planted = plantedSubnets[spawner] {
                // The campaign's first hosts (the spawner's seeds, started on the start day) go one
                // to each planted subnet, so every planted subnet hosts the campaign from that day.
                let drawn = plantedHosts[spawner, default: 0]
                plantedHosts[spawner] = drawn + 1
                let pool = drawn < planted.count ? [planted[drawn]] : planted
                candidate = addressSpace.drawIPv4Source(in: pool, random: &random)
            } else {
                candidate = addressSpace.drawIPv4Source(profile.spread, random: &random)
            }
            if usedAddresses.insert(candidate).inserted { return candidate }
        }
    }

    private mutating func count(_ packet: SimulatedPacket, role: SourceRole) {
        if summary.packets == 0 { summary.firstTimestamp = packet.packet.timestamp }
        summary.lastTimestamp = packet.packet.timestamp
        summary.packets += 1
        summary.packetsByRole[role, default: 0] += 1
    }

    private mutating func finish(_ source: SimulatedSource, emitTruth: (TruthRecord) throws -> Void) throws {
        guard source.emitted > 0 else { return }
        summary.hostsByRole[source.role, default: 0] += 1
        subnetsSeen.insert(source.address.masked(toPrefix: source.address.isIPv6 ? 32 : 16))
        try emitTruth(TruthRecord(
            src: source.address.description, role: source.role, kind: source.kind,
            subnet: SimulationAddressSpace.subnetText(of: source.address),
            first: Date(timeIntervalSince1970: source.first), last: Date(timeIntervalSince1970: source.last),
            packets: source.emitted))
    }
}
