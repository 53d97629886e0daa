import Foundation
import XCTest

/// The tiny-terminal and eight-colour scenarios run against the real binary through the
/// scenario driver that ships with the shared cases (tmux, one run per input and TERM).
final class TerminalScenarioEndToEndTests: XCTestCase {
    private func runScenario(_ name: String) throws -> String {
        try EndToEnd.requireBinary()
        try EndToEnd.requireTool("/usr/bin/tmux", package: "tmux")
        let cases = EndToEnd.sharedData.deletingLastPathComponent().appendingPathComponent("cases/tty")
        let scenario = cases.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: scenario) else {
            throw XCTSkip("shared cases not found at \(cases.path); they live beside the repository in ../shared/cases")
        }
        let output = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let environment = ProcessInfo.processInfo.environment.merging(
            ["TOOL_CMD": "\(EndToEnd.binary) tui --lang en", "TMPDIR": output + "/"], uniquingKeysWith: { $1 })
        let result = try EndToEnd.run("/bin/bash", [cases.appendingPathComponent("run_scenario.sh").path, scenario, output + "/screens"],
                                      environment: environment)
        print(result.stdout)
        XCTAssertEqual(result.status, 0, "the driver reports a failed run:\n\(result.stdout)\(result.stderr)")
        XCTAssertFalse(result.stdout.contains("FAIL"), result.stdout)
        return result.stdout
    }

    func testTinyTerminalAndResizeKeepUIAlive() throws {
        let report = try runScenario("T07-tiny-terminal-and-resize.scenario")
        XCTAssertEqual(report.components(separatedBy: ": running").count - 1, 2, "both inputs still running after every step")
    }

    func testEightColourAndColourlessTerminalsStart() throws {
        let report = try runScenario("T08-eight-colour-terminals.scenario")
        XCTAssertEqual(report.components(separatedBy: ": running").count - 1, 5, "xterm, linux, vt100, xterm-256color and NO_COLOR runs all alive")
    }
}
