import Foundation
import XCTest

/// One detached tmux session running a command, for tests that drive the UI with keys and
/// read the screen back. It runs on the private server `EndToEnd.run` points TMUX_TMPDIR at.
final class TmuxSession {
    let name: String

    init(command: String, width: Int, height: Int) throws {
        name = "lantern-\(UUID().uuidString.prefix(8))"
        let result = try EndToEnd.run("/usr/bin/tmux", ["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), command])
        guard result.status == 0 else { throw TmuxError(message: "tmux new-session failed: \(result.stderr)") }
    }

    deinit {
        _ = try? EndToEnd.run("/usr/bin/tmux", ["kill-session", "-t", name], timeout: 10)
    }

    /// Sends tmux key names (`Enter`, `Escape`, `q`).
    func send(_ keys: String...) throws {
        for key in keys {
            let result = try EndToEnd.run("/usr/bin/tmux", ["send-keys", "-t", name, key], timeout: 10)
            guard result.status == 0 else { throw TmuxError(message: "tmux send-keys \(key) failed: \(result.stderr)") }
        }
    }

    /// Types `text` as it is (`send-keys -l`), so that it is never read as key names.
    func type(_ text: String) throws {
        let result = try EndToEnd.run("/usr/bin/tmux", ["send-keys", "-t", name, "-l", text], timeout: 10)
        guard result.status == 0 else { throw TmuxError(message: "tmux send-keys -l \(text) failed: \(result.stderr)") }
    }

    /// Resizes the session's window, as a user dragging the terminal's corner would.
    func resize(width: Int, height: Int) throws {
        let result = try EndToEnd.run("/usr/bin/tmux", ["resize-window", "-t", name, "-x", String(width), "-y", String(height)], timeout: 10)
        guard result.status == 0 else { throw TmuxError(message: "tmux resize-window failed: \(result.stderr)") }
    }

    /// Returns the process ID of the command in the session's pane, or nil when tmux gives none.
    func panePID() throws -> pid_t? {
        let output = try EndToEnd.run("/usr/bin/tmux", ["list-panes", "-t", name, "-F", "#{pane_pid}"], timeout: 10).stdout
        return pid_t(output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func screen() throws -> String {
        try EndToEnd.run("/usr/bin/tmux", ["capture-pane", "-p", "-t", name], timeout: 10).stdout
    }

    /// Polls the screen until `predicate` is true of two equal captures 100 ms apart, and fails
    /// the test with the last screen when it never is. A single capture can fall between two
    /// writes of one redraw, so it may show a new screen's header above the old screen's rows.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 20, file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) {
                Thread.sleep(forTimeInterval: 0.1)
                let second = try screen()
                if second == last { return last }
                continue
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTFail("timed out waiting for \(what); screen:\n\(last)", file: file, line: line)
        return last
    }

    /// Polls the screen every 50 ms until it contains `text`, and returns whether it did within
    /// `seconds`. Unlike `waitFor`, it never fails the test, for checks that may race on purpose.
    func shows(_ text: String, within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if (try? screen())?.contains(text) == true { return true }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return false
    }

    /// Waits until the session's command has exited (the session closes with it).
    func waitUntilEnded(seconds: Double = 10) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, EndToEnd.run2("/usr/bin/tmux", ["has-session", "-t", name]) == 0 {
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    struct TmuxError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
