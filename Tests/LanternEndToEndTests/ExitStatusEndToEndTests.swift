import Foundation
import XCTest

/// Exit statuses through the binary: 2 for a command line that is wrong as written, 1 for a
/// valid command that could not run, as the man page's EXIT STATUS section states.
final class ExitStatusEndToEndTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        try EndToEnd.requireBinary()
        directory = try EndToEnd.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testBusyStoreLockIsRuntimeFailure() throws {
        // This test process holds the lock, as a running ingest would.
        let descriptor = open(directory + "/s.db.ingest-lock", O_RDWR | O_CREAT, 0o600)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        defer { close(descriptor) }
        XCTAssertEqual(flock(descriptor, LOCK_EX | LOCK_NB), 0)

        let result = try EndToEnd.lantern(["ingest", "--db", "s.db", "capture.pcap"], directory: directory)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, "lantern: another 'lantern ingest' is writing to s.db; wait for it to finish or use another --db\n")
    }

    func testMissingReputationFileIsRuntimeFailure() throws {
        let result = try EndToEnd.run(EndToEnd.binary, ["ingest", "--db", "s.db", "--reputation", "missing.txt", "mail"],
                                      directory: directory, environment: ["LANG": "C"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, "lantern: cannot read the reputation list missing.txt: no such file\n")
    }

    func testMissingStoreIsRuntimeFailure() throws {
        let result = try EndToEnd.lantern(["stats", "--db", "none.db"], directory: directory)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, "lantern: store none.db does not exist; run 'lantern ingest --db none.db CAPTURE' first\n")
    }

    func testForeignSQLiteFileIsRuntimeFailure() throws {
        try EndToEnd.requireTool("/usr/bin/python3", package: "python3")
        let path = directory + "/other.db"
        let create = try EndToEnd.run("/usr/bin/python3", ["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()", path])
        XCTAssertEqual(create.status, 0, create.stderr)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let result = try EndToEnd.lantern(["stats", "--db", "other.db"], directory: directory)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, "lantern: other.db is not a Lantern store: it is an SQLite database with other tables (t) "
                       + "and was left unchanged; name a new file with --db NEW.db\n")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }

    func testFolderAsStoreGetsAdvice() throws {
        try FileManager.default.createDirectory(atPath: directory + "/folder.db", withIntermediateDirectories: true)
        let result = try EndToEnd.lantern(["ingest", "--db", "folder.db", "none.pcap"], directory: directory)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("SQLite code 14"), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix("check that the path names a file, not a folder, and that its folder exists and you can write to it\n"),
                      result.stderr)
    }

    func testUnknownOptionIsUsageError() throws {
        let result = try EndToEnd.lantern(["stats", "--bogus"], directory: directory)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix("Run 'lantern help' for the commands and their options.\n"), result.stderr)
    }

    /// A forgotten value: the next word is another option of the command, so it is not taken
    /// as a store named "--window". `--db=--window` still names such a file on purpose.
    func testOptionAsValueIsUsageError() throws {
        let result = try EndToEnd.lantern(["ingest", "--db", "--window", "30", "s.pcap"], directory: directory)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("lantern: option --db of 'ingest' needs a value, but the next word is the option --window; "),
                      result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [], "no store or lock file was made")
    }

    /// A word after a command that takes none is an error, not silently dropped.
    func testExtraWordIsUsageError() throws {
        let result = try EndToEnd.lantern(["stats", "--db", "a.db", "b.db"], directory: directory)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("lantern: stats takes no file names, found 'b.db'; usage: lantern stats [--db DB]"), result.stderr)
        let cluster = try EndToEnd.lantern(["cluster", "x.db"], directory: directory)
        XCTAssertEqual(cluster.status, 2, cluster.stderr)
        XCTAssertTrue(cluster.stderr.hasPrefix("lantern: cluster takes no file names, found 'x.db'"), cluster.stderr)
    }

    func testInvalidUILanguageIsUsageError() throws {
        let result = try EndToEnd.lantern(["tui", "--lang", "fr", "--db", "none.db"], directory: directory)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("lantern: --lang must be en or ja, not 'fr'"), result.stderr)
    }

    func testReversedDayRangeIsUsageError() throws {
        let result = try EndToEnd.lantern(["cluster", "--db", "none.db", "--from", "2026-01-10", "--to", "2026-01-05"], directory: directory)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("lantern: --from 2026-01-10 is after --to 2026-01-05; give the earlier day as --from\n"), result.stderr)
    }

    /// An option of the other evaluation is an error instead of being ignored.
    func testOtherEvaluationOptionIsUsageError() throws {
        let mail = try EndToEnd.lantern(["evaluate", "mail", "--stream", "m", "--truth", "t.jsonl"], directory: directory)
        XCTAssertEqual(mail.status, 2, mail.stderr)
        XCTAssertTrue(mail.stderr.hasPrefix("lantern: --truth applies to evaluate backscatter only\n"), mail.stderr)
        let backscatter = try EndToEnd.lantern(["evaluate", "backscatter", "--truth", "t.jsonl", "--nu", "0.2"], directory: directory)
        XCTAssertEqual(backscatter.status, 2, backscatter.stderr)
        XCTAssertTrue(backscatter.stderr.hasPrefix("lantern: --nu applies to evaluate mail only\n"), backscatter.stderr)
    }
}
