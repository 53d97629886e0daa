import Foundation
import XCTest
@testable import LanternTriage

final class CommandLabellerTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "lantern-labeller-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(atPath: directory)
    }

    /// Writes an executable shell script. The shell is the test's labeller; Lantern itself
    /// starts it with posix_spawn, and the script's own interpreter line picks /bin/sh.
    private func script(_ name: String, _ body: String) throws -> String {
        let path = directory + "/" + name
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    func testAnswersFromProgramOutput() throws {
        let program = try script("judge", """
            read url
            case "$url" in
              *evil*) echo malicious ;;
              *fine*) echo "  Benign  " ;;
              *) echo unknown ;;
            esac
            """)
        let labeller = try CommandLabeller(program: program)
        XCTAssertEqual(labeller.answer(for: "http://evil.example/"), .malicious)
        XCTAssertEqual(labeller.answer(for: "http://fine.example/"), .benign)
        XCTAssertEqual(labeller.answer(for: "http://other.example/"), .unknown)
        XCTAssertEqual(labeller.takeWarnings(), [])
        XCTAssertEqual(labeller.source, "command")
        XCTAssertEqual(labeller.name, program)
    }

    func testMessageDecisionCombinesURLs() throws {
        let program = try script("judge", """
            read url
            case "$url" in *evil*) echo malicious ;; *fine*) echo benign ;; *) echo unknown ;; esac
            """)
        let labeller = try CommandLabeller(program: program)
        XCTAssertEqual(labeller.label(urls: ["http://fine.example/", "http://evil.example/", "http://later.example/"]),
                       LabellerDecision(answer: .malicious, evidence: "http://evil.example/"))
        XCTAssertEqual(labeller.runs, 2, "URLs after the first malicious one are not asked")
        XCTAssertEqual(labeller.label(urls: ["http://fine.example/", "http://fine.example/a"]),
                       LabellerDecision(answer: .benign, evidence: "http://fine.example/"))
        XCTAssertEqual(labeller.label(urls: ["http://fine.example/", "http://other.example/"]), .unknown)
        XCTAssertEqual(labeller.label(urls: []), .unknown)
        XCTAssertEqual(labeller.runs, 4, "each distinct URL runs the program once")
    }

    func testArgumentsPassedLiterally() throws {
        let record = directory + "/arguments"
        let program = try script("args", """
            printf '%s\\n' "$@" > "\(record)"
            echo benign
            """)
        let labeller = try CommandLabeller(program: program, arguments: ["--mode", "a b", "$(id)"])
        XCTAssertEqual(labeller.answer(for: "http://example.com/"), .benign)
        XCTAssertEqual(try String(contentsOfFile: record, encoding: .utf8), "--mode\na b\n$(id)\n")
    }

    func testTimeoutCountsAsUnknown() throws {
        let program = try script("slow", "sleep 30\necho malicious")
        let labeller = try CommandLabeller(program: program, timeout: 0.5)
        let started = Date()
        XCTAssertEqual(labeller.answer(for: "http://slow.example/"), .unknown)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "the program is killed at the deadline")
        let warnings = labeller.takeWarnings()
        XCTAssertEqual(warnings, [.commandTimedOut(program: program, url: "http://slow.example/", seconds: 0.5)])
        XCTAssertEqual(warnings.first?.description,
                       "labeller \(program) timed out after 0.5 s on http://slow.example/ and was killed; counted as unknown")
    }

    /// A hung program is given up after three timeouts in a row instead of costing the timeout
    /// on every remaining URL; a run that ends in time resets the count.
    func testHungProgramGivenUp() throws {
        let program = try script("hung", """
            read url
            case "$url" in *fast*) echo benign ;; *) sleep 30 ;; esac
            """)
        let labeller = try CommandLabeller(program: program, timeout: 0.3)
        let urls = ["http://a.example/", "http://b.example/", "http://fast.example/"]
            + (1...5).map { "http://slow\($0).example/" }
        XCTAssertEqual(urls.map { labeller.answer(for: $0) }, [.unknown, .unknown, .benign] + Array(repeating: .unknown, count: 5))
        XCTAssertEqual(labeller.runs, 6, "two timeouts, one answer, then three timeouts in a row")
        XCTAssertTrue(labeller.gaveUp)
        let warnings = labeller.takeWarnings()
        XCTAssertEqual(warnings.count, 6)
        XCTAssertEqual(warnings.last, .commandAbandoned(program: program, timeouts: 3, seconds: 0.3))
        XCTAssertEqual(labeller.answer(for: "http://fast.example/"), .benign, "earlier answers are still known")
    }

    func testGarbageOutputCountsAsUnknown() throws {
        let program = try script("garbage", "echo 'definitely bad!'\necho malicious")
        let labeller = try CommandLabeller(program: program)
        XCTAssertEqual(labeller.answer(for: "http://g.example/"), .unknown)
        let warnings = labeller.takeWarnings()
        XCTAssertEqual(warnings, [.commandUnparseable(program: program, url: "http://g.example/", output: "definitely bad!\nmalicious")])
        XCTAssertEqual(warnings.first?.description, "labeller \(program) printed 'definitely bad!\nmalicious' on http://g.example/, "
            + "expected malicious, benign or unknown; counted as unknown")
    }

    func testEmptyOutputCountsAsUnknown() throws {
        let labeller = try CommandLabeller(program: try script("silent", "exit 0"))
        XCTAssertEqual(labeller.answer(for: "http://s.example/"), .unknown)
        XCTAssertEqual(labeller.takeWarnings().count, 1)
    }

    func testNonZeroExitCountsAsUnknown() throws {
        let program = try script("fails", "echo 'lookup service down' >&2\necho malicious\nexit 1")
        let labeller = try CommandLabeller(program: program)
        XCTAssertEqual(labeller.answer(for: "http://f.example/"), .unknown)
        let warnings = labeller.takeWarnings()
        XCTAssertEqual(warnings, [.commandFailed(program: program, url: "http://f.example/", status: 1, standardError: "lookup service down")])
        XCTAssertEqual(warnings.first?.description, "labeller \(program) exited with status 1 on http://f.example/ "
            + "(standard error: lookup service down); counted as unknown")
    }

    func testShellSyntaxInURLReachesProgramLiterally() throws {
        let canary = directory + "/canary"
        let received = directory + "/received"
        let program = try script("record", "cat > \"\(received)\"\necho unknown")
        let labeller = try CommandLabeller(program: program)
        let urls = [
            "http://evil.example/;rm -rf \(directory);touch \(canary)",
            "http://evil.example/$(touch \(canary))",
            "http://evil.example/`touch \(canary)`|touch \(canary)&&touch \(canary)",
        ]
        for url in urls {
            XCTAssertEqual(labeller.answer(for: url), .unknown)
            XCTAssertEqual(try String(contentsOfFile: received, encoding: .utf8), url + "\n", "the URL arrives byte for byte")
            XCTAssertFalse(FileManager.default.fileExists(atPath: canary), "nothing in the URL was executed")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory), "nothing was removed")
    }

    func testProgramResolvedOnPath() throws {
        _ = try script("on-path", "echo benign")
        let labeller = try CommandLabeller(program: "on-path", environment: ["PATH": "/nonexistent:" + directory])
        XCTAssertEqual(labeller.executable, directory + "/on-path")
        XCTAssertEqual(labeller.answer(for: "http://p.example/"), .benign)
    }

    func testMissingProgramAndBadTimeoutThrow() throws {
        XCTAssertThrowsError(try CommandLabeller(program: "no-such-labeller", environment: ["PATH": directory])) { error in
            XCTAssertEqual(error as? LabellerError, .programNotFound(program: "no-such-labeller"))
            XCTAssertEqual(String(describing: error), "labeller program no-such-labeller was not found or is not executable; "
                + "give a path or a program on PATH")
        }
        let notExecutable = directory + "/plain"
        try "echo benign\n".write(toFile: notExecutable, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try CommandLabeller(program: notExecutable))
        XCTAssertThrowsError(try CommandLabeller(program: directory))
        let program = try script("ok", "echo benign")
        for timeout in [0, -1, Double.infinity, Double.nan] {
            XCTAssertThrowsError(try CommandLabeller(program: program, timeout: timeout), "\(timeout)")
        }
    }

    func testChainAsksListBeforeCommand() throws {
        let program = try script("judge", "read url\necho benign")
        let command = try CommandLabeller(program: program)
        let list = ReputationList(contents: Data("evil.example\n".utf8), path: "list.txt")
        let chain = LabellerChain([list, command])

        let listed = try XCTUnwrap(chain.label(urls: ["http://a.evil.example/"]))
        XCTAssertEqual(listed.decision.answer, .malicious)
        XCTAssertEqual(listed.labeller.source, "reputation-list")
        XCTAssertEqual(command.runs, 0, "the command is not run when the list decides")

        let judged = try XCTUnwrap(chain.label(urls: ["http://b.example/"]))
        XCTAssertEqual(judged.decision.answer, .benign)
        XCTAssertEqual(judged.labeller.source, "command")
        XCTAssertNil(chain.label(urls: []))
    }
}
