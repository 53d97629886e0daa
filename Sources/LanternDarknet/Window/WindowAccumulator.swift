/// The running state of one (source host, window) pair while its window is open.
///
/// It keeps counts per distinct source port, destination address and destination port, so its
/// size grows with the distinct values the host touched in 30 seconds, not with its packets.
/// - Complexity: O(1) amortised per packet; O(d log d) to close, d distinct destinations.
struct WindowAccumulator {
    private(set) var source: IPAddress
    private(set) var windowStart: Double
    var firstSeen: Double
    var lastSeen: Double
    private var previousArrival: Double
    private var interArrival = RunningMoments()
    private var payload = RunningMoments()
    private var sourcePorts = SmallTable<UInt16, Int32>(filler: 0)
    private var sourcePortMoments = CountMoments()
    private var topSourcePort = TopPort()
    /// Destination address → (packets, bit per `TAPProtocol` seen).
    private var destinations = SmallTable<IPAddress, DestinationCount>(
        filler: IPAddress(ipv4: 0), initialValue: DestinationCount())
    private var destinationMoments = CountMoments()
    /// Distinct destinations per `TAPProtocol`.
    private var tapDestinations = InlineArray<3, Int32>(repeating: 0)
    /// (TAP protocol or 3 for other) << 16 | destination port → packets.
    private var destinationPorts = SmallTable<UInt32, Int32>(filler: 0)
    private var destinationPortMoments = CountMoments()
    /// Distinct destination ports per `TAPProtocol`.
    private var tapPorts = InlineArray<3, Int32>(repeating: 0)
    private var protocols: UInt8 = 0
    private var kindCounts = InlineArray<11, Int32>(repeating: 0)
    private var tapPackets = InlineArray<3, Int32>(repeating: 0)
    private var quotedPorts = SmallTable<UInt16, Int32>(filler: 0)
    private var topQuotedPort = TopPort()
    /// Source ports per TAP protocol (key `protocol << 16 | port`), so the service reported for a
    /// window is a port of its dominant protocol and never one protocol's port under another's name.
    private var sourcePortsByProtocol = SmallTable<UInt32, Int32>(filler: 0)
    private var topSourcePortByProtocol = InlineArray<3, TopPort>(repeating: TopPort())
    private var destinationBlocks = InlineArray<16, Int32>(repeating: 0)
    private var mechanical = MechanicalLabelCounts()
    private var anomalousPackets = 0
    private var packetsFromWebOrDNSPort = 0
    private(set) var packets = 0
    /// The host's history at this window's latest packet.
    var history = HostHistory.Snapshot()

    init(source: IPAddress, windowStart: Double, timestamp: Double) {
        self.source = source
        self.windowStart = windowStart
        firstSeen = timestamp
        lastSeen = timestamp
        previousArrival = timestamp
    }

    /// Resets this accumulator for a new window, as `init` does, and keeps its tables' storage.
    /// Assigning a new accumulator to a reused slab slot rebuilt every table instead.
    mutating func reopen(source: IPAddress, windowStart: Double, timestamp: Double) {
        self.source = source
        self.windowStart = windowStart
        firstSeen = timestamp
        lastSeen = timestamp
        previousArrival = timestamp
        interArrival = RunningMoments()
        payload = RunningMoments()
        sourcePorts.removeAll()
        sourcePortMoments = CountMoments()
        topSourcePort = TopPort()
        destinations.removeAll()
        destinationMoments = CountMoments()
        tapDestinations = InlineArray(repeating: 0)
        destinationPorts.removeAll()
        destinationPortMoments = CountMoments()
        tapPorts = InlineArray(repeating: 0)
        protocols = 0
        kindCounts = InlineArray(repeating: 0)
        tapPackets = InlineArray(repeating: 0)
        quotedPorts.removeAll()
        topQuotedPort = TopPort()
        sourcePortsByProtocol.removeAll()
        topSourcePortByProtocol = InlineArray(repeating: TopPort())
        destinationBlocks = InlineArray(repeating: 0)
        mechanical = MechanicalLabelCounts()
        anomalousPackets = 0
        packetsFromWebOrDNSPort = 0
        packets = 0
        history = HostHistory.Snapshot()
    }

    mutating func add(_ packet: Packet, kind: PacketKind, block: Int) {
        if packets > 0 {
            // Captures are not always in time order (several real ones here are not); a packet
            // that arrives "before" the previous one adds a gap of 0 rather than a negative one.
            interArrival.add(max(0, packet.timestamp - previousArrival))
        }
        previousArrival = max(previousArrival, packet.timestamp)
        firstSeen = min(firstSeen, packet.timestamp)
        lastSeen = max(lastSeen, packet.timestamp)
        packets += 1

        payload.add(Double(packet.payloadLength))
        let sourcePortCount = sourcePorts.increment(packet.sourcePort)
        sourcePortMoments.counted(newCount: sourcePortCount)
        topSourcePort.offer(packet.sourcePort, newCount: sourcePortCount)
        let tap = TAPProtocol(packet.transport)
        if let tap {
            let count = sourcePortsByProtocol.increment(UInt32(tap.rawValue) << 16 | UInt32(packet.sourcePort))
            topSourcePortByProtocol[tap.rawValue].offer(packet.sourcePort, newCount: count)
        }
        let tapBit: UInt8 = tap.map { 1 << UInt8($0.rawValue) } ?? 0
        var destinationCount: Int32 = 0
        var isNewForProtocol = false
        destinations.update(packet.destination) { entry in
            entry.packets += 1
            isNewForProtocol = entry.protocols & tapBit == 0
            entry.protocols |= tapBit
            destinationCount = entry.packets
        }
        destinationMoments.counted(newCount: destinationCount)
        if let tap, isNewForProtocol { tapDestinations[tap.rawValue] += 1 }
        let protocolKey = UInt32(tap?.rawValue ?? 3)
        let portCount = destinationPorts.increment(protocolKey << 16 | UInt32(packet.destinationPort))
        destinationPortMoments.counted(newCount: portCount)
        if let tap, portCount == 1 { tapPorts[tap.rawValue] += 1 }
        if let tap { tapPackets[tap.rawValue] += 1 }
        protocols |= 1 << UInt8(min(Int(packet.transport.bitIndex), 7))
        kindCounts[kind.rawValue] += 1
        if let quoted = packet.quoted {
            topQuotedPort.offer(quoted.destinationPort, newCount: quotedPorts.increment(quoted.destinationPort))
        }
        destinationBlocks[block] += 1
        mechanical.add(packet, kind: kind)
        if !packet.anomalies.isEmpty { anomalousPackets += 1 }
        if packet.sourcePort == 80 || packet.sourcePort == 53, packet.transport == .tcp || packet.transport == .udp {
            packetsFromWebOrDNSPort += 1
        }
    }

    /// Writes the features and everything else kept of the window into `summary`.
    ///
    /// Overwrites every field and reuses the arrays' storage, so the aggregator fills one summary
    /// per closed window without allocating. A caller that keeps a summary keeps a copy.
    func summarize(into summary: inout WindowSummary) {
        let featureCount = WindowFeatures.count
        if summary.features.count != featureCount { summary.features = [Double](repeating: 0, count: featureCount) }
        summary.features.withUnsafeMutableBufferPointer { buffer in
            var writer = FeatureWriter(buffer: buffer)
            appendFeatures(to: &writer)
            precondition(writer.count == featureCount, "fewer feature values than `WindowFeatures.allNames`")
        }

        summary.source = source
        summary.windowStart = windowStart
        summary.firstSeen = firstSeen
        summary.lastSeen = lastSeen
        summary.packets = packets
        let label = mechanical.label
        summary.mechanicalLabel = label?.0
        summary.mechanicalRule = label?.1
        let dominant = dominantTransport()
        summary.dominantTransport = dominant
        summary.dominantSourcePort = dominantServicePort(dominant)
        summary.quotedServicePort = topQuotedPort.port
        summary.anomalousPackets = anomalousPackets
        summary.packetsFromWebOrDNSPort = packetsFromWebOrDNSPort

        WindowAccumulator.overwrite(&summary.kindCounts, count: kindCounts.count) { Int(kindCounts[$0]) }
        WindowAccumulator.overwrite(&summary.destinationBlocks, count: destinationBlocks.count) { Int(destinationBlocks[$0]) }
        WindowAccumulator.overwrite(&summary.tapPackets, count: tapPackets.count) { Int(tapPackets[$0]) }
        WindowAccumulator.overwrite(&summary.tapDestinations, count: tapDestinations.count) { Int(tapDestinations[$0]) }
        WindowAccumulator.overwrite(&summary.tapPorts, count: tapPorts.count) { Int(tapPorts[$0]) }
        summary.topDestinationPorts.removeAll(keepingCapacity: true)
        appendTopDestinationPorts(to: &summary.topDestinationPorts)
    }

    /// Overwrites `values` with `count` values from `value(i)`, reusing its storage, so a refilled
    /// summary checks each array once instead of once per element.
    @inline(__always)
    private static func overwrite(_ values: inout [Int], count: Int, with value: (Int) -> Int) {
        if values.count != count { values = [Int](repeating: 0, count: count) }
        values.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<count { buffer[i] = value(i) }
        }
    }

    /// Appends the values named by `WindowFeatures.allNames`, in that order.
    private func appendFeatures(to features: inout FeatureWriter) {
        features.append(Double(packets))
        features.append(interArrival.mean)
        features.append(interArrival.standardDeviation)
        sourcePortMoments.appendFeatures(to: &features)
        destinationMoments.appendFeatures(to: &features)
        destinationPortMoments.appendFeatures(to: &features)
        features.append(Double(protocols.nonzeroBitCount))
        features.append(payload.mean)
        features.append(payload.standardDeviation)
        let gaps = destinationGaps()
        features.append(gaps.mean)
        features.append(gaps.standardDeviation)

        let total = Double(max(packets, 1))
        var responses = 0
        for kind in PacketKind.allCases {
            let count = Int(kindCounts[kind.rawValue])
            features.append(Double(count) / total)
            if kind.isResponse { responses += count }
        }
        features.append(Double(topSourcePort.count) / total)

        let destinationPortRatio = Double(destinationPortMoments.distinct) / total
        features.append(destinationPortRatio)
        features.append(Double(sourcePortMoments.distinct) / total)
        features.append(Double(destinationMoments.distinct) / total)
        history.appendFeatures(to: &features)
        let answerShare = Double(responses) / total
        features.append(answerShare * destinationPortRatio)
        features.append(history.answerShare * history.destinationPortDiversity)
    }

    /// Appends up to five most used destination ports, most packets first and ties by smaller key.
    private func appendTopDestinationPorts(to entries: inout [(key: UInt32, count: Int)]) {
        destinationPorts.forEach { key, count in
            let entry = (key: key, count: Int(count))
            // Insertion into the at most five kept, so a window of many ports sorts nothing.
            var position = entries.count
            while position > 0, entry.count > entries[position - 1].count
                || (entry.count == entries[position - 1].count && entry.key < entries[position - 1].key) {
                position -= 1
            }
            guard position < 5 else { return }
            entries.insert(entry, at: position)
            if entries.count > 5 { entries.removeLast() }
        }
    }

    /// Most used source port among the packets of the dominant protocol.
    private func dominantServicePort(_ transport: TransportProtocol) -> UInt16 {
        guard let tap = TAPProtocol(transport) else { return 0 }
        return topSourcePortByProtocol[tap.rawValue].port
    }

    /// Gaps between the host's distinct destination addresses sorted as integers.
    private func destinationGaps() -> (mean: Double, standardDeviation: Double) {
        guard destinationMoments.distinct > 1 else { return (0, 0) }
        var moments = RunningMoments()
        if destinationMoments.distinct <= 4 {
            // Sorted in place by insertion, so the common window of a few destinations allocates nothing.
            var sorted = InlineArray<4, Double>(repeating: 0)
            var count = 0
            destinations.forEach { address, _ in
                var position = count
                while position > 0 && sorted[position - 1] > address.numericValue {
                    sorted[position] = sorted[position - 1]
                    position -= 1
                }
                sorted[position] = address.numericValue
                count += 1
            }
            for i in 1..<count { moments.add(sorted[i] - sorted[i - 1]) }
            return (moments.mean, moments.standardDeviation)
        }
        var sorted = [Double]()
        sorted.reserveCapacity(destinationMoments.distinct)
        destinations.forEach { address, _ in sorted.append(address.numericValue) }
        sorted.sort()
        for i in 1..<sorted.count { moments.add(sorted[i] - sorted[i - 1]) }
        return (moments.mean, moments.standardDeviation)
    }

    private func dominantTransport() -> TransportProtocol {
        // The first protocol with the most packets, as `max` over the counts picked before.
        var best = 0
        for tap in 1..<tapPackets.count where tapPackets[tap] > tapPackets[best] { best = tap }
        guard tapPackets[best] > 0 else { return .other }
        switch best {
        case 0: return .tcp
        case 1: return .udp
        default: return source.isIPv6 ? .icmpv6 : .icmp
        }
    }
}

/// Packets to one destination address and a bit per `TAPProtocol` they used. A struct rather
/// than a tuple, because generic code copies tuples through the runtime's value witnesses.
struct DestinationCount {
    var packets: Int32 = 0
    var protocols: UInt8 = 0
}

extension TransportProtocol {
    /// Bit position used to count distinct protocols in a window.
    var bitIndex: UInt8 {
        switch self {
        case .tcp: return 0
        case .udp: return 1
        case .icmp: return 2
        case .icmpv6: return 3
        case .other: return 4
        }
    }
}
