/// The running state of one (source host, window) pair while its window is open.
///
/// It keeps counts per distinct source port, destination address and destination port, so its
/// size grows with the distinct values the host touched in 30 seconds, not with its packets.
/// - Complexity: O(1) amortised per packet; O(d log d) to close, d distinct destinations.
struct WindowAccumulator {
    let source: IPAddress
    let windowStart: Double
    var firstSeen: Double
    var lastSeen: Double
    private var previousArrival: Double
    private var interArrival = RunningMoments()
    private var payload = RunningMoments()
    private var sourcePorts = SmallTable<UInt16, Int32>(filler: 0)
    /// Destination address → (packets, bit per `TAPProtocol` seen).
    private var destinations = SmallTable<IPAddress, (packets: Int32, protocols: UInt8)>(
        filler: IPAddress(ipv4: 0), initialValue: (0, 0))
    /// (TAP protocol or 3 for other) << 16 | destination port → packets.
    private var destinationPorts = SmallTable<UInt32, Int32>(filler: 0)
    private var protocols: UInt8 = 0
    private var kindCounts = InlineArray<11, Int32>(repeating: 0)
    private var tapPackets = InlineArray<3, Int32>(repeating: 0)
    private var quotedPorts = SmallTable<UInt16, Int32>(filler: 0)
    /// Source ports per TAP protocol (key `protocol << 16 | port`), so the service reported for a
    /// window is a port of its dominant protocol and never one protocol's port under another's name.
    private var sourcePortsByProtocol = SmallTable<UInt32, Int32>(filler: 0)
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
        sourcePorts.increment(packet.sourcePort)
        let tap = TAPProtocol(packet.transport)
        if let tap { sourcePortsByProtocol.increment(UInt32(tap.rawValue) << 16 | UInt32(packet.sourcePort)) }
        let tapBit: UInt8 = tap.map { 1 << UInt8($0.rawValue) } ?? 0
        destinations.update(packet.destination) { entry in
            entry.packets += 1
            entry.protocols |= tapBit
        }
        let protocolKey = UInt32(tap?.rawValue ?? 3)
        destinationPorts.increment(protocolKey << 16 | UInt32(packet.destinationPort))
        if let tap { tapPackets[tap.rawValue] += 1 }
        protocols |= 1 << UInt8(min(Int(packet.transport.bitIndex), 7))
        kindCounts[kind.rawValue] += 1
        if let quoted = packet.quoted { quotedPorts.increment(quoted.destinationPort) }
        destinationBlocks[block] += 1
        mechanical.add(packet, kind: kind)
        if !packet.anomalies.isEmpty { anomalousPackets += 1 }
        if packet.sourcePort == 80 || packet.sourcePort == 53, packet.transport == .tcp || packet.transport == .udp {
            packetsFromWebOrDNSPort += 1
        }
    }

    /// Writes the features and everything else kept of the window into `summary`.
    ///
    /// Overwrites every field and reuses the arrays' storage, so the aggregator can fill one
    /// summary per closed window without allocating; callers that keep a summary copy it.
    func summarize(into summary: inout WindowSummary) {
        summary.features.removeAll(keepingCapacity: true)
        appendFeatures(to: &summary.features)

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
        summary.quotedServicePort = quotedPorts.max { $0 }?.key ?? 0
        summary.anomalousPackets = anomalousPackets
        summary.packetsFromWebOrDNSPort = packetsFromWebOrDNSPort

        summary.kindCounts.removeAll(keepingCapacity: true)
        for i in 0..<kindCounts.count { summary.kindCounts.append(Int(kindCounts[i])) }
        summary.destinationBlocks.removeAll(keepingCapacity: true)
        for i in 0..<destinationBlocks.count { summary.destinationBlocks.append(Int(destinationBlocks[i])) }
        summary.tapPackets.removeAll(keepingCapacity: true)
        for i in 0..<tapPackets.count { summary.tapPackets.append(Int(tapPackets[i])) }
        summary.tapDestinations.removeAll(keepingCapacity: true)
        for _ in 0..<3 { summary.tapDestinations.append(0) }
        destinations.forEach { _, entry in
            for tap in 0..<3 where entry.protocols & (1 << UInt8(tap)) != 0 { summary.tapDestinations[tap] += 1 }
        }
        summary.tapPorts.removeAll(keepingCapacity: true)
        for _ in 0..<3 { summary.tapPorts.append(0) }
        destinationPorts.forEach { key, _ in
            let tap = Int(key >> 16)
            if tap < 3 { summary.tapPorts[tap] += 1 }
        }
        summary.topDestinationPorts.removeAll(keepingCapacity: true)
        appendTopDestinationPorts(to: &summary.topDestinationPorts)
    }

    /// Appends the values named by `WindowFeatures.allNames`, in that order.
    private func appendFeatures(to features: inout [Double]) {
        features.append(Double(packets))
        features.append(interArrival.mean)
        features.append(interArrival.standardDeviation)
        appendCountFeatures(sourcePorts, to: &features) { $0 }
        appendCountFeatures(destinations, to: &features) { $0.packets }
        appendCountFeatures(destinationPorts, to: &features) { $0 }
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
        let topSourcePort = sourcePorts.max { $0 }
        features.append(Double(topSourcePort?.rank ?? 0) / total)

        let destinationPortRatio = Double(destinationPorts.count) / total
        features.append(destinationPortRatio)
        features.append(Double(sourcePorts.count) / total)
        features.append(Double(destinations.count) / total)
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

    /// Appends count, mean and population standard deviation of per-value packet counts.
    ///
    /// Sums are exact integers, so the result does not depend on the order the table hands
    /// out its values. That order changes between runs once a table spills, because Swift seeds
    /// `Dictionary` hashing per process, and floating-point sums would change with it.
    @inline(__always)
    private func appendCountFeatures<Key, Value>(
        _ table: borrowing SmallTable<Key, Value>, to features: inout [Double], packets: (Value) -> Int32
    ) {
        var sum = 0, sumOfSquares = 0
        table.forEach { _, value in
            let count = Int(packets(value))
            sum += count
            sumOfSquares += count * count
        }
        let n = Double(max(table.count, 1))
        let mean = Double(sum) / n
        features.append(Double(table.count))
        features.append(mean)
        features.append(table.isEmpty ? 0 : max(0, Double(sumOfSquares) / n - mean * mean).squareRoot())
    }

    /// Most used source port among the packets of the dominant protocol.
    private func dominantServicePort(_ transport: TransportProtocol) -> UInt16 {
        guard let tap = TAPProtocol(transport) else { return 0 }
        let top = sourcePortsByProtocol.max(by: { $0 }, where: { $0 >> 16 == UInt32(tap.rawValue) })
        return UInt16(truncatingIfNeeded: top?.key ?? 0)
    }

    /// Gaps between the host's distinct destination addresses sorted as integers.
    private func destinationGaps() -> (mean: Double, standardDeviation: Double) {
        guard destinations.count > 1 else { return (0, 0) }
        var moments = RunningMoments()
        if destinations.count <= 4 {
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
        sorted.reserveCapacity(destinations.count)
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
