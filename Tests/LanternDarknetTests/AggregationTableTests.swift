import XCTest
@testable import LanternDarknet

/// The hash tables and running counts behind the aggregator, checked against `Dictionary` and
/// brute-force counts on random input.
final class AggregationTableTests: XCTestCase {
    private func address(_ random: inout SystemRandomNumberGenerator, ipv6: Bool) -> IPAddress {
        // A small value range makes keys repeat and neighbours share probe runs.
        let value = UInt64.random(in: 0..<3000, using: &random)
        return ipv6 ? IPAddress(ipv6High: 0x2001_0db8_0000_0000 | value, low: value) : IPAddress(ipv4: 0x0A00_0000 | UInt32(value))
    }

    func testTableRemovalMatchesDictionary() {
        var random = SystemRandomNumberGenerator()
        var table = OpenAddressingTable<IPAddress, Int32>()
        var model: [IPAddress: Int32] = [:]
        for step in 0..<40_000 {
            let key = address(&random, ipv6: step % 7 == 0)
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                table.update(key, initial: Int32(step)) { _ in }
                if model[key] == nil { model[key] = Int32(step) }
            case 1:
                XCTAssertEqual(table.removeValue(for: key), model.removeValue(forKey: key), "remove \(key) at step \(step)")
            default:
                XCTAssertEqual(table.value(for: key), model[key], "lookup \(key) at step \(step)")
            }
        }
        XCTAssertEqual(table.count, model.count)
        var seen: [IPAddress: Int32] = [:]
        table.forEach { key, slot in seen[key] = slot }
        XCTAssertEqual(seen, model)
        for (key, slot) in model { XCTAssertEqual(table.value(for: key), slot) }
    }

    /// Keys that differ only in their top bits, such as IPv6 subnets /16 apart, must spread over
    /// the table. An earlier hash took bits 32 and up of the product and put them all in one run.
    func testTopBitsSpreadKeys() {
        var table = OpenAddressingTable<IPAddress, Int32>()
        for index in 0..<4096 {
            table.update(IPAddress(ipv6High: UInt64(index) << 48, low: 0), initial: Int32(index)) { _ in }
        }
        XCTAssertEqual(table.count, 4096)
        XCTAssertLessThan(table.longestRun, 200, "probe runs stay short")
        var ports = OpenAddressingTable<UInt32, Int32>()
        for index in 0..<4096 { ports.update(UInt32(index) << 20, initial: 0) { _ in } }
        XCTAssertLessThan(ports.longestRun, 200)
    }

    func testTableUpdatesMatchDictionary() {
        var random = SystemRandomNumberGenerator()
        var ports = OpenAddressingTable<UInt16, Int32>()
        var portModel: [UInt16: Int32] = [:]
        var hosts = OpenAddressingTable<IPAddress, Int>()
        var hostModel: [IPAddress: Int] = [:]
        for step in 0..<20_000 {
            let port = UInt16.random(in: 0..<500, using: &random)
            ports.update(port, initial: 0) { $0 += 1 }
            portModel[port, default: 0] += 1
            let host = address(&random, ipv6: step % 5 == 0)
            hosts.update(host, initial: 100) { $0 += step }
            hostModel[host, default: 100] += step
        }
        XCTAssertEqual(ports.count, portModel.count)
        XCTAssertEqual(hosts.count, hostModel.count)
        var seenPorts: [UInt16: Int32] = [:]
        ports.forEach { seenPorts[$0] = $1 }
        XCTAssertEqual(seenPorts, portModel)
        var seenHosts: [IPAddress: Int] = [:]
        hosts.forEach { seenHosts[$0] = $1 }
        XCTAssertEqual(seenHosts, hostModel)
    }

    func testCountMomentsAndTopPortMatchBruteForce() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var counts: [UInt16: Int32] = [:]
            var moments = CountMoments()
            var top = TopPort()
            for _ in 0..<Int.random(in: 1...60, using: &random) {
                // Few distinct ports, so counts tie often and the smaller port must win.
                let port = UInt16.random(in: 1...6, using: &random) * 1000
                counts[port, default: 0] += 1
                moments.counted(newCount: counts[port]!)
                top.offer(port, newCount: counts[port]!)
            }
            XCTAssertEqual(moments.distinct, counts.count)
            XCTAssertEqual(moments.sum, counts.values.reduce(0) { $0 + Int($1) })
            XCTAssertEqual(moments.sumOfSquares, counts.values.reduce(0) { $0 + Int($1) * Int($1) })
            let maximum = counts.values.max()!
            XCTAssertEqual(top.count, maximum)
            XCTAssertEqual(top.port, counts.filter { $0.value == maximum }.keys.min()!)
        }
    }

    /// A scan of 40 destinations and 9 ports spills every table; its features must equal counts
    /// made from the packets directly.
    func testSpilledWindowFeaturesMatchDirectCounts() {
        let scanner = IPAddress(ipv4: 0xC633_6407)  // 198.51.100.7
        var packets: [Packet] = []
        for i in 0..<120 {
            let destination = 0xC612_0000 + UInt32(i % 40) * 3  // 198.18.0.0, every third address
            packets.append(Packet(timestamp: 5010 + Double(i) * 0.2, source: scanner, destination: IPAddress(ipv4: destination),
                                  transport: i % 4 == 0 ? .udp : .tcp, sourcePort: UInt16(40_000 + i % 5),
                                  destinationPort: UInt16(22 + i % 9), tcpFlags: [.syn]))
        }
        var windows: [WindowSummary] = []
        let aggregator = WindowAggregator { windows.append($0) }
        packets.forEach(aggregator.add)
        aggregator.finish()
        XCTAssertEqual(windows.count, 1)
        let window = windows[0]

        let destinations = Dictionary(grouping: packets, by: \.destination).mapValues(\.count)
        let ports = Dictionary(grouping: packets) { UInt32($0.transport == .tcp ? 0 : 1) << 16 | UInt32($0.destinationPort) }
            .mapValues(\.count)
        func spread(_ counts: [Int]) -> (count: Double, mean: Double, deviation: Double) {
            let mean = Double(counts.reduce(0, +)) / Double(counts.count)
            let square = Double(counts.reduce(0) { $0 + $1 * $1 }) / Double(counts.count)
            return (Double(counts.count), mean, (square - mean * mean).squareRoot())
        }
        let sources = spread([24, 24, 24, 24, 24])
        let destinationSpread = spread(Array(destinations.values))
        let portSpread = spread(Array(ports.values))
        XCTAssertEqual(window.features[3], sources.count)
        XCTAssertEqual(window.features[4], sources.mean, accuracy: 1e-12)
        XCTAssertEqual(window.features[6], destinationSpread.count)
        XCTAssertEqual(window.features[7], destinationSpread.mean, accuracy: 1e-12)
        XCTAssertEqual(window.features[8], destinationSpread.deviation, accuracy: 1e-12)
        XCTAssertEqual(window.features[9], portSpread.count)
        XCTAssertEqual(window.features[10], portSpread.mean, accuracy: 1e-12)
        XCTAssertEqual(window.features[11], portSpread.deviation, accuracy: 1e-12)
        XCTAssertEqual(window.features[15], 3, accuracy: 1e-12, "destinations three apart")
        XCTAssertEqual(window.features[16], 0, accuracy: 1e-12)
        // Destination k gets packets k, k + 40 and k + 80, all of one protocol: UDP when k % 4 == 0.
        XCTAssertEqual(window.tapDestinations, [30, 10, 0])
        XCTAssertEqual(window.tapPorts, [9, 9, 0])
        XCTAssertEqual(window.tapPackets, [90, 30, 0])
        XCTAssertEqual(window.dominantSourcePort, 40_000, "five source ports tie on TCP; the smallest wins")
        let top = ports.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(5)
        XCTAssertEqual(window.topDestinationPorts.map(\.key), top.map(\.key))
        XCTAssertEqual(window.topDestinationPorts.map(\.count), top.map(\.value))
    }

    /// The aggregator refills one summary per window; summaries a caller kept must not change.
    func testKeptSummariesStayIndependent() {
        let host = IPAddress(ipv4: 0xCB00_7105)
        let wide = (0..<12).map {
            Packet(timestamp: 100 + Double($0), source: host, destination: IPAddress(ipv4: 0xC612_0000 + UInt32($0)),
                   transport: .tcp, sourcePort: 80, destinationPort: UInt16(1000 + $0), tcpFlags: [.syn, .ack])
        }
        let narrow = [Packet(timestamp: 200, source: host, destination: IPAddress(ipv4: 0xC612_0001), transport: .udp,
                             sourcePort: 53, destinationPort: 5000, dnsResponse: true)]
        var windows: [WindowSummary] = []
        let aggregator = WindowAggregator { windows.append($0) }
        (wide + narrow).forEach(aggregator.add)
        aggregator.finish()
        XCTAssertEqual(windows.count, 2)
        XCTAssertEqual(windows[0].packets, 12)
        XCTAssertEqual(windows[0].topDestinationPorts.count, 5)
        XCTAssertEqual(windows[0].tapPackets, [12, 0, 0])
        XCTAssertEqual(windows[0].features[0], 12)
        XCTAssertEqual(windows[1].packets, 1)
        XCTAssertEqual(windows[1].topDestinationPorts.map(\.key), [1 << 16 | 5000])
        XCTAssertEqual(windows[1].tapPackets, [0, 1, 0])
        XCTAssertEqual(windows[1].features[0], 1)
    }

    /// A slab slot is reopened in place for the next window; nothing of the window it held before
    /// may leak into the new one. A wide scan (every table spilled) is followed by random windows.
    func testReopenedAccumulatorMatchesNewOne() {
        var random = SystemRandomNumberGenerator()
        func packets(_ count: Int, source: IPAddress, start: Double) -> [Packet] {
            (0..<count).map { i in
                let transport: TransportProtocol = [.tcp, .udp, .icmp][Int.random(in: 0..<3, using: &random)]
                return Packet(
                    timestamp: start + Double.random(in: 0..<30, using: &random), source: source,
                    destination: address(&random, ipv6: false), transport: transport,
                    sourcePort: UInt16.random(in: 0..<20, using: &random), destinationPort: UInt16.random(in: 0..<40, using: &random),
                    tcpFlags: i % 2 == 0 ? [.syn] : [.syn, .ack], payloadLength: Int.random(in: 0..<100, using: &random),
                    quoted: transport == .icmp
                        ? QuotedDatagram(source: source, destination: source, transport: .udp, sourcePort: 53,
                                         destinationPort: UInt16.random(in: 0..<30, using: &random))
                        : nil)
            }
        }
        func summary(_ accumulator: WindowAccumulator) -> WindowSummary {
            var summary = WindowSummary()
            accumulator.summarize(into: &summary)
            return summary
        }
        let scanner = IPAddress(ipv4: 0xC633_6407)
        var reused = WindowAccumulator(source: scanner, windowStart: 0, timestamp: 0)
        for packet in packets(400, source: scanner, start: 0) { reused.add(packet, kind: PacketKind(packet), block: 3) }
        for round in 1...50 {
            let source = address(&random, ipv6: round % 5 == 0)
            let start = Double(round) * 30
            let window = packets(Int.random(in: 1...12, using: &random), source: source, start: start)
            reused.reopen(source: source, windowStart: start, timestamp: window[0].timestamp)
            var fresh = WindowAccumulator(source: source, windowStart: start, timestamp: window[0].timestamp)
            for (i, packet) in window.enumerated() {
                reused.add(packet, kind: PacketKind(packet), block: i % 16)
                fresh.add(packet, kind: PacketKind(packet), block: i % 16)
            }
            let (a, b) = (summary(reused), summary(fresh))
            XCTAssertEqual(a.features.map(\.bitPattern), b.features.map(\.bitPattern), "round \(round)")
            XCTAssertEqual(a.source, b.source)
            XCTAssertEqual(a.firstSeen, b.firstSeen)
            XCTAssertEqual(a.lastSeen, b.lastSeen)
            XCTAssertEqual(a.packets, b.packets)
            XCTAssertEqual(a.dominantSourcePort, b.dominantSourcePort)
            XCTAssertEqual(a.quotedServicePort, b.quotedServicePort)
            XCTAssertEqual(a.kindCounts, b.kindCounts)
            XCTAssertEqual(a.destinationBlocks, b.destinationBlocks)
            XCTAssertEqual(a.tapDestinations, b.tapDestinations)
            XCTAssertEqual(a.tapPorts, b.tapPorts)
            XCTAssertEqual(a.tapPackets, b.tapPackets)
            XCTAssertEqual(a.topDestinationPorts.map(\.key), b.topDestinationPorts.map(\.key))
            XCTAssertEqual(a.topDestinationPorts.map(\.count), b.topDestinationPorts.map(\.count))
            XCTAssertEqual(a.mechanicalLabel, b.mechanicalLabel)
            XCTAssertEqual(a.packetsFromWebOrDNSPort, b.packetsFromWebOrDNSPort)
        }
    }
}
