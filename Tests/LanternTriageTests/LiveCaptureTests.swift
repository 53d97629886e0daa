import Foundation
import XCTest
import LanternDarknet
import LanternStore
@testable import LanternTriage

/// Live capture on the loopback interface, with traffic the test sends to itself.
final class LiveCaptureTests: XCTestCase {
    private func sendDatagrams(count: Int, port: UInt16) throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard socket >= 0 else { throw XCTSkip("cannot open a UDP socket: \(String(cString: strerror(errno)))") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let payload = [UInt8](repeating: 0x41, count: 12)
        for _ in 0..<count {
            _ = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(socket, payload, payload.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            usleep(2_000)
        }
    }

    func testLoopbackCaptureStoresWindowsUntilBreak() throws {
        let port = UInt16.random(in: 40_000...60_000)
        let reader: CaptureReader
        do {
            reader = try CaptureReader(interface: "lo", filter: "udp and dst port \(port)", bufferTimeoutMilliseconds: 50)
        } catch {
            throw XCTSkip("live capture on lo is not permitted here (\(error.description)); it needs root or CAP_NET_RAW")
        }
        let directory = NSTemporaryDirectory() + "lantern-live-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try Store(path: directory + "/live.db")
        let ingest = CaptureIngest(store: store)
        ingest.liveFlushSeconds = 0.2

        // The capture thread writes the box before signalling; the test reads it only after the wait.
        final class OutcomeBox: @unchecked Sendable { var result: Result<CaptureIngest.FileOutcome, Error>? }
        let box = OutcomeBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = Result { try ingest.ingestLive(reader, interface: "lo") }
            done.signal()
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.5)
        try sendDatagrams(count: 20, port: port)
        Thread.sleep(forTimeInterval: 0.5)
        reader.breakLoop()
        // pcap_breakloop only takes effect when pcap_next_ex returns, so one more packet wakes it.
        try sendDatagrams(count: 1, port: port)
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success, "the capture stops after breakLoop")

        let outcome = try XCTUnwrap(box.result).get()
        XCTAssertNil(outcome.error)
        XCTAssertGreaterThanOrEqual(outcome.statistics.records, 20)
        let windows = try store.allWindows()
        XCTAssertEqual(windows.reduce(0) { $0 + $1.packets }, outcome.statistics.packets)
        XCTAssertTrue(windows.allSatisfy { $0.source == "127.0.0.1" })
        XCTAssertEqual(try store.captures().first?.path, "live:lo")
        XCTAssertEqual(try store.captures().first?.status, .complete)
    }
}
