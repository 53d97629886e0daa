import Foundation
import XCTest
import LanternDarknet
@testable import LanternStore

/// Window segments: exact round trips, scores, damage, and conversion of schema 1 stores.
final class WindowSegmentTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "lantern-segments-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func summary(_ source: IPAddress, start: Double, features: [Double], label: MechanicalLabel? = nil,
                         rule: MechanicalLabel.Rule? = nil) -> WindowSummary {
        WindowSummary(source: source, windowStart: start, firstSeen: start + 0.000_123, lastSeen: start + 29.999_999, packets: 70_000,
                      features: features, kindCounts: [0, 3, 300, 70_000], mechanicalLabel: label, mechanicalRule: rule,
                      dominantTransport: .udp, dominantSourcePort: 53, quotedServicePort: 65_535,
                      destinationBlocks: Array(0..<16), tapDestinations: [1, 2, 3], tapPorts: [4, 5, 6], tapPackets: [7, 8, 9],
                      topDestinationPorts: [(key: 1 << 16 | 53, count: 9)], anomalousPackets: 0, packetsFromWebOrDNSPort: 12)
    }

    func testEveryStoredValueReadsBackBitForBit() throws {
        let store = try Store(path: directory + "/s.db")
        let capture = try XCTUnwrap(try store.beginCapture(path: "a.pcap", identity: "a", size: 1))
        // Whole numbers take the short form; everything else must keep its exact bits.
        let awkward: [Double] = [0, -0.0, 1, 0x1p52 - 1, 0x1p52, 1e300, -3, 1.0 / 3, .nan, .infinity, -.infinity, .leastNonzeroMagnitude]
        let v6 = try XCTUnwrap(IPAddress("2001:db8::ff00:42:8329"))
        let windows = [summary(v6, start: 1_700_000_010, features: awkward, label: .backscatter, rule: .udp53),
                       summary(IPAddress(ipv4: 0xC000_0201), start: 30, features: [], label: .notBackscatter, rule: .tcp80)]
        try store.database.transaction { try store.insertWindows(windows, captureID: capture) }

        let stored = try store.allWindows()
        XCTAssertEqual(stored.map(\.source), ["192.0.2.1", "2001:db8::ff00:42:8329"], "oldest first")
        let read = stored[1]
        XCTAssertEqual(read.features.map(\.bitPattern), awkward.map(\.bitPattern))
        XCTAssertEqual(read.firstSeen.bitPattern, (1_700_000_010 + 0.000_123).bitPattern)
        XCTAssertEqual(read.lastSeen, 1_700_000_010 + 29.999_999)
        XCTAssertEqual(read.packets, 70_000)
        XCTAssertEqual(read.kindCounts, [0, 3, 300, 70_000])
        XCTAssertEqual(read.destinationBlocks, Array(0..<16))
        XCTAssertEqual(read.transport, .udp)
        XCTAssertEqual(read.servicePort, 53)
        XCTAssertEqual(read.quotedPort, 65_535)
        XCTAssertEqual(read.packetsFromWebOrDNSPort, 12)
        XCTAssertEqual(read.mechanicalLabel, .backscatter)
        XCTAssertEqual(stored[0].mechanicalLabel, .notBackscatter)
        XCTAssertNil(read.score)

        let counts = try store.windowCounts()
        XCTAssertEqual(counts.windows, 2)
        XCTAssertEqual(counts.packets, 140_000)
        XCTAssertEqual(counts.sources, 2)
        XCTAssertEqual(counts.mechanicalBackscatter, 1)
        XCTAssertEqual(counts.mechanicalNot, 1)
        XCTAssertEqual(try store.windows(ofSource: "2001:db8::ff00:42:8329").map(\.id), [read.id])
        XCTAssertEqual(try store.window(id: stored[0].id)?.source, "192.0.2.1")
        XCTAssertNil(try store.window(id: 99))
    }

    func testSegmentSizeAndIdReuse() throws {
        let store = try Store(path: directory + "/s.db")
        let first = try XCTUnwrap(try store.beginCapture(path: "a.pcap", identity: "a", size: 1))
        let many = (0..<(Store.windowsPerSegment + 10)).map { summary(IPAddress(ipv4: UInt32($0)), start: Double($0 / 100) * 30, features: [Double($0)]) }
        try store.database.transaction { try store.insertWindows(many, captureID: first) }
        XCTAssertEqual(try store.database.prepare("SELECT count FROM window_segments ORDER BY id").rows { Int($0.int(0)) },
                       [Store.windowsPerSegment, 10])
        let ids = try store.allWindows().map(\.id)
        XCTAssertEqual(ids, Array(1...Int64(many.count)))

        // A partial capture read again is deleted with its windows; new windows get new ids.
        try store.finishCapture(id: first, status: .partial, counts: CaptureCounts(), error: "cut")
        let second = try XCTUnwrap(try store.beginCapture(path: "a.pcap", identity: "a", size: 1))
        XCTAssertEqual(try store.windowCounts().windows, 0)
        try store.database.transaction { try store.insertWindows([many[0]], captureID: second) }
        XCTAssertEqual(try store.allWindows().map(\.id), [Int64(many.count) + 1])
    }

    func testPartialScoreUpdatesMerge() throws {
        let store = try Store(path: directory + "/s.db")
        let capture = try XCTUnwrap(try store.beginCapture(path: "a.pcap", identity: "a", size: 1))
        let windows = (0..<5).map { summary(IPAddress(ipv4: UInt32($0)), start: Double($0) * 30, features: [1]) }
        try store.database.transaction { try store.insertWindows(windows, captureID: capture) }
        try store.updateScores([(id: 2, score: -0.5), (id: 4, score: 1.25)], modelVersion: 1)
        XCTAssertEqual(try store.allWindows().map(\.score), [nil, -0.5, nil, 1.25, nil])
        try store.updateScores([(id: 1, score: 0.75), (id: 4, score: 2)], modelVersion: 2)
        XCTAssertEqual(try store.allWindows().map(\.score), [0.75, -0.5, nil, 2, nil])
    }

    func testDamagedSegmentNamesTheStoreAndSegment() throws {
        let path = directory + "/s.db"
        let store = try Store(path: path)
        let capture = try XCTUnwrap(try store.beginCapture(path: "a.pcap", identity: "a", size: 1))
        try store.database.transaction {
            try store.insertWindows([summary(IPAddress(ipv4: 1), start: 0, features: [0.5, 2])], captureID: capture)
        }
        // Cut the blob five bytes into its only record: 6 bytes of header, one 4-byte source and one offset.
        try store.database.execute("UPDATE window_segments SET data = substr(data, 1, 6 + 4 + 4 + 5)")
        XCTAssertThrowsError(try store.allWindows()) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains(path), message)
            XCTAssertTrue(message.contains("window segment 1 is damaged"), message)
        }
        try store.database.execute("UPDATE window_segments SET data = x'02'")
        XCTAssertThrowsError(try store.windowCounts()) { error in
            XCTAssertTrue(String(describing: error).contains("unknown format"), String(describing: error))
        }
    }

    /// A store written before segments (schema 1, one row per window) is converted when opened,
    /// keeping every value, score and label.
    func testSchemaOneStoreIsConvertedOnOpen() throws {
        let path = directory + "/old.db"
        do {
            let database = try SQLiteDatabase(path: path)
            try database.execute("""
                CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT INTO meta VALUES ('schema', '1');
                CREATE TABLE captures(id INTEGER PRIMARY KEY, path TEXT NOT NULL, identity TEXT NOT NULL UNIQUE, size INTEGER NOT NULL,
                    status TEXT NOT NULL, records INTEGER NOT NULL DEFAULT 0, ip_packets INTEGER NOT NULL DEFAULT 0,
                    not_ip INTEGER NOT NULL DEFAULT 0, undecodable INTEGER NOT NULL DEFAULT 0, error TEXT, ingested_at REAL NOT NULL);
                INSERT INTO captures VALUES (1, 'a.pcap', 'a', 1, 'complete', 3, 3, 0, 0, NULL, 0), (2, 'b.pcap', 'b', 1, 'complete', 1, 1, 0, 0, NULL, 0);
                CREATE TABLE windows(id INTEGER PRIMARY KEY, capture_id INTEGER NOT NULL, src TEXT NOT NULL, window_start REAL NOT NULL,
                    first_seen REAL NOT NULL, last_seen REAL NOT NULL, packets INTEGER NOT NULL, transport INTEGER NOT NULL,
                    service_port INTEGER NOT NULL, quoted_port INTEGER NOT NULL, web_dns_packets INTEGER NOT NULL, mech_label INTEGER,
                    mech_rule TEXT, features BLOB NOT NULL, kinds BLOB NOT NULL, blocks BLOB NOT NULL, tap BLOB NOT NULL,
                    top_ports TEXT NOT NULL, score REAL, score_version INTEGER);
                CREATE INDEX windows_by_source ON windows(src, window_start);
                CREATE TABLE labels(id INTEGER PRIMARY KEY, src TEXT NOT NULL, window_start REAL NOT NULL, label TEXT NOT NULL,
                    analyst TEXT NOT NULL, labelled_at REAL NOT NULL, shown_score REAL, shown_reason TEXT, model_version INTEGER NOT NULL,
                    undone_at REAL);
                INSERT INTO labels VALUES (1, '198.51.100.7', 60, 'backscatter', 'aiko', 5, 0.1, NULL, 1, NULL);
                """)

            let insert = try database.prepare("""
                INSERT INTO windows(capture_id, src, window_start, first_seen, last_seen, packets, transport, service_port, quoted_port,
                    web_dns_packets, mech_label, mech_rule, features, kinds, blocks, tap, top_ports, score, score_version)
                VALUES (?, ?, ?, ?, ?, ?, 6, 80, 0, 2, ?, ?, ?, ?, ?, ?, '6:25565:2,6:80:1', ?, 1)
                """)
            try insert.run([.integer(1), .text("198.51.100.7"), .real(60), .real(61.5), .real(62.25), .integer(2), .integer(1), .text("80/tcp"),
                            .doubles([2, 0.75, 1.0 / 3]), .doubles([2, 0]), .doubles([1, 1]), .doubles([1, 0, 0, 2, 0, 0, 2, 0, 0]), .real(0.5)])
            try insert.run([.integer(1), .text("2001:db8::1"), .real(30), .real(30), .real(30), .integer(1), .null, .null,
                            .doubles([1, 0, 0]), .doubles([1, 0]), .doubles([0, 1]), .doubles([0, 0, 0, 0, 0, 0, 0, 0, 0]), .null])
            try insert.run([.integer(2), .text("198.51.100.7"), .real(90), .real(95), .real(95), .integer(1), .integer(0), .text("53/udp"),
                            .doubles([1, 0, 0]), .doubles([0, 1]), .doubles([1, 0]), .doubles([0, 1, 0, 0, 1, 0, 0, 1, 0]), .real(-2)])
        }

        let store = try Store(path: path)
        XCTAssertEqual(try store.meta("schema"), "3")
        XCTAssertEqual(try store.database.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'windows'").rows { $0.int(0) }, [0])
        XCTAssertEqual(try store.database.prepare("SELECT capture_id, count FROM window_segments ORDER BY id").rows { [$0.int(0), $0.int(1)] },
                       [[1, 2], [2, 1]], "one segment per capture, so deleting a capture deletes its windows")

        let windows = try store.allWindows()
        XCTAssertEqual(windows.map(\.source), ["2001:db8::1", "198.51.100.7", "198.51.100.7"])
        XCTAssertEqual(windows.map(\.score), [nil, 0.5, -2])
        XCTAssertEqual(windows.map(\.mechanicalLabel), [nil, .backscatter, .notBackscatter])
        XCTAssertEqual(windows[1].features, [2, 0.75, 1.0 / 3])
        XCTAssertEqual(windows[1].firstSeen, 61.5)
        XCTAssertEqual(windows[1].lastSeen, 62.25)
        XCTAssertEqual(windows[1].servicePort, 80)
        XCTAssertEqual(windows[1].destinationBlocks, [1, 1])
        XCTAssertEqual(try store.labelsInForce().map(\.source), ["198.51.100.7"])
        // Opening again does not convert twice.
        XCTAssertEqual(try Store(path: path).allWindows().count, 3)
    }

    /// Segments written before format 2 (17-byte sources, plain times, full counts) still read.
    func testFormatOneSegmentStillReads() throws {
        let store = try Store(path: directory + "/s.db")
        let capture = try XCTUnwrap(try store.beginCapture(path: "a.pcap", identity: "a", size: 1))
        var blob: [UInt8] = [1]
        appendLittleEndian(UInt32(2), to: &blob)
        for (family, high, low) in [(UInt8(4), UInt64(0), UInt64(0xC000_0201)), (UInt8(6), UInt64(0x2001_0db8_0000_0000), UInt64(7))] {
            blob.append(family)
            appendLittleEndian(high, to: &blob)
            appendLittleEndian(low, to: &blob)
        }
        var records: [UInt8] = []
        var offsets: [UInt32] = []
        for (start, first) in [(30.0, 31.25), (60.0, 60.0 + 1.0 / 3)] {
            offsets.append(UInt32(records.count))
            for value in [Varint.double(start), .double(first), .double(start + 29), .integer(4)] { value.append(to: &records) }
            records.append(6)  // transport
            for value in [Varint.integer(443), .integer(0), .integer(1)] { value.append(to: &records) }
            records.append(2)  // backscatter, no rule
            for value in [Varint.integer(2), .double(4), .double(0.5)] { value.append(to: &records) }
            for counts in [[4, 0, 0], Array(repeating: 1, count: 16)] {
                Varint.integer(counts.count).append(to: &records)
                for count in counts { Varint.integer(count).append(to: &records) }
            }
        }
        for offset in offsets { appendLittleEndian(offset, to: &blob) }
        blob += records
        try store.database.prepare("""
            INSERT INTO window_segments(capture_id, first_window, count, packets, mech_backscatter, mech_not, data)
            VALUES (?, 1, 2, 8, 2, 0, ?)
            """).run([.integer(capture), .blob(blob)])

        let windows = try store.allWindows()
        XCTAssertEqual(windows.map(\.source), ["192.0.2.1", "2001:db8::7"])
        XCTAssertEqual(windows.map(\.firstSeen), [31.25, 60.0 + 1.0 / 3])
        XCTAssertEqual(windows.map(\.lastSeen), [59, 89])
        XCTAssertEqual(windows.map(\.features), [[4, 0.5], [4, 0.5]])
        XCTAssertEqual(windows.map(\.kindCounts), [[4, 0, 0], [4, 0, 0]])
        XCTAssertEqual(windows[1].destinationBlocks, Array(repeating: 1, count: 16))
        XCTAssertEqual(windows.map(\.servicePort), [443, 443])
        XCTAssertEqual(windows.map(\.mechanicalLabel), [.backscatter, .backscatter])
        XCTAssertEqual(try store.windows(ofSource: "2001:db8::7").map(\.windowStart), [60])
    }

    /// A segment of IPv4 sources keeps each in four bytes; one IPv6 source makes them 17.
    func testSourceWidthFollowsAddressFamilies() throws {
        let store = try Store(path: directory + "/s.db")
        let capture = try XCTUnwrap(try store.beginCapture(path: "a.pcap", identity: "a", size: 1))
        let v4 = (0..<3).map { summary(IPAddress(ipv4: 0xC633_6400 + UInt32($0)), start: 30, features: [1]) }
        try store.database.transaction { try store.insertWindows(v4, captureID: capture) }
        let v6 = try XCTUnwrap(IPAddress("2001:db8::1"))
        try store.database.transaction { try store.insertWindows([v4[0], summary(v6, start: 60, features: [1])], captureID: capture) }

        let widths = try store.database.prepare("SELECT data FROM window_segments ORDER BY id").rows { $0.blob(0)[5] }
        XCTAssertEqual(widths, [4, 17])
        XCTAssertEqual(try store.allWindows().map(\.source),
                       ["198.51.100.0", "198.51.100.1", "198.51.100.2", "198.51.100.0", "2001:db8::1"])
        XCTAssertEqual(try store.windowCounts().sources, 4)
    }

    func testSchemaTwoStoreIsRaisedToThree() throws {
        let path = directory + "/s.db"
        let store = try Store(path: path)
        let capture = try XCTUnwrap(try store.beginCapture(path: "a.pcap", identity: "a", size: 1))
        try store.database.transaction {
            try store.insertWindows([summary(IPAddress(ipv4: 1), start: 0, features: [2])], captureID: capture)
        }
        try store.database.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
        let reopened = try Store(path: path)
        XCTAssertEqual(try reopened.meta("schema"), "3")
        XCTAssertEqual(try reopened.allWindows().map(\.features), [[2]])
    }

    private func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// Values in the encoding of segment records: LEB128 integers, and doubles as twice a whole
/// number or the tag 1 and eight bytes.
private enum Varint {
    case integer(Int)
    case double(Double)

    func append(to bytes: inout [UInt8]) {
        switch self {
        case .integer(let value):
            var rest = UInt64(value)
            while rest >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        case .double(let value):
            if value >= 0, value < 0x1p52, value.rounded(.towardZero) == value {
                Varint.integer(Int(value) << 1).append(to: &bytes)
            } else {
                bytes.append(1)
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
        }
    }
}
