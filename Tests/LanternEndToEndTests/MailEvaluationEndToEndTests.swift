import Foundation
import XCTest

/// `lantern evaluate mail` on the shared development stream, the older 2001–2002 corpus left out.
final class MailEvaluationEndToEndTests: XCTestCase {
    private struct Row {
        var f1: Double
        var matthewsCorrelation: Double
        var queries: Int
    }

    /// Rows of the table by method name; the last seven columns are the numbers.
    private func parse(_ table: String) -> [String: Row] {
        var rows = [String: Row]()
        for line in table.split(separator: "\n") {
            let columns = line.split(separator: " ").map(String.init)
            guard columns.count >= 8, let queries = Int(columns[columns.count - 1]),
                  let mcc = Double(columns[columns.count - 2]), let f1 = Double(columns[columns.count - 5])
            else { continue }
            rows[columns[0..<(columns.count - 7)].joined(separator: " ")] = Row(f1: f1, matthewsCorrelation: mcc, queries: queries)
        }
        return rows
    }

    func testDetectionBeatsVerdictAloneAndTrivialRow() throws {
        try EndToEnd.requireBinary()
        let stream = try EndToEnd.requireSharedData("mail")
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        // The spam/ files dated 2001–2002 are an older corpus with its own relay headers, which a
        // classifier would learn instead of the content, so --since leaves them out.
        let evaluate = try EndToEnd.lantern(["evaluate", "mail", "--stream", stream.path, "--since", "2003-01-01",
                                             "--initial-share", "0.2", "--window-share", "0.2", "--out", "out"],
                                            directory: directory)
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        print(evaluate.stdout)

        let rows = parse(evaluate.stdout)
        let with = try XCTUnwrap(rows["with unknown detection"])
        let without = try XCTUnwrap(rows["without detection"])
        let trivial = try XCTUnwrap(rows["everything malicious"])
        XCTAssertGreaterThanOrEqual(with.f1, without.f1)
        XCTAssertGreaterThanOrEqual(with.matthewsCorrelation, without.matthewsCorrelation)
        XCTAssertGreaterThan(with.f1, trivial.f1)
        XCTAssertGreaterThan(with.matthewsCorrelation, trivial.matthewsCorrelation)
        XCTAssertGreaterThan(without.f1, trivial.f1)
        XCTAssertGreaterThan(without.matthewsCorrelation, trivial.matthewsCorrelation)
        XCTAssertGreaterThan(with.queries, 0)

        let csv = try String(contentsOfFile: directory + "/out/mail-daily-accuracy.csv", encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("date,messages,accuracy_with_detection,accuracy_without_detection\n"))
        XCTAssertGreaterThan(csv.split(separator: "\n").count, 2)
        let svg = try String(contentsOfFile: directory + "/out/mail-daily-accuracy.svg", encoding: .utf8)
        XCTAssertTrue(svg.contains("<polyline"))
    }

    /// An initial period that takes the whole stream leaves nothing to judge: an error, not a
    /// table of zeros.
    func testNothingJudgedIsAnError() throws {
        try EndToEnd.requireBinary()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        XCTAssertEqual(try EndToEnd.lantern(["simulate", "mail", "--out", "mail", "--messages", "40", "--seed", "3"], directory: directory).status, 0)
        let result = try EndToEnd.lantern(["evaluate", "mail", "--stream", "mail", "--initial-days", "100000", "--out", "ev"], directory: directory)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("lantern: the initial training took 40 of the 40 messages, so none was left to judge; "),
                      result.stderr)
        XCTAssertFalse(result.stdout.contains("0.000"), result.stdout)
    }
}
