import Foundation
import XCTest
import LanternDarknet
import LanternStore
@testable import LanternTriage

/// The files of one ingest run, such as a sensor's hourly captures, form one history per host.
final class CaptureIngestHistoryTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "lantern-history-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Writes one SYN-ACK every 50 s for 20 minutes from a victim, whole and split at 10 minutes.
    private func writeCaptures() throws {
        let whole = try PcapWriter(path: directory + "/whole.pcap")
        let first = try PcapWriter(path: directory + "/1.pcap")
        let second = try PcapWriter(path: directory + "/2.pcap")
        for step in 0..<24 {
            let packet = Packet(timestamp: 1_700_000_000 + Double(step * 50), source: IPAddress(ipv4: 0xCB00_7105),
                                destination: IPAddress(ipv4: 0x0A00_0000 + UInt32(step)), transport: .tcp,
                                sourcePort: 443, destinationPort: UInt16(20_000 + step), tcpFlags: [.syn, .ack])
            try whole.write(packet)
            try (step < 12 ? first : second).write(packet)
        }
        for writer in [whole, first, second] { try writer.close() }
    }

    /// Returns the host features of the only host's last window in `store`.
    private func lastHostFeatures(_ store: Store) throws -> (windows: Double, packets: Double) {
        let last = try XCTUnwrap(try store.allWindows().last)
        let names = WindowFeatures.allNames
        let windows = try XCTUnwrap(names.firstIndex(of: "host windows"))
        let packets = try XCTUnwrap(names.firstIndex(of: "host packets"))
        return (last.features[windows], last.features[packets])
    }

    func testHistoryContinuesAcrossFiles() throws {
        try writeCaptures()
        let whole = try Store(path: directory + "/whole.db")
        XCTAssertNil(try CaptureIngest(store: whole).ingest(path: directory + "/whole.pcap").error)

        let split = try Store(path: directory + "/split.db")
        let ingest = CaptureIngest(store: split)
        for name in ["1.pcap", "2.pcap"] { XCTAssertNil(try ingest.ingest(path: directory + "/" + name).error) }

        let expected = try lastHostFeatures(whole)
        XCTAssertEqual(expected.packets, 24)
        XCTAssertEqual(expected.windows, 24)
        let carried = try lastHostFeatures(split)
        XCTAssertEqual(carried.packets, expected.packets)
        XCTAssertEqual(carried.windows, expected.windows)

        // Separate runs start again, as the files then need not belong together.
        let separate = try Store(path: directory + "/separate.db")
        for name in ["1.pcap", "2.pcap"] { XCTAssertNil(try CaptureIngest(store: separate).ingest(path: directory + "/" + name).error) }
        XCTAssertEqual(try lastHostFeatures(separate).packets, 12)
    }
}
