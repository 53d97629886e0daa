import Foundation
import LanternProcess
import XCTest

final class ChildProcessTests: XCTestCase {
    func testOutputAndStatus() throws {
        let result = try ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"])
        XCTAssertEqual(result.output, "out\n")
        XCTAssertEqual(result.errorOutput, "err\n")
        XCTAssertEqual(result.status, 3)
        XCTAssertFalse(result.timedOut)
    }

    func testInputReachesChild() throws {
        let result = try ChildProcess.run("/usr/bin/tr", ["a-z", "A-Z"], input: Array("hxxp://example[.]com\n".utf8))
        XCTAssertEqual(result.output, "HXXP://EXAMPLE[.]COM\n")
        XCTAssertEqual(result.status, 0)
    }

    func testLargeOutputOnBothStreams() throws {
        let script = "head -c 300000 /dev/zero; head -c 200000 /dev/zero >&2"
        let result = try ChildProcess.run("/bin/sh", ["-c", script])
        XCTAssertEqual(result.standardOutput.count, 300_000)
        XCTAssertEqual(result.standardError.count, 200_000)
    }

    func testOutputLimitDropsTheRest() throws {
        let result = try ChildProcess.run("/bin/sh", ["-c", "head -c 100000 /dev/zero"], outputLimit: 1000)
        XCTAssertEqual(result.standardOutput.count, 1000)
        XCTAssertTrue(result.truncated)
        XCTAssertEqual(result.status, 0)
    }

    func testTimeoutStopsChildAndItsChildren() throws {
        let started = Date()
        let result = try ChildProcess.run("/bin/sh", ["-c", "sleep 30 & sleep 30"], timeout: 0.5)
        XCTAssertTrue(result.timedOut)
        XCTAssertEqual(result.status, 128 + SIGKILL)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    /// A daemon that outlives the child and keeps the output pipe open must not hold the caller.
    func testReturnsWhileDaemonHoldsPipe() throws {
        let started = Date()
        let result = try ChildProcess.run("/bin/sh", ["-c", "(sleep 20 &) ; echo started"])
        XCTAssertEqual(result.output, "started\n")
        XCTAssertEqual(result.status, 0)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    /// The first `tmux new-session` starts the server, which outlived Foundation's `Process`
    /// wait in the past and hung the whole test run.
    func testFirstTmuxSessionReturns() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            throw XCTSkip("/usr/bin/tmux is missing; install the Debian package tmux (make test-deps does)")
        }
        let socket = "lantern-child-process-\(getpid())"
        defer { _ = try? ChildProcess.run("/usr/bin/tmux", ["-L", socket, "kill-server"], timeout: 10) }
        let result = try ChildProcess.run("/usr/bin/tmux", ["-L", socket, "new-session", "-d", "sleep 60"], timeout: 20)
        XCTAssertFalse(result.timedOut)
        XCTAssertEqual(result.status, 0, result.errorOutput)
    }

    func testChildSeesNoInheritedDescriptors() throws {
        let result = try ChildProcess.run("/bin/sh", ["-c", "ls /proc/self/fd"])
        let descriptors = result.output.split(separator: "\n").compactMap { Int($0) }.filter { $0 > 2 }
        // `ls` opens one descriptor of its own to list the folder.
        XCTAssertLessThanOrEqual(descriptors.count, 1, "inherited: \(descriptors)")
    }

    func testEnvironmentAndDirectory() throws {
        let result = try ChildProcess.run("/bin/sh", ["-c", "echo \"$GREETING\"; pwd"], environment: ["GREETING": "こんにちは"], directory: "/tmp")
        XCTAssertEqual(result.output, "こんにちは\n/tmp\n")
    }

    func testChildThatIgnoresInputDoesNotKillCaller() throws {
        let input = [UInt8](repeating: 65, count: 1 << 20)
        let result = try ChildProcess.run("/bin/true", [], input: input)
        XCTAssertEqual(result.status, 0)
    }

    func testMissingProgramThrowsLaunchError() {
        XCTAssertThrowsError(try ChildProcess.run("/nonexistent/labeller", [])) { error in
            XCTAssertEqual((error as? ChildProcess.LaunchError)?.errorNumber, ENOENT)
            XCTAssertEqual(String(describing: error), "cannot run /nonexistent/labeller: No such file or directory")
        }
    }
}
