import Foundation
import XCTest
@testable import LanternDarknet

/// Captures that claim absurd sizes must fail with a message, not with an allocation.
final class CaptureLimitsTests: XCTestCase {
    private func writeCapture(recordCaptureLength: UInt32, named name: String) throws -> String {
        var bytes = [UInt8]()
        func append32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        func append16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        // Classic pcap header: magic, version 2.4, zone, sigfigs, snaplen 262144, Ethernet.
        append32(0xA1B2_C3D4); append16(2); append16(4); append32(0); append32(0); append32(262_144); append32(1)
        // One record header claiming `recordCaptureLength` captured bytes, followed by 64 bytes.
        append32(1_700_000_000); append32(0); append32(recordCaptureLength); append32(recordCaptureLength)
        bytes += [UInt8](repeating: 0, count: 64)
        let path = NSTemporaryDirectory() + "lantern-limits-\(UUID().uuidString)-\(name)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func residentKilobytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss
    }

    func testFourGigabyteCaptureLengthFailsWithMessage() throws {
        let path = try writeCapture(recordCaptureLength: 0xFFFF_FFFF, named: "huge.pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let before = residentKilobytes()
        let reader = try CaptureReader(path: path)
        var records = 0
        var failure: CaptureError?
        do {
            while try reader.next() != nil { records += 1 }
        } catch {
            failure = error
        }
        XCTAssertEqual(records, 0)
        let message = try XCTUnwrap(failure).description
        XCTAssertTrue(message.contains(path), message)
        XCTAssertTrue(message.contains("stopped before the first record at byte offset 40"), message)
        XCTAssertTrue(message.contains("invalid packet capture length 4294967295"), message)
        XCTAssertLessThan(residentKilobytes() - before, 64 * 1024, "no gigabyte-sized buffer was allocated")
    }

    func testCaptureLengthAboveSnaplenStillReadsBoundedRecord() throws {
        // 70,000 bytes claimed with a 262,144 snaplen is legal; the file only has 64, so the read
        // must stop with a truncation message rather than hand out bytes past the end.
        let path = try writeCapture(recordCaptureLength: 70_000, named: "short.pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CaptureReader(path: path)
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertTrue(String(describing: error).contains(path))
        }
    }
}
