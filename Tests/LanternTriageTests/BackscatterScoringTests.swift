import Foundation
import XCTest
import LanternDarknet
import LanternStore
@testable import LanternTriage

final class BackscatterScoringTests: XCTestCase {
    /// The review screen reads a host's windows from memory; they must be the store's windows
    /// of that host, in the store's order.
    func testHostWindowsMatchStore() throws {
        let directory = NSTemporaryDirectory() + "lantern-scoring-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try Store(path: directory + "/s.db")
        let capture = try XCTUnwrap(try store.beginCapture(path: "a.pcap", identity: "a", size: 1))

        var summaries = [WindowSummary]()
        let aggregator = WindowAggregator { summaries.append($0) }
        for second in stride(from: 0.0, to: 600, by: 7) {
            let host = IPAddress(ipv4: 0xC633_6400 + UInt32(second) % 5)
            aggregator.add(Packet(timestamp: second, source: host, destination: IPAddress(ipv4: 0x0A00_0001), transport: .tcp,
                                  sourcePort: UInt16(1000 + Int(second) % 3), destinationPort: 23, tcpFlags: [.syn, .ack]))
        }
        aggregator.finish()
        try store.database.transaction { try store.insertWindows(summaries, captureID: capture) }

        let scoring = try BackscatterScoring(store: store)
        let sources = Set(scoring.windows.map(\.source))
        XCTAssertEqual(sources.count, 5)
        for source in sources {
            let fromStore = try store.windows(ofSource: source)
            XCTAssertGreaterThan(fromStore.count, 1, source)
            XCTAssertEqual(scoring.windows(ofSource: source).map(\.id), fromStore.map(\.id), source)
        }
        XCTAssertEqual(scoring.windows(ofSource: "192.0.2.99").count, 0)
    }
}
