import Foundation
import XCTest
import LanternDarknet
@testable import LanternStore

final class StoreTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "lantern-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testStoreFileIsOwnerOnlyAndWAL() throws {
        let path = directory + "/s.db"
        let store = try Store(path: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        let journal = try store.database.prepare("PRAGMA journal_mode").rows { $0.text(0) }.first
        XCTAssertEqual(journal, "wal")
    }

    /// A mistyped --db naming another program's SQLite file is rejected with its tables named,
    /// and the file keeps every byte: setting WAL mode alone would rewrite its header.
    func testForeignDatabaseRejectedUnchanged() throws {
        let path = directory + "/other.db"
        do {
            let database = try SQLiteDatabase(path: path)
            try database.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        XCTAssertThrowsError(try Store(path: path)) { error in
            guard case let StoreError.notAStore(errorPath, tables) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(errorPath, path)
            XCTAssertEqual(tables, ["t"])
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    /// An empty file, as `touch` leaves it, becomes a store; a store opens again as itself.
    func testEmptyFileBecomesStore() throws {
        let path = directory + "/empty.db"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
        do {
            let store = try Store(path: path)
            XCTAssertEqual(try store.meta("schema"), String(Store.schemaVersion))
        }
        let reopened = try Store(path: path)
        XCTAssertEqual(try reopened.meta("schema"), String(Store.schemaVersion))
    }

    func testCompleteCaptureIsSkippedPartialIsReplaced() throws {
        let store = try Store(path: directory + "/s.db")
        let first = try XCTUnwrap(try store.beginCapture(path: "a.pcap", identity: "id-1", size: 10))
        try store.finishCapture(id: first, status: .partial, counts: CaptureCounts(), error: "cut short")
        let second = try XCTUnwrap(try store.beginCapture(path: "a.pcap", identity: "id-1", size: 10), "a partial capture is read again")
        try store.finishCapture(id: second, status: .complete, counts: CaptureCounts(), error: nil)
        XCTAssertNil(try store.beginCapture(path: "a.pcap", identity: "id-1", size: 10))
        XCTAssertEqual(try store.captures().count, 1)
    }

    /// A file that grew at the same path replaces its earlier, complete capture. A complete,
    /// shorter capture with the same first bytes from another path stays.
    func testGrownFileReplacesCapture() throws {
        let store = try Store(path: directory + "/s.db")
        var copies = CaptureCopies()
        let other = try XCTUnwrap(try store.beginCapture(path: "other.pcap", identity: "i2", size: 4500, prefixHash: "p", copies: &copies))
        try store.finishCapture(id: other, status: .complete, counts: CaptureCounts(), error: nil)
        let first = try XCTUnwrap(try store.beginCapture(path: "now.pcap", identity: "i1", size: 5000, prefixHash: "p", copies: &copies))
        XCTAssertEqual(copies.containedIn, nil)
        XCTAssertEqual(copies.replaced, [], "a complete capture from another path is kept")
        try store.finishCapture(id: first, status: .complete, counts: CaptureCounts(), error: nil)

        // other.pcap (4,500 bytes, complete) was read from another path, so it stays.
        let grown = try store.beginCapture(path: "now.pcap", identity: "i3", size: 9000, prefixHash: "p", copies: &copies)
        XCTAssertNotNil(grown)
        XCTAssertEqual(copies.replaced, ["now.pcap"])
        XCTAssertEqual(try store.captures().map(\.path), ["other.pcap", "now.pcap"])

        copies = CaptureCopies()
        XCTAssertNil(try store.beginCapture(path: "x.pcap", identity: "i4", size: 4200, prefixHash: "p", copies: &copies),
                     "a shorter copy of a complete capture is skipped")
        XCTAssertEqual(copies.containedIn, "other.pcap")
        XCTAssertNotNil(try store.beginCapture(path: "y.pcap", identity: "i5", size: 4200, prefixHash: "q", copies: &copies),
                        "other first bytes: another capture")
    }

    func testLabelsSurviveReopenAndUndoKeepsHistory() throws {
        let path = directory + "/s.db"
        do {
            let store = try Store(path: path)
            let id = try store.insertLabel(source: "203.0.113.5", windowStart: 60, label: "backscatter", analyst: "aiko",
                                           shownScore: 0.2, shownReason: "near boundary", modelVersion: 3)
            _ = try store.insertLabel(source: "203.0.113.9", windowStart: 90, label: "not-backscatter", analyst: "aiko",
                                      shownScore: -0.1, shownReason: nil, modelVersion: 4)
            try store.undoLabel(id: id)
        }
        let reopened = try Store(path: path)
        let all = try reopened.allLabels()
        XCTAssertEqual(all.count, 2)
        XCTAssertNotNil(all[0].undoneAt)
        XCTAssertEqual(all[0].shownReason, "near boundary")
        XCTAssertEqual(try reopened.labelsInForce().map(\.source), ["203.0.113.9"])
    }

    func testWindowRoundTripKeepsFeatures() throws {
        let store = try Store(path: directory + "/s.db")
        let capture = try XCTUnwrap(try store.beginCapture(path: "b.pcap", identity: "id-2", size: 1))
        var summaries = [WindowSummary]()
        let aggregator = WindowAggregator { summaries.append($0) }
        aggregator.add(Packet(timestamp: 5, source: IPAddress(ipv4: 1), destination: IPAddress(ipv4: 2), transport: .tcp,
                              sourcePort: 80, destinationPort: 999, tcpFlags: [.rst]))
        aggregator.finish()
        try store.database.transaction { try store.insertWindows(summaries, captureID: capture) }
        let windows = try store.allWindows()
        XCTAssertEqual(windows.count, 1)
        XCTAssertEqual(windows[0].features, summaries[0].features)
        XCTAssertEqual(windows[0].mechanicalLabel, .backscatter)
        XCTAssertEqual(windows[0].packetsFromWebOrDNSPort, 1)
        XCTAssertEqual(windows[0].source, "0.0.0.1")
    }
}
