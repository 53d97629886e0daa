import Glibc
import XCTest
@testable import LanternUI

final class TerminalTests: XCTestCase {
    func testStderrCapturedAndReplayed() throws {
        let logPath = "/tmp/lantern-ui-test-\(getpid())-stderr.log"
        defer { unlink(logPath) }
        let redirect = try StderrRedirect(logPath: logPath, environment: [:])
        let message = "library warning \u{1B}[2J\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        let replayed = redirect.restore()
        XCTAssertEqual(replayed, "library warning ^[[2J\n")
    }

    func testTemporaryLogRemovedAfterReplay() throws {
        let redirect = try StderrRedirect(logPath: nil, environment: ["TMPDIR": "/tmp"])
        XCTAssertTrue(redirect.isTemporary)
        XCTAssertEqual(redirect.restore(), "")
        XCTAssertNotEqual(access(redirect.logPath, F_OK), 0)
    }

    /// Runs the real screen on the preview queue when LANTERN_UI_LIVE=1, for trying it by
    /// hand in a terminal or tmux; press q to end the test.
    func testLivePreview() throws {
        guard ProcessEnvironment.value("LANTERN_UI_LIVE") == "1" else {
            throw XCTSkip("set LANTERN_UI_LIVE=1 and run in a terminal to try the screen")
        }
        let options = UIOptions(
            language: ProcessEnvironment.value("LANTERN_UI_LANG"),
            themeName: ProcessEnvironment.value("LANTERN_UI_THEME") ?? "dark",
            themeDirectories: [URLPath.themesDirectory],
            glyphs: ProcessEnvironment.value("LANTERN_UI_ASCII") == "1" ? .ascii : .unicode,
            preview: true)
        try runReviewUI(review: PreviewReview(), options: options)
    }
}
