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

    func testCompleteCaptureIsSkippedPartialIsReplaced() throws {
        let store = try Store(path: directory + "/s.db")
        let first = try XCTUnwrap(try store.beginCapture(path: "a.pcap", identity: "id-1", size: 10))
        try store.finishCapture(id: first, status: .partial, counts: CaptureCounts(), error: "cut short")
        let second = try XCTUnwrap(try store.beginCapture(path: "a.pcap", identity: "id-1", size: 10), "a partial capture is read again")
        try store.finishCapture(id: second, status: .complete, counts: CaptureCounts(), error: nil)
        XCTAssertNil(try store.beginCapture(path: "a.pcap", identity: "id-1", size: 10))
        XCTAssertEqual(try store.captures().count, 1)
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
