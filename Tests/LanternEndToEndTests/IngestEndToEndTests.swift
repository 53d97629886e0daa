import Foundation
import XCTest

/// Every shared capture through `lantern ingest`, checked against tcpdump and tshark.
final class IngestEndToEndTests: XCTestCase {
    /// Records tcpdump reads from a file (its lines that do not start with white space; decoded
    /// payloads continue on indented lines), and whether it stopped on an error. gzip files are
    /// decompressed first, since tcpdump reads only plain captures.
    private func tcpdumpCount(_ path: String, scratch: String) throws -> (packets: Int, failed: Bool) {
        var input = path
        if path.hasSuffix(".gz") {
            input = scratch + "/" + ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let unpacked = try EndToEnd.run("/bin/sh", ["-c", "gzip -dc \"$1\" > \"$2\"", "sh", path, input])
            XCTAssertEqual(unpacked.status, 0, unpacked.stderr)
        }
        let result = try EndToEnd.run("/usr/bin/tcpdump", ["-nr", input], environment: ["PATH": "/usr/bin:/bin"])
        let lines = result.stdout.split(separator: "\n").filter { !($0.first?.isWhitespace ?? true) }.count
        return (lines, result.status != 0 || result.stderr.contains("tcpdump: "))
    }

    func testEveryCapturePacketCountMatchesTcpdump() throws {
        try EndToEnd.requireBinary()
        try EndToEnd.requireTool("/usr/bin/tcpdump", package: "tcpdump")
        let folder = try EndToEnd.requireSharedData("pcap")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".md") }.sorted()
        XCTAssertGreaterThan(files.count, 50)
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        var checked = 0
        for name in files {
            let path = folder.appendingPathComponent(name).path
            // Lantern refuses a link type it cannot decode at open time; tcpdump prints the raw records.
            if name == "bad-linktype-unsupported-user13.pcap" {
                let result = try EndToEnd.lantern(["ingest", "--no-train", "--db", "\(directory)/\(name).db", path])
                XCTAssertNotEqual(result.status, 0)
                XCTAssertTrue(result.stderr.contains("link type 160"), result.stderr)
                continue
            }
            let reference = try tcpdumpCount(path, scratch: directory)
            let db = "\(directory)/\(name).db"
            let result = try EndToEnd.lantern(["ingest", "--no-train", "--db", db, path])
            if reference.failed && reference.packets == 0 {
                XCTAssertNotEqual(result.status, 0, "\(name): tcpdump rejects it, so must lantern")
                XCTAssertTrue(result.stderr.contains(name), "\(name): the error names the file: \(result.stderr)")
                continue
            }
            let stats = try EndToEnd.stats(db: db)
            XCTAssertEqual(stats["packets"], String(reference.packets), "\(name): packets read")
            if reference.failed {
                XCTAssertNotEqual(result.status, 0, "\(name): a read error must set the exit status")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 40)
    }

    /// An option rejected only once the store is open leaves no new store behind, and never
    /// removes a store that contains data.
    func testRejectedOptionLeavesNoNewStore() throws {
        try EndToEnd.requireBinary()
        let folder = try EndToEnd.requireSharedData("pcap")
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = folder.appendingPathComponent("ddos-synack-reflection-ftp21.pcap").path

        let rejected = try EndToEnd.lantern(["ingest", "--db", "\(directory)/new.db", "--window", "0", path])
        XCTAssertEqual(rejected.status, 2, rejected.stderr)
        XCTAssertTrue(rejected.stderr.contains("--window"), rejected.stderr)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory)
        XCTAssertEqual(left, [], "no store, log or lock file is left")

        let ingested = try EndToEnd.lantern(["ingest", "--db", "\(directory)/kept.db", path])
        XCTAssertEqual(ingested.status, 0, ingested.stderr)
        let second = try EndToEnd.lantern(["ingest", "--db", "\(directory)/kept.db", "--window", "60", path])
        XCTAssertEqual(second.status, 2, second.stderr)
        XCTAssertEqual(try EndToEnd.stats(db: "\(directory)/kept.db")["packets"], "896")
    }

    /// A copy cut short while the capture was still being written, then the whole file: the
    /// packets are counted once, whichever of the two is ingested first.
    func testShorterCopyCountedOnce() throws {
        try EndToEnd.requireBinary()
        let folder = try EndToEnd.requireSharedData("pcap")
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let whole = try Data(contentsOf: folder.appendingPathComponent("ddos-synack-reflection-ftp21.pcap"))
        // 40,001 bytes ends inside record 498, as a copy taken mid-write would.
        try whole.prefix(40_001).write(to: URL(fileURLWithPath: directory + "/part.pcap"))
        try whole.write(to: URL(fileURLWithPath: directory + "/full.pcap"))

        let part = try EndToEnd.lantern(["ingest", "--no-train", "--db", "a.db", "part.pcap"], directory: directory)
        XCTAssertEqual(part.status, 1, "the cut copy is reported as incomplete")
        XCTAssertEqual(try EndToEnd.stats(db: directory + "/a.db")["packets"], "497")
        let full = try EndToEnd.lantern(["ingest", "--no-train", "--db", "a.db", "full.pcap"], directory: directory)
        XCTAssertEqual(full.status, 0, full.stderr)
        XCTAssertTrue(full.stderr.contains("full.pcap: replaces part.pcap, a shorter copy"), full.stderr)
        let afterFull = try EndToEnd.stats(db: directory + "/a.db")
        XCTAssertEqual(afterFull["packets"], "896")
        XCTAssertEqual(afterFull["captures"], "1")

        let reversed = try EndToEnd.lantern(["ingest", "--no-train", "--db", "b.db", "full.pcap", "part.pcap"], directory: directory)
        XCTAssertEqual(reversed.status, 0, reversed.stderr)
        XCTAssertTrue(reversed.stderr.contains("part.pcap: skipped, a shorter copy of full.pcap"), reversed.stderr)
        XCTAssertEqual(try EndToEnd.stats(db: directory + "/b.db")["packets"], "896")
        XCTAssertEqual(try EndToEnd.stats(db: directory + "/b.db")["windows"], afterFull["windows"])

        // Both in one run: the run's totals count the replaced copy's packets once, not twice.
        let oneRun = try EndToEnd.lantern(["ingest", "--no-train", "--db", "c.db", "part.pcap", "full.pcap"], directory: directory)
        XCTAssertEqual(oneRun.status, 1, "the cut copy is still reported")
        let windows = try XCTUnwrap(afterFull["windows"])
        XCTAssertTrue(oneRun.stderr.contains("captures: 2 read, 0 already ingested, 1 with errors; 896 packets, \(windows) windows"),
                      oneRun.stderr)
        XCTAssertEqual(try EndToEnd.stats(db: directory + "/c.db")["packets"], "896")
    }

    func testIngestingTwiceDoublesNothing() throws {
        try EndToEnd.requireBinary()
        let folder = try EndToEnd.requireSharedData("pcap")
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = folder.appendingPathComponent("ddos-synack-reflection-ftp21.pcap").path
        try EndToEnd.lantern(["ingest", "--db", "\(directory)/t.db", path])
        let first = try EndToEnd.stats(db: "\(directory)/t.db")
        let again = try EndToEnd.lantern(["ingest", "--db", "\(directory)/t.db", path])
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("already ingested"), again.stderr)
        let second = try EndToEnd.stats(db: "\(directory)/t.db")
        XCTAssertEqual(first["packets"], "896")
        XCTAssertEqual(first["windows"], second["windows"])
        XCTAssertEqual(first["packets"], second["packets"])
        XCTAssertEqual(first["model version"], second["model version"], "nothing new read, so no new model")
        XCTAssertTrue(again.stderr.contains("no new captures"), again.stderr)
    }

    /// Mechanical labels counted independently from tshark's fields for the same 30 s windows.
    func testMechanicalLabelCountsMatchTshark() throws {
        try EndToEnd.requireBinary()
        try EndToEnd.requireTool("/usr/bin/tshark", package: "tshark")
        let folder = try EndToEnd.requireSharedData("pcap")
        let names = ["ddos-amp-dns-fragments.pcap", "dns-tunnel-own-queries-negative.pcap", "fmt-rawip-synack-port80.pcap",
                     "scan-nmap-port80-plain.pcap", "fmt-nflog-dns-responses.pcap", "lan-background-nsec.pcapng",
                     "scan-nmap-port80-aggressive.pcap", "background-anon-headers-100pkts.pcap"]
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var labelledSomewhere = 0
        for name in names {
            let path = folder.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let expected = try tsharkMechanicalCounts(path)
            let db = "\(directory)/\(name).db"
            try EndToEnd.lantern(["ingest", "--no-train", "--db", db, path])
            let stats = try EndToEnd.stats(db: db)
            XCTAssertEqual(stats["mechanical backscatter windows"], String(expected.backscatter), "\(name)")
            XCTAssertEqual(stats["mechanical not-backscatter windows"], String(expected.not), "\(name)")
            labelledSomewhere += expected.backscatter + expected.not
        }
        XCTAssertGreaterThan(labelledSomewhere, 0, "the chosen files contain mechanically labelled windows")
    }

    private func tsharkMechanicalCounts(_ path: String) throws -> (backscatter: Int, not: Int) {
        let fields = ["frame.time_epoch", "ip.src", "ipv6.src", "ip.proto", "ipv6.nxt", "tcp.srcport", "tcp.flags.syn", "tcp.flags.ack",
                      "tcp.flags.reset", "tcp.flags.fin", "udp.srcport", "dns.flags.response", "ip.frag_offset"]
        let arguments = ["-r", path, "-n", "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE", "-Y", "ip or ipv6", "-T", "fields",
                         "-E", "separator=|", "-E", "occurrence=f"] + fields.flatMap { ["-e", $0] }
        let output = try EndToEnd.run("/usr/bin/tshark", arguments, environment: ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]).stdout
        struct Window { var packets = 0, web = 0, webAnswer = 0, webSyn = 0, dns = 0, dnsAnswer = 0, dnsQuery = 0 }
        var windows = [String: Window]()
        for line in output.split(separator: "\n") {
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard f.count == fields.count, let time = Double(f[0]) else { continue }
            let source = f[1].isEmpty ? f[2] : f[1]
            let key = "\(source)|\(Int((time / 30).rounded(.down)))"
            var w = windows[key] ?? Window()
            w.packets += 1
            let laterFragment = (Int(f[12]) ?? 0) > 0
            if f[5] == "80" && !laterFragment {
                w.web += 1
                let syn = f[6] == "1", ack = f[7] == "1", rst = f[8] == "1", fin = f[9] == "1"
                if rst || (syn && ack && !fin) { w.webAnswer += 1 }
                if syn && !ack && !rst { w.webSyn += 1 }
            } else if f[10] == "53" && !laterFragment {
                w.dns += 1
                if f[11] == "1" || f[11] == "True" { w.dnsAnswer += 1 }
                if f[11] == "0" || f[11] == "False" { w.dnsQuery += 1 }
            }
            windows[key] = w
        }
        var result = (backscatter: 0, not: 0)
        for w in windows.values {
            if w.web == w.packets && w.webAnswer == w.packets { result.backscatter += 1 }
            else if w.web == w.packets && w.webSyn == w.packets { result.not += 1 }
            else if w.dns == w.packets && w.dnsAnswer == w.packets { result.backscatter += 1 }
            else if w.dns == w.packets && w.dnsQuery == w.packets { result.not += 1 }
        }
        return result
    }

    /// Runs that store no window (here an empty file) train nothing, so failed runs do not
    /// number models that differ from nothing.
    func testRunWithoutWindowsTrainsNoModel() throws {
        try EndToEnd.requireBinary()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        XCTAssertTrue(FileManager.default.createFile(atPath: directory + "/empty.pcap", contents: Data()))
        for _ in 0..<2 {
            let result = try EndToEnd.lantern(["ingest", "--db", "e.db", "empty.pcap"], directory: directory)
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains("no windows were stored, so no model was trained"), result.stderr)
        }
        XCTAssertEqual(try EndToEnd.stats(db: directory + "/e.db")["model version"], "0")
    }

    /// An empty folder gets a note that nothing was found, instead of no output at all.
    func testEmptyFolderSaysNothingFound() throws {
        try EndToEnd.requireBinary()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/spool", withIntermediateDirectories: true)
        let result = try EndToEnd.lantern(["ingest", "--db", "e.db", "spool"], directory: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "no capture or mail files found in spool; nothing was stored\n")
    }
}
