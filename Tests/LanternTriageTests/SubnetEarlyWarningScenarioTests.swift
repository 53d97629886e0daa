import Foundation
import LanternDarknet
import LanternStore
import XCTest

@testable import LanternTriage

/// The planted-campaign scenario: a new 5000/TCP scanner population starts on day 7 in 5 source
/// subnets among thousands of active ones; the early warning must flag all 5 by day 10 while
/// flagging at most 1 % of the other active subnets on any day.
final class SubnetEarlyWarningScenarioTests: XCTestCase {
    static let packets = 3_000_000
    static let plantedDay = 7

    func testPlantedCampaignFlaggedEarlyWithFewFalseFlags() throws {
        let directory = NSTemporaryDirectory() + "lantern-subnets-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try Store(path: directory + "/scenario.db")

        var configuration = TelescopeSimulator.Configuration()
        configuration.packets = Self.packets
        configuration.days = 28
        configuration.plantedCampaigns = [PlantedCampaign(port: 5000, proto: .tcp, startDay: Self.plantedDay, subnets: 5)]
        let planted = try ingestSimulation(configuration, into: store)
        XCTAssertEqual(planted.count, 5, "planted subnets in the truth")

        let report = try SubnetClusterJob.run(store: store)
        let firstDay = Int(configuration.start.timeIntervalSince1970 / 86400)
        let active = try activeSubnetsPerDay(store, firstDay: firstDay, days: 28)
        let flags = try store.flags()
        print("prototypes: \(report.prototypes.count), training points \(report.trainingPoints) of \(report.eligiblePoints)")
        for prototype in report.prototypes { print("  P\(prototype.index) (\(prototype.members)): \(prototype.description)") }

        var worstRate = 0.0
        for day in 0..<28 {
            let others = flags.filter { $0.day == firstDay + day && !planted.contains($0.subnet) }.count
            let rate = Double(others) / Double(max(1, active[day]))
            worstRate = max(worstRate, rate)
            print(String(format: "day %2d: %5d active subnets, %3d other subnets flagged (%.2f%%)", day, active[day], others, rate * 100))
            XCTAssertGreaterThanOrEqual(active[day], 2_000, "active subnets on day \(day)")
            XCTAssertLessThanOrEqual(rate, 0.01, "share of other subnets flagged on day \(day)")
        }
        print(String(format: "worst day: %.2f%% of other active subnets flagged", worstRate * 100))
        for subnet in planted.sorted() {
            let first = flags.filter { $0.subnet == subnet }.map { $0.day - firstDay }.min()
            print("planted \(subnet): first flagged on day \(first.map(String.init) ?? "never")")
            XCTAssertNotNil(first, "\(subnet) never flagged")
            XCTAssertLessThanOrEqual(first ?? 99, 10, "\(subnet) flagged too late")
            XCTAssertGreaterThanOrEqual(first ?? -1, Self.plantedDay, "\(subnet) flagged before its campaign started")
        }
    }

    /// Simulates, aggregates and stores subnet-day counts as `lantern ingest` does; returns the
    /// planted subnets named in the truth.
    private func ingestSimulation(_ configuration: TelescopeSimulator.Configuration, into store: Store) throws -> Set<String> {
        guard let captureID = try store.beginCapture(path: "simulated", identity: "simulated-\(UUID())", size: 0) else {
            throw XCTSkip("capture registered twice")
        }
        let accumulator = SubnetDayAccumulator()
        let aggregator = WindowAggregator { accumulator.add($0) }
        var planted = Set<String>()
        var pending: [(key: SubnetDayKey, counts: SubnetDayCounts)] = []
        _ = try TelescopeSimulator(configuration: configuration).generate(
            packet: { packet in
                aggregator.add(packet)
                if aggregator.packets & 0x3FFFF == 0 { pending += accumulator.takeClosed() }
            },
            truth: { if $0.kind == "planted-scan" { planted.insert($0.subnet) } })
        aggregator.finish()
        pending += accumulator.takeAll()
        try store.database.transaction { try store.addSubnetDays(pending, prefix: SubnetPrefix(), captureID: captureID) }
        return planted
    }

    private func activeSubnetsPerDay(_ store: Store, firstDay: Int, days: Int) throws -> [Int] {
        let counts = try store.subnetDays(in: firstDay...(firstDay + days - 1))
        var active = [Int](repeating: 0, count: days)
        for byDay in counts.values {
            for day in byDay.keys { active[day - firstDay] += 1 }
        }
        return active
    }
}
