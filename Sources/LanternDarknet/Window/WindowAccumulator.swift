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

    /// Computes the features and everything else kept of the window.
    func summary() -> WindowSummary {
        var features = [Double]()
        features.reserveCapacity(WindowFeatures.allNames.count)
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
        let kinds = (0..<kindCounts.count).map { Int(kindCounts[$0]) }
        for count in kinds { features.append(Double(count) / total) }
        let topSourcePort = sourcePorts.max { $0 }
        features.append(Double(topSourcePort?.rank ?? 0) / total)

        let destinationPortRatio = Double(destinationPorts.count) / total
        features.append(destinationPortRatio)
        features.append(Double(sourcePorts.count) / total)
        features.append(Double(destinations.count) / total)
        history.appendFeatures(to: &features)
        var responses = 0
        for kind in PacketKind.responseKinds { responses += kinds[kind.rawValue] }
        let answerShare = Double(responses) / total
        features.append(answerShare * destinationPortRatio)
        features.append(history.answerShare * history.destinationPortDiversity)

        let label = mechanical.label
        let dominant = dominantTransport()
        return WindowSummary(
            source: source, windowStart: windowStart, firstSeen: firstSeen, lastSeen: lastSeen, packets: packets,
            features: features, kindCounts: kinds, mechanicalLabel: label?.0, mechanicalRule: label?.1,
            dominantTransport: dominant, dominantSourcePort: dominantServicePort(dominant),
            quotedServicePort: quotedPorts.max { $0 }?.key ?? 0,
            destinationBlocks: (0..<destinationBlocks.count).map { Int(destinationBlocks[$0]) },
            tapDestinations: tapDistinctCounts(),
            tapPorts: TAPProtocol.allCases.map { tap in
                var ports = 0
                destinationPorts.forEach { key, _ in if key >> 16 == UInt32(tap.rawValue) { ports += 1 } }
                return ports
            },
            tapPackets: (0..<tapPackets.count).map { Int(tapPackets[$0]) },
            topDestinationPorts: topDestinationPorts(),
            anomalousPackets: anomalousPackets,
            packetsFromWebOrDNSPort: packetsFromWebOrDNSPort
        )
    }

    /// Distinct destination addresses per `TAPProtocol`.
    private func tapDistinctCounts() -> [Int] {
        var counts = [0, 0, 0]
        destinations.forEach { _, entry in
            for tap in 0..<3 where entry.protocols & (1 << UInt8(tap)) != 0 { counts[tap] += 1 }
        }
        return counts
    }

    /// Up to five most used destination ports, most packets first and ties by smaller key.
    private func topDestinationPorts() -> [(key: UInt32, count: Int)] {
        var entries = [(key: UInt32, count: Int)]()
        entries.reserveCapacity(destinationPorts.count)
        destinationPorts.forEach { key, count in entries.append((key, Int(count))) }
        entries.sort { $0.count > $1.count || ($0.count == $1.count && $0.key < $1.key) }
        if entries.count > 5 { entries.removeLast(entries.count - 5) }
        return entries
    }

    /// Appends count, mean and population standard deviation of per-value packet counts.
    ///
    /// Sums are exact integers, so the result does not depend on the order the table hands
    /// out its values. That order changes between runs once a table spills, because Swift seeds
    /// `Dictionary` hashing per process, and floating-point sums would change with it.
    private func appendCountFeatures<Key, Value>(
        _ table: SmallTable<Key, Value>, to features: inout [Double], packets: (Value) -> Int32
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
        var sorted = [Double]()
        sorted.reserveCapacity(destinations.count)
        destinations.forEach { address, _ in sorted.append(address.numericValue) }
        sorted.sort()
        var moments = RunningMoments()
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
