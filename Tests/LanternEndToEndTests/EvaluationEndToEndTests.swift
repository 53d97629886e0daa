import Foundation
import XCTest

/// The analyst-loop replay on a simulated capture with ground truth, beside the rule baselines.
final class EvaluationEndToEndTests: XCTestCase {
    private struct Row {
        var method: String
        var budget: Double?
        var f1: Double
    }

    private func parse(_ table: String) -> [Row] {
        table.split(separator: "\n").compactMap { line -> Row? in
            let columns = line.split(separator: " ").map(String.init)
            guard columns.count >= 6, let f1 = Double(columns[columns.count - 1]) else { return nil }
            let budgetText = columns[columns.count - 5]
            let method = columns[0..<(columns.count - 5)].joined(separator: " ")
            return Row(method: method, budget: Double(budgetText.replacingOccurrences(of: "%", with: "")), f1: f1)
        }
    }

    func testExtendedModelBeatsRuleBaselinesWithTwoPercentAnswered() throws {
        try EndToEnd.requireBinary()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let simulate = try EndToEnd.lantern(["simulate", "darknet", "--out", "sim.pcap", "--packets", "300000", "--seed", "3"], directory: directory)
        XCTAssertEqual(simulate.status, 0, simulate.stderr)
        let ingest = try EndToEnd.lantern(["ingest", "--db", "sim.db", "sim.pcap"], directory: directory)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let evaluate = try EndToEnd.lantern(["evaluate", "backscatter", "--db", "sim.db", "--truth", "sim.truth.jsonl",
                                             "--budgets", "0,0.5,1,2", "--by-kind"], directory: directory)
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        print(evaluate.stdout)

        let rows = parse(evaluate.stdout)
        let corsaro = try XCTUnwrap(rows.first { $0.method.hasPrefix("corsaro") }).f1
        let packetType = try XCTUnwrap(rows.first { $0.method.hasPrefix("packet-type") }).f1
        let extended = rows.filter { $0.method == "lantern (extended)" }
        XCTAssertEqual(extended.count, 4)
        for row in extended where (row.budget ?? 0) >= 1 {
            XCTAssertGreaterThan(row.f1, corsaro, "budget \(row.budget ?? 0)%: beats the Corsaro-style rule")
            XCTAssertGreaterThan(row.f1, packetType, "budget \(row.budget ?? 0)%: beats the packet-type rule")
        }
        let twoPercent = try XCTUnwrap(extended.first { $0.budget == 2 })
        XCTAssertGreaterThanOrEqual(twoPercent.f1, 0.95)
        XCTAssertTrue(evaluate.stdout.contains("lantern (baseline)"), "the baseline feature set is reported beside the extended one")
    }
}
