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
    private var sourcePorts: [UInt16: Int32] = [:]
    /// Destination address → (packets, bit per `TAPProtocol` seen).
    private var destinations: [IPAddress: (packets: Int32, protocols: UInt8)] = [:]
    /// (TAP protocol or 3 for other) << 16 | destination port → packets.
    private var destinationPorts: [UInt32: Int32] = [:]
    private var protocols: UInt8 = 0
    private var kindCounts = [Int](repeating: 0, count: PacketKind.allCases.count)
    private var tapPackets = [0, 0, 0]
    private var quotedPorts: [UInt16: Int32] = [:]
    /// Source ports per TAP protocol (key `protocol << 16 | port`), so the service reported for a
    /// window is a port of its dominant protocol and never one protocol's port under another's name.
    private var sourcePortsByProtocol: [UInt32: Int32] = [:]
    private var destinationBlocks = [Int](repeating: 0, count: 16)
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
        sourcePorts[packet.sourcePort, default: 0] += 1
        if let tap = TAPProtocol(packet.transport) {
            sourcePortsByProtocol[UInt32(tap.rawValue) << 16 | UInt32(packet.sourcePort), default: 0] += 1
        }
        let tap = TAPProtocol(packet.transport)
        let tapBit: UInt8 = tap.map { 1 << UInt8($0.rawValue) } ?? 0
        destinations[packet.destination, default: (0, 0)].packets += 1
        destinations[packet.destination, default: (0, 0)].protocols |= tapBit
        let protocolKey = UInt32(tap?.rawValue ?? 3)
        destinationPorts[protocolKey << 16 | UInt32(packet.destinationPort), default: 0] += 1
        if let tap { tapPackets[tap.rawValue] += 1 }
        protocols |= 1 << UInt8(min(Int(packet.transport.bitIndex), 7))
        kindCounts[kind.rawValue] += 1
        if let quoted = packet.quoted { quotedPorts[quoted.destinationPort, default: 0] += 1 }
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
        appendCountFeatures(sourcePorts.values, to: &features)
        appendCountFeatures(destinations.values.map(\.packets), to: &features)
        appendCountFeatures(destinationPorts.values, to: &features)
        features.append(Double(protocols.nonzeroBitCount))
        features.append(payload.mean)
        features.append(payload.standardDeviation)
        let gaps = destinationGaps()
        features.append(gaps.mean)
        features.append(gaps.standardDeviation)

        let total = Double(max(packets, 1))
        features += kindCounts.map { Double($0) / total }
        let topSourcePort = WindowAccumulator.mostFrequent(sourcePorts)
        features.append(Double(topSourcePort?.value ?? 0) / total)

        let destinationPortRatio = Double(destinationPorts.count) / total
        features += [destinationPortRatio, Double(sourcePorts.count) / total, Double(destinations.count) / total]
        let hostFeatures = history.features
        features += hostFeatures
        let answerShare = Double(PacketKind.allCases.filter(\.isResponse).reduce(0) { $0 + kindCounts[$1.rawValue] }) / total
        features += [answerShare * destinationPortRatio, hostFeatures[5] * hostFeatures[2]]

        let label = mechanical.label
        let dominant = dominantTransport()
        return WindowSummary(
            source: source, windowStart: windowStart, firstSeen: firstSeen, lastSeen: lastSeen, packets: packets,
            features: features, kindCounts: kindCounts, mechanicalLabel: label?.0, mechanicalRule: label?.1,
            dominantTransport: dominant, dominantSourcePort: dominantServicePort(dominant),
            quotedServicePort: WindowAccumulator.mostFrequent(quotedPorts)?.key ?? 0,
            destinationBlocks: destinationBlocks,
            tapDestinations: TAPProtocol.allCases.map { tap in destinations.values.filter { $0.protocols & (1 << UInt8(tap.rawValue)) != 0 }.count },
            tapPorts: TAPProtocol.allCases.map { tap in destinationPorts.keys.filter { $0 >> 16 == UInt32(tap.rawValue) }.count },
            tapPackets: tapPackets,
            topDestinationPorts: destinationPorts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .prefix(5).map { (key: $0.key, count: Int($0.value)) },
            anomalousPackets: anomalousPackets,
            packetsFromWebOrDNSPort: packetsFromWebOrDNSPort
        )
    }

    /// Appends count, mean and population standard deviation of per-value packet counts.
    ///
    /// Sums are exact integers, so the result does not depend on the order a dictionary hands
    /// out its values (Swift seeds hashing per process); floating-point sums would.
    private func appendCountFeatures<C: Collection>(_ counts: C, to features: inout [Double]) where C.Element: BinaryInteger {
        var sum = 0, sumOfSquares = 0
        for count in counts {
            sum += Int(count)
            sumOfSquares += Int(count) * Int(count)
        }
        let n = Double(max(counts.count, 1))
        let mean = Double(sum) / n
        features.append(Double(counts.count))
        features.append(mean)
        features.append(counts.isEmpty ? 0 : max(0, Double(sumOfSquares) / n - mean * mean).squareRoot())
    }

    /// The entry with the most packets; ties go to the smaller key, so every run agrees.
    static func mostFrequent<Key: Comparable>(_ counts: [Key: Int32]) -> (key: Key, value: Int32)? {
        counts.max { ($0.value, $1.key) < ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    /// Most used source port among the packets of the dominant protocol.
    private func dominantServicePort(_ transport: TransportProtocol) -> UInt16 {
        guard let tap = TAPProtocol(transport) else { return 0 }
        let ofProtocol = sourcePortsByProtocol.filter { $0.key >> 16 == UInt32(tap.rawValue) }
        return UInt16(truncatingIfNeeded: WindowAccumulator.mostFrequent(ofProtocol)?.key ?? 0)
    }

    /// Gaps between the host's distinct destination addresses sorted as integers.
    private func destinationGaps() -> (mean: Double, standardDeviation: Double) {
        guard destinations.count > 1 else { return (0, 0) }
        let sorted = destinations.keys.map(\.numericValue).sorted()
        var moments = RunningMoments()
        for i in 1..<sorted.count { moments.add(sorted[i] - sorted[i - 1]) }
        return (moments.mean, moments.standardDeviation)
    }

    private func dominantTransport() -> TransportProtocol {
        let best = tapPackets.enumerated().max { $0.element < $1.element }
        guard let best, best.element > 0 else { return .other }
        switch best.offset {
        case 0: return .tcp
        case 1: return .udp
        default: return kindCounts.isEmpty ? .icmp : (source.isIPv6 ? .icmpv6 : .icmp)
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
