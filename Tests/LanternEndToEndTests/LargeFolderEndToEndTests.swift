import Foundation
import XCTest

/// A folder of 100,000 files, as a spam trap's Maildir grows to: every message stored once,
/// the files that are not mail named and skipped, in bounded memory, and a re-run adds nothing.
final class LargeFolderEndToEndTests: XCTestCase {
    /// The stated bound for ingesting any number of small files: the file list and one batch
    /// of parsed messages are all that grows. Measured: about 51 MiB for this folder.
    private let memoryBoundKiB = 256 * 1024

    func testHundredThousandFilesIngestOnceInBoundedMemory() throws {
        try EndToEnd.requireBinary()
        try EndToEnd.requireTool("/usr/bin/time", package: "time")
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let folder = directory + "/trap"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        let messages = 99_998
        for number in 0..<messages {
            let text = """
                From: sender\(number % 97)@example.com\r
                To: trap@example.net\r
                Subject: offer \(number)\r
                Message-ID: <\(number)@example.com>\r
                Date: Mon, 1 Jun 2026 10:00:00 +0000\r
                \r
                visit hxxp://shop\(number % 50)[.]example[.]com/item now\r

                """
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/m\(number).eml"))
        }
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/empty.eml", contents: Data()))
        let noise = Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/noise.bin", contents: noise))

        // GNU time forks the ingest from its own small process and reports the ingest's peak.
        // A peak taken from this test process's wait would include this process's own size,
        // because the child is spawned in its parent's address space until it execs.
        let first = try EndToEnd.run("/usr/bin/time", ["-f", "peak-resident-kib %M", EndToEnd.binary, "ingest", "--no-train", "--db", "trap.db", "trap"],
                                     directory: directory)
        XCTAssertEqual(first.status, 0, first.stderr)
        let summary = first.stdout + first.stderr
        XCTAssertTrue(summary.contains("\(messages) messages stored, 0 already stored, 0 failed"), summary)
        XCTAssertTrue(summary.contains("skipped trap/empty.eml: empty file"), summary)
        XCTAssertTrue(summary.contains("skipped trap/noise.bin"), summary)
        let peakLine = try XCTUnwrap(first.stderr.split(separator: "\n").last { $0.hasPrefix("peak-resident-kib ") }, first.stderr)
        let peak = try XCTUnwrap(Int(peakLine.dropFirst("peak-resident-kib ".count)), String(peakLine))
        XCTAssertLessThan(peak, memoryBoundKiB, "peak resident memory of the ingest")
        print("100,000 files: peak resident \(peak / 1024) MiB")

        let again = try EndToEnd.lantern(["ingest", "--no-train", "--db", "trap.db", "trap"], directory: directory)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue((again.stdout + again.stderr).contains("0 messages stored, \(messages) already stored"), again.stdout + again.stderr)
    }
}
