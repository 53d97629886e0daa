import Foundation
import XCTest

@testable import LanternDarknet

/// Checks that the simulated telescope is not separable by the packet-type rule and that the
/// mechanically labelled windows contain both classes.
final class SimulatorScenarioTests: XCTestCase {
    private func configuration(packets: Int, days: Int = 1, seed: UInt64 = 7) -> TelescopeSimulator.Configuration {
        var configuration = TelescopeSimulator.Configuration()
        configuration.packets = packets
        configuration.days = days
        configuration.seed = seed
        return configuration
    }

    func testPacketTypeRuleMakesMistakes() throws {
        let packets = Int(ProcessInfo.processInfo.environment["LANTERN_SIM_PACKETS"] ?? "") ?? 300_000
        let simulator = try TelescopeSimulator(configuration: configuration(packets: packets))
        var stats = SimulationWindowStats()
        var roles: [IPAddress: SourceRole] = [:]
        var kinds: [String: (hosts: Int, packets: Int)] = [:]
        var kindOf: [IPAddress: String] = [:]
        let summary = try simulator.generate(packet: { stats.add($0) }, truth: { record in
            let key = record.kind.replacingOccurrences(of: #"-\d+$"#, with: "", options: .regularExpression)
            if let address = IPAddress(record.src) {
                roles[address] = record.role
                kindOf[address] = key
            }
            kinds[key, default: (0, 0)].hosts += 1
            kinds[key, default: (0, 0)].packets += record.packets
        })
        let rule = stats.packetTypeRule(roles: roles)
        let corsaro = stats.corsaroRule(roles: roles)
        let (tcp80, udp53) = stats.mechanicalCounts()
        print("simulated \(summary.packets) packets; by role \(summary.packetsByRole); hosts \(summary.hostsByRole); subnets \(summary.distinctSubnets)")
        for (kind, tally) in kinds.sorted(by: { $0.key < $1.key }) {
            print("  \(kind): \(tally.hosts) hosts, \(tally.packets) packets")
        }
        print("packet-type rule on non-80/53 windows: \(rule) precision \(rule.precision) recall \(rule.recall) F1 \(rule.f1)")
        print("Corsaro rule on non-80/53 windows: \(corsaro) precision \(corsaro.precision) recall \(corsaro.recall) F1 \(corsaro.f1)")
        print("windows the packet-type rule gets wrong, by kind: \(stats.ruleErrorsByKind(roles: roles, kinds: kindOf).sorted { $0.value > $1.value })")
        print("mechanical 80/TCP positive \(tcp80.0) negative \(tcp80.1); 53/UDP positive \(udp53.0) negative \(udp53.1)")

        XCTAssertTrue(rule.precision < 0.95 || rule.recall < 0.95, "the packet-type rule separates the windows: \(rule)")
        XCTAssertGreaterThan(tcp80.0, 0, "no backscatter windows of TCP from port 80")
        XCTAssertGreaterThan(tcp80.1, 0, "no non-backscatter windows of TCP from port 80")
        XCTAssertGreaterThan(udp53.0, 0, "no backscatter windows of UDP from port 53")
        XCTAssertGreaterThan(udp53.1, 0, "no non-backscatter windows of UDP from port 53")
        XCTAssertLessThan(corsaro.recall, rule.recall, "low-rate backscatter should escape the Corsaro thresholds")
    }
}
