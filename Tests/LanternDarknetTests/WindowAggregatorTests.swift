import XCTest
@testable import LanternDarknet

final class WindowAggregatorTests: XCTestCase {
    private let victim = IPAddress(ipv4: 0xCB00_7105)  // 203.0.113.5

    private func synAck(_ time: Double, to destination: UInt32, port: UInt16, from sourcePort: UInt16 = 80) -> Packet {
        Packet(timestamp: time, source: victim, destination: IPAddress(ipv4: destination), transport: .tcp,
               sourcePort: sourcePort, destinationPort: port, tcpFlags: [.syn, .ack], payloadLength: 0)
    }

    private func aggregate(_ packets: [Packet]) -> [WindowSummary] {
        var windows = [WindowSummary]()
        let aggregator = WindowAggregator { windows.append($0) }
        packets.forEach(aggregator.add)
        aggregator.finish()
        return windows.sorted { $0.windowStart < $1.windowStart }
    }

    func testBaselineFeaturesOfOneWindow() {
        let base: UInt32 = 0xC612_0000  // 198.18.0.0
        let windows = aggregate([
            synAck(1000.0, to: base + 10, port: 40000),
            synAck(1001.0, to: base + 20, port: 40001),
            synAck(1003.0, to: base + 40, port: 40001),
        ])
        XCTAssertEqual(windows.count, 1)
        let f = windows[0].features
        XCTAssertEqual(f[0], 3)  // packets
        XCTAssertEqual(f[1], 1.5, accuracy: 1e-9)  // gaps 1 and 2
        XCTAssertEqual(f[2], 0.5, accuracy: 1e-9)
        XCTAssertEqual(f[3], 1)  // one source port
        XCTAssertEqual(f[4], 3)
        XCTAssertEqual(f[6], 3)  // destinations
        XCTAssertEqual(f[9], 2)  // destination ports
        XCTAssertEqual(f[10], 1.5, accuracy: 1e-9)
        XCTAssertEqual(f[11], 0.5, accuracy: 1e-9)
        XCTAssertEqual(f[12], 1)  // protocols
        XCTAssertEqual(f[15], 15, accuracy: 1e-9)  // address gaps 10 and 20
        XCTAssertEqual(f[16], 5, accuracy: 1e-9)
        XCTAssertEqual(f[17 + PacketKind.synAck.rawValue], 1)
        XCTAssertEqual(f.count, WindowFeatures.allNames.count)
    }

    func testMechanicalLabelsFromPort80() {
        let backscatter = aggregate([synAck(60, to: 1, port: 1), synAck(61, to: 2, port: 2)])
        XCTAssertEqual(backscatter.first?.mechanicalLabel, .backscatter)
        XCTAssertEqual(backscatter.first?.mechanicalRule, .tcp80)

        var syn = synAck(60, to: 1, port: 1)
        syn.tcpFlags = [.syn]
        XCTAssertEqual(aggregate([syn]).first?.mechanicalLabel, .notBackscatter)

        let mixed = aggregate([syn, synAck(61, to: 2, port: 2)])
        XCTAssertNil(mixed.first?.mechanicalLabel)

        let otherPort = aggregate([synAck(60, to: 1, port: 1, from: 443)])
        XCTAssertNil(otherPort.first?.mechanicalLabel)
    }

    func testMechanicalLabelsFromPort53() {
        func dns(_ response: Bool) -> Packet {
            Packet(timestamp: 90, source: victim, destination: IPAddress(ipv4: 7), transport: .udp,
                   sourcePort: 53, destinationPort: 33000, payloadLength: 40, dnsResponse: response)
        }
        XCTAssertEqual(aggregate([dns(true)]).first?.mechanicalLabel, .backscatter)
        XCTAssertEqual(aggregate([dns(false)]).first?.mechanicalLabel, .notBackscatter)
        XCTAssertEqual(aggregate([dns(true), dns(false)]).first?.mechanicalLabel, nil)
    }

    func testWindowsSplitAtWidthAndCloseAsClockAdvances() {
        var closed = [WindowSummary]()
        let aggregator = WindowAggregator { closed.append($0) }
        aggregator.add(synAck(0, to: 1, port: 1))
        aggregator.add(synAck(29.9, to: 1, port: 1))
        aggregator.add(synAck(30.0, to: 1, port: 1))
        XCTAssertEqual(aggregator.openWindows, 2)
        aggregator.add(synAck(95, to: 1, port: 1))
        XCTAssertEqual(closed.count, 2, "windows ending before clock - lateness are closed")
        XCTAssertEqual(closed.map(\.packets).sorted(), [1, 2])
        aggregator.add(synAck(10, to: 1, port: 1))
        aggregator.finish()
        XCTAssertEqual(aggregator.reopenedWindows, 1, "a packet for a closed window is counted, not lost")
        XCTAssertEqual(closed.reduce(0) { $0 + $1.packets }, 5)
    }

    func testOutOfOrderPacketsAddNoNegativeGap() {
        let windows = aggregate([synAck(10, to: 1, port: 1), synAck(9, to: 2, port: 1), synAck(12, to: 3, port: 1)])
        XCTAssertEqual(windows.count, 1)
        XCTAssertGreaterThanOrEqual(windows[0].features[1], 0)
        XCTAssertEqual(windows[0].firstSeen, 9)
        XCTAssertEqual(windows[0].lastSeen, 12)
    }

    func testHostHistorySeparatesSlowProberFromBackscatter() {
        let names = WindowFeatures.allNames
        let diversity = names.firstIndex(of: "host dst port diversity") ?? -1
        let hostWindows = names.firstIndex(of: "host windows") ?? -1
        let product = names.firstIndex(of: "host answers × dst port diversity") ?? -1
        // One SYN-ACK probe per window to port 443 for ten windows.
        let prober = aggregate((0..<10).map { synAck(Double($0) * 30, to: UInt32($0), port: 443) })
        // Backscatter: one SYN-ACK per window to a new random-looking port.
        let victim = aggregate((0..<10).map { synAck(Double($0) * 30, to: UInt32($0), port: UInt16(20_000 + $0 * 7)) })
        XCTAssertEqual(prober.last?.features[hostWindows], 10)
        XCTAssertEqual(prober.last?.features[diversity] ?? -1, 0.1, accuracy: 1e-12)
        XCTAssertEqual(victim.last?.features[diversity] ?? -1, 1, accuracy: 1e-12)
        XCTAssertEqual(victim.last?.features[product] ?? -1, 1, accuracy: 1e-12)
        XCTAssertEqual(prober.first?.features[diversity] ?? -1, 1, accuracy: 1e-12, "one packet alone cannot tell them apart")
    }

    func testHostHistorySaturatesAtCap() {
        let diversity = WindowFeatures.allNames.firstIndex(of: "host dst port diversity") ?? -1
        let flood = aggregate((0..<100).map { synAck(Double($0) * 0.1, to: UInt32($0), port: UInt16(1_000 + $0)) })
        XCTAssertEqual(flood.first?.features[diversity] ?? -1, 1, accuracy: 1e-12, "a 100-port flood still reads fully diverse")
    }
}
