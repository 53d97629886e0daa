import Foundation
import XCTest

/// `lantern label mail` and the labeller options of `lantern ingest`, through the binary.
final class MailLabelEndToEndTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        try EndToEnd.requireBinary()
        directory = try EndToEnd.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/mail", withIntermediateDirectories: true)
        let bodies = [
            "listed": "Verify your account at https://login.evil.example/verify",
            "judged": "Great deals at hxxps://shop[.]example[.]org/sale",
            "unjudged": "Visit https://elsewhere.example.net/",
            "plain": "No links in this one.",
        ]
        for (number, (name, body)) in bodies.sorted(by: { $0.key < $1.key }).enumerated() {
            let text = "From: sender@example.org\r\nTo: you@example.org\r\nSubject: \(name)\r\nMessage-ID: <\(name)@example.org>\r\n"
                + "Date: Mon, \(number + 1) Jan 2024 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n"
            try text.write(toFile: "\(directory)/mail/\(name).eml", atomically: true, encoding: .utf8)
        }
        try "# bad domains\nevil.example\nnot a domain\n".write(toFile: directory + "/list.txt", atomically: true, encoding: .utf8)
        // The labeller is a shell script; lantern starts it with posix_spawn, never a shell.
        let script = "#!/bin/sh\nread url\ncase \"$url\" in *shop*) echo benign ;; *) echo unknown ;; esac\n"
        try script.write(toFile: directory + "/judge", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory + "/judge")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private var labellerArguments: [String] {
        ["--reputation", directory + "/list.txt", "--labeller-cmd", directory + "/judge", "--labeller-timeout", "5"]
    }

    func testLabelMailStoresCountsAndSkipsLabelled() throws {
        let database = directory + "/t.db"
        let ingest = try EndToEnd.lantern(["ingest", "--no-train", "--db", database, directory + "/mail"])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)

        let label = try EndToEnd.run(EndToEnd.binary, ["label", "mail", "--db", database] + labellerArguments,
                                     environment: ["LANG": "C", "PATH": "/usr/bin:/bin"])
        XCTAssertEqual(label.status, 0, label.stderr)
        XCTAssertTrue(label.stderr.contains("warning: \(directory)/list.txt:3: 'not a domain' is neither a URL with a host "
            + "nor a domain name; line skipped"), label.stderr)
        XCTAssertTrue(label.stderr.contains("reputation list \(directory)/list.txt: 0 URLs, 1 domains"), label.stderr)
        XCTAssertTrue(label.stderr.contains("mail labelling: 1 malicious and 1 benign labels stored (reputation list 1, command 1); "
            + "2 unknown (1 without URLs), 0 already labelled"), label.stderr)

        let stats = try EndToEnd.stats(db: database)
        XCTAssertEqual(stats["mail messages"], "4")
        XCTAssertEqual(stats["mail malicious labels"], "1")
        XCTAssertEqual(stats["mail benign labels"], "1")
        XCTAssertEqual(stats["mail reputation-list labels"], "1")
        XCTAssertEqual(stats["mail command labels"], "1")
        XCTAssertEqual(stats["mail analyst labels"], "0")
        // One label of each class: the labelling run retrained, so the models are active.
        XCTAssertEqual(stats["mail model active"], "yes", "\(stats)")
        XCTAssertEqual(stats["mail scored messages"], "4", "\(stats)")

        let again = try EndToEnd.run(EndToEnd.binary, ["label", "mail", "--db", database] + labellerArguments,
                                     environment: ["LANG": "ja_JP.UTF-8", "PATH": "/usr/bin:/bin"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("メールのラベル付け: 悪性 0 件、良性 0 件を保存(レピュテーションリスト 0、コマンド 0)。"
            + "不明 2 件(うち URL なし 1)、ラベル付け済み 2 件"), again.stderr)
    }

    func testIngestLabelsNewMail() throws {
        let database = directory + "/t.db"
        let ingest = try EndToEnd.lantern(["ingest", "--no-train", "--db", database, directory + "/mail"] + labellerArguments)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        XCTAssertTrue(ingest.stderr.contains("mail labelling: 1 malicious and 1 benign labels stored"), ingest.stderr)
        XCTAssertEqual(try EndToEnd.stats(db: database)["mail malicious labels"], "1")
    }

    func testLabelOptionsRejectedWithReasons() throws {
        let database = directory + "/t.db"
        _ = try EndToEnd.lantern(["ingest", "--no-train", "--db", database, directory + "/mail"])
        // Status 2 for a command line that is wrong as written, 1 for a file or program that is missing.
        let cases: [([String], Int32, String)] = [
            ([], 2, "lantern: label mail needs --reputation FILE or --labeller-cmd PROGRAM, for example: lantern label mail --reputation urlhaus.csv"),
            (["--reputation", directory + "/missing.txt"], 1, "lantern: cannot read the reputation list \(directory)/missing.txt: no such file"),
            (["--labeller-cmd", "no-such-labeller-program"], 1,
             "lantern: labeller program no-such-labeller-program was not found or is not executable; give a path or a program on PATH"),
            (["--labeller-cmd", directory + "/judge", "--labeller-timeout", "0"], 2,
             "lantern: --labeller-timeout takes a number of seconds above 0, not '0'"),
            (["--reputation", directory + "/list.txt", "--labeller-arg", "x"], 2,
             "lantern: --labeller-arg and --labeller-timeout need --labeller-cmd PROGRAM"),
        ]
        for (options, status, message) in cases {
            let result = try EndToEnd.run(EndToEnd.binary, ["label", "mail", "--db", database] + options, environment: ["LANG": "C"])
            XCTAssertEqual(result.status, status, "\(options)")
            XCTAssertTrue(result.stderr.hasPrefix(message + "\n"), result.stderr)
            let usageNote = "Run 'lantern help' for the commands and their options."
            XCTAssertEqual(result.stderr.contains(usageNote), status == 2, "only usage errors point to help: \(result.stderr)")
        }
    }
}

/// An interrupted `lantern label mail` takes its labeller program with it.
final class LabellerInterruptEndToEndTests: XCTestCase {
    /// Returns whether `pid` still runs: gone, or a zombie waiting for its new parent, is not running.
    private func isRunning(_ pid: pid_t) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
        return !status.contains("State:\tZ")
    }

    func testTerminatedLabellingKillsLabeller() throws {
        try EndToEnd.requireBinary()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        XCTAssertEqual(try EndToEnd.lantern(["simulate", "mail", "--out", "trap", "--messages", "20"], directory: directory).status, 0)
        XCTAssertEqual(try EndToEnd.lantern(["ingest", "--db", "t.db", "--no-train", "trap/malicious", "trap/spam"], directory: directory).status, 0)
        let script = "#!/bin/sh\necho $$ > '\(directory)/labeller.pid'\nexec sleep 1000\n"
        try script.write(toFile: directory + "/hang", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory + "/hang")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: EndToEnd.binary)
        process.arguments = ["label", "mail", "--db", "t.db", "--labeller-cmd", directory + "/hang", "--labeller-timeout", "120"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        var labeller: pid_t?
        while Date() < deadline, labeller == nil {
            labeller = (try? String(contentsOfFile: directory + "/labeller.pid", encoding: .utf8))
                .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let pid = try XCTUnwrap(labeller, "the labeller never started")
        XCTAssertTrue(isRunning(pid))

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(process.terminationStatus, SIGTERM)
        let gone = Date().addingTimeInterval(5)
        while Date() < gone, isRunning(pid) { Thread.sleep(forTimeInterval: 0.1) }
        XCTAssertFalse(isRunning(pid), "labeller \(pid) outlived lantern")
        if isRunning(pid) { kill(pid, SIGKILL) }
    }
}
