import XCTest

@testable import LanternDarknet

/// Decoder checks on frames built in the test, for shapes the shared captures do not hold.
final class PacketDecoderTests: XCTestCase {
    typealias F = FrameBuilder

    /// Valid frames of several link types and layers, each with a name for failure messages.
    private var sampleFrames: [(name: String, linkType: Int32, bytes: [UInt8])] {
        let syn = F.tcp(from: 40001, to: 23, flags: .syn, options: [2, 4, 0x05, 0xB4, 4, 2, 1, 1, 8, 10] + [UInt8](repeating: 7, count: 8))
        let dnsResponse = F.udp(from: 53, to: 41000, payload: [0x12, 0x34, 0x81, 0x80] + [UInt8](repeating: 0, count: 8))
        let quotedUDP = F.ipv4(protocol: 17, payload: F.udp(from: 41050, to: 53, payload: []), totalLength: 1200)
        let fragmentHeader: [UInt8] = [17, 0, 0, 1] + F.bigEndian32(0xC0FFEE)
        let nflogPrefix: [UInt8] = [2, 0, 0, 0, 8, 0, 1, 0, 0x08, 0x00, 0, 0]
        let nflogPayload = F.ipv4(protocol: 6, payload: syn)
        let nflogLength = 4 + nflogPayload.count
        return [
            ("ethernet IPv4 TCP with options", 1, F.ethernet(etherType: 0x0800, payload: F.ipv4(protocol: 6, payload: syn))),
            ("802.1ad+802.1Q IPv6 UDP DNS", 1,
             F.ethernet(etherType: 0x86DD, payload: F.ipv6(nextHeader: 17, payload: dnsResponse), tags: [(0x88A8, 100), (0x8100, 200)])),
            ("ethernet ICMP port unreachable", 1,
             F.ethernet(etherType: 0x0800, payload: F.ipv4(protocol: 1, payload: F.icmp(type: 3, code: 3) + quotedUDP))),
            ("SLL2 IPv6 fragment UDP", 276,
             F.bigEndian16(0x86DD) + [UInt8](repeating: 0, count: 18)
                + F.ipv6(nextHeader: 44, payload: fragmentHeader + F.udp(from: 11211, to: 40070, payload: [1, 2, 3, 4]))),
            ("NFLOG IPv4 TCP", 239,
             nflogPrefix + [UInt8(nflogLength & 0xFF), UInt8(nflogLength >> 8), 9, 0] + nflogPayload),
            ("NULL IPv6 TCP", 0, [30, 0, 0, 0] + F.ipv6(nextHeader: 6, payload: syn)),
            ("MPLS IPv4 UDP", 1,
             F.ethernet(etherType: 0x8847, payload: [0, 0x01, 0x00, 64, 0, 0x02, 0x01, 64]
                + F.ipv4(protocol: 17, payload: F.udp(from: 161, to: 40000, payload: [0x30, 0x00])))),
        ]
    }

    func testSampleFramesDecodeCleanly() {
        for sample in sampleFrames {
            guard case .packet(let packet, _) = decodeFrame(sample.bytes, linkType: sample.linkType) else {
                XCTFail("\(sample.name): not decoded")
                continue
            }
            XCTAssertEqual(packet.anomalies.subtracting(.quotedTruncated), [], "\(sample.name): \(anomalyNames(packet.anomalies))")
            XCTAssertNotEqual(packet.transport, .other, sample.name)
        }
    }

    func testEveryTruncationIsFlagged() {
        for sample in sampleFrames {
            for length in 0..<sample.bytes.count {
                let outcome = decodeFrame(sample.bytes, linkType: sample.linkType, capturedLength: length)
                switch outcome {
                case .packet(let packet, _):
                    XCTAssertTrue(packet.anomalies.contains(.truncated), "\(sample.name) cut at \(length): \(anomalyNames(packet.anomalies))")
                case .undecodable(let anomalies):
                    XCTAssertTrue(anomalies.contains(.truncated), "\(sample.name) cut at \(length): \(anomalyNames(anomalies))")
                case .notIP:
                    XCTFail("\(sample.name) cut at \(length): reported as not IP")
                }
            }
        }
    }

    /// Mutates bytes of the sample frames, cuts them at random lengths and decodes them under
    /// every supported link type. The guard page behind each frame turns any read past the
    /// captured bytes into a crash; the checks cover the invariants callers rely on.
    func testMutatedFramesNeverReadPastCapture() {
        var random = SplitMix64(seed: 0x1A47E3)
        let linkTypes = PacketDecoder.supportedLinkTypes.keys.sorted()
        var decoded = 0
        for sample in sampleFrames {
            for _ in 0..<3000 {
                var bytes = sample.bytes
                for _ in 0...(random.next() % 4) {
                    bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
                }
                let captured = Int(random.next() % UInt64(bytes.count + 1))
                let wire = random.next() % 4 == 0 ? Int(random.next() % 200) : bytes.count
                let linkType = random.next() % 2 == 0 ? sample.linkType : linkTypes[Int(random.next() % UInt64(linkTypes.count))]
                let outcome = decodeFrame(bytes, linkType: linkType, capturedLength: captured, wireLength: wire)
                guard case .packet(let packet, _) = outcome else { continue }
                decoded += 1
                XCTAssertGreaterThanOrEqual(packet.payloadLength, 0)
                XCTAssertEqual(packet.wireLength, max(wire, captured))
                if packet.isLaterFragment { XCTAssertEqual(packet.sourcePort, 0) }
            }
        }
        XCTAssertGreaterThan(decoded, 1000, "most mutations should still reach IP")
    }

    func testTruncatedTCPKeepsCapturedFields() {
        let frame = F.ethernet(etherType: 0x0800, payload: F.ipv4(protocol: 6, payload: F.tcp(from: 40001, to: 23, flags: [.syn, .ack])))
        // 14 Ethernet + 20 IP + 14 TCP bytes: ports and flags are there, the window is not.
        let packet = decodeFrame(frame, capturedLength: 48).packet
        XCTAssertEqual(packet?.sourcePort, 40001)
        XCTAssertEqual(packet?.destinationPort, 23)
        XCTAssertEqual(packet?.tcpFlags, [.syn, .ack])
        XCTAssertEqual(packet?.anomalies, .truncated)
        XCTAssertEqual(packet?.payloadLength, 0)
    }

    func testLoopbackFamiliesInBothByteOrders() {
        let ipv4 = F.ipv4(protocol: 17, payload: F.udp(from: 1, to: 2, payload: []))
        let ipv6 = F.ipv6(nextHeader: 17, payload: F.udp(from: 1, to: 2, payload: []))
        for linkType: Int32 in [0, 108] {
            for (family, packet) in [(2, ipv4), (10, ipv6), (24, ipv6), (28, ipv6), (30, ipv6)] {
                let little: [UInt8] = [UInt8(family), 0, 0, 0]
                let big: [UInt8] = [0, 0, 0, UInt8(family)]
                for header in [little, big] {
                    let decoded = decodeFrame(header + packet, linkType: linkType).packet
                    XCTAssertEqual(decoded?.source.isIPv6, family != 2, "link type \(linkType), family bytes \(header)")
                    XCTAssertEqual(decoded?.anomalies, [], "link type \(linkType), family bytes \(header)")
                }
            }
            guard case .notIP = decodeFrame([17, 0, 0, 0] + ipv4, linkType: linkType) else {
                return XCTFail("AF 17 must be reported as not IP")
            }
        }
    }

    func testVLANTagWalkIsBounded() {
        let payload = F.ipv4(protocol: 17, payload: F.udp(from: 1, to: 2, payload: []))
        let eightTags = F.ethernet(etherType: 0x0800, payload: payload, tags: Array(repeating: (0x8100, 7), count: 8))
        guard case .packet(_, let details) = decodeFrame(eightTags) else { return XCTFail("8 tags must decode") }
        XCTAssertEqual(details.vlanTagCount, 8)
        let nineTags = F.ethernet(etherType: 0x0800, payload: payload, tags: Array(repeating: (0x8100, 7), count: 9))
        guard case .undecodable(let anomalies) = decodeFrame(nineTags) else { return XCTFail("9 tags must be rejected") }
        XCTAssertEqual(anomalies, .badLinkHeader)
    }

    func testMPLSStackWithoutBottomIsBounded() {
        let label: [UInt8] = [0, 0x01, 0x00, 64]  // bottom-of-stack bit clear
        let frame = F.ethernet(etherType: 0x8847, payload: Array([[UInt8]](repeating: label, count: 20).joined()))
        guard case .undecodable(let anomalies) = decodeFrame(frame) else { return XCTFail("endless label stack must be rejected") }
        XCTAssertEqual(anomalies, .badLinkHeader)
    }

    func testNonIPEtherTypeIsNotIP() {
        let arp = F.ethernet(etherType: 0x0806, payload: [UInt8](repeating: 0, count: 28))
        guard case .notIP(let details) = decodeFrame(arp) else { return XCTFail("ARP must be reported as not IP") }
        XCTAssertEqual(details.etherType, 0x0806)
    }

    func testUnknownLinkTypeIsUndecodable() {
        guard case .undecodable(let anomalies) = decodeFrame([1, 2, 3, 4], linkType: 160) else { return XCTFail("link type 160") }
        XCTAssertEqual(anomalies, .badLinkHeader)
        XCTAssertFalse(PacketDecoder.supports(linkType: 160))
        for linkType: Int32 in [0, 1, 12, 14, 101, 108, 113, 228, 229, 239, 258, 276] {
            XCTAssertTrue(PacketDecoder.supports(linkType: linkType), "link type \(linkType)")
        }
    }

    func testTCPOptionWalkStopsOnBadLengths() {
        let cases: [(name: String, options: [UInt8], malformed: Bool)] = [
            ("length 1", [2, 1, 0, 0], true),
            ("past header", [1, 1, 3, 12], true),
            ("kind without length byte", [1, 1, 1, 4], true),
            ("EOL then junk", [0, 0, 9, 0], false),
            ("window scale", [1, 3, 3, 7], false),
        ]
        for test in cases {
            let frame = F.ethernet(etherType: 0x0800, payload: F.ipv4(protocol: 6, payload: F.tcp(from: 1, to: 2, flags: .syn, options: test.options)))
            guard case .packet(let packet, let details) = decodeFrame(frame) else { XCTFail(test.name); continue }
            XCTAssertEqual(packet.anomalies.contains(.malformedTCPOptions), test.malformed, test.name)
            if test.name == "window scale" { XCTAssertEqual(details.tcpWindowScale, 7) }
        }
    }

    func testTCPDataOffsetBelowTwentyIsFlagged() {
        var segment = F.tcp(from: 1, to: 2, flags: .syn, payload: [1, 2, 3, 4])
        segment[12] = 0x20  // 8-byte header claimed
        let packet = decodeFrame(F.ethernet(etherType: 0x0800, payload: F.ipv4(protocol: 6, payload: segment))).packet
        XCTAssertEqual(packet?.anomalies, .malformedTCPOptions)
        XCTAssertEqual(packet?.payloadLength, 4)
    }

    func testIPv4LaterFragmentHasNoPorts() {
        let frame = F.ethernet(
            etherType: 0x0800,
            payload: F.ipv4(protocol: 17, payload: F.udp(from: 8080, to: 80, payload: [1, 2, 3, 4]), fragmentField: 185))
        let packet = decodeFrame(frame).packet
        XCTAssertEqual(packet?.transport, .udp)
        XCTAssertEqual(packet?.isFragment, true)
        XCTAssertEqual(packet?.isLaterFragment, true)
        XCTAssertEqual(packet?.sourcePort, 0)
        XCTAssertEqual(packet?.destinationPort, 0)
        XCTAssertEqual(packet?.payloadLength, 12)
        XCTAssertEqual(packet.map(PacketKind.init), .udpOther)
    }

    func testIPv4FirstFragmentKeepsPorts() {
        let frame = F.ethernet(
            etherType: 0x0800, payload: F.ipv4(protocol: 17, payload: F.udp(from: 53, to: 4444, payload: [0, 1, 0x80, 0]), fragmentField: 0x2000))
        let packet = decodeFrame(frame).packet
        XCTAssertEqual(packet?.isFragment, true)
        XCTAssertEqual(packet?.isLaterFragment, false)
        XCTAssertEqual(packet?.sourcePort, 53)
        XCTAssertEqual(packet?.dnsResponse, true)
    }

    func testIPLengthBeyondFrameIsFlagged() {
        let frame = F.ethernet(etherType: 0x0800, payload: F.ipv4(protocol: 17, payload: F.udp(from: 1, to: 2, payload: [9]), totalLength: 400))
        let packet = decodeFrame(frame).packet
        XCTAssertEqual(packet?.anomalies, .badIPLength)
        XCTAssertEqual(packet?.payloadLength, 1, "payload falls back to the frame's end")

        let tiny = F.ethernet(etherType: 0x0800, payload: F.ipv4(protocol: 17, payload: F.udp(from: 1, to: 2, payload: []), totalLength: 12))
        XCTAssertEqual(decodeFrame(tiny).packet?.anomalies, .badIPLength)
    }

    func testDNSQRBitNeedsThreeHeaderBytes() {
        let query = F.udp(from: 41000, to: 53, payload: [0x12, 0x34, 0x01, 0x00])
        XCTAssertEqual(decodeFrame(F.ethernet(etherType: 0x0800, payload: F.ipv4(protocol: 17, payload: query))).packet?.dnsResponse, false)
        let short = F.udp(from: 53, to: 41000, payload: [0x12, 0x34])
        XCTAssertNil(decodeFrame(F.ethernet(etherType: 0x0800, payload: F.ipv4(protocol: 17, payload: short))).packet?.dnsResponse)
        let other = F.udp(from: 5353, to: 5353, payload: [0, 0, 0x84, 0])
        XCTAssertNil(decodeFrame(F.ethernet(etherType: 0x0800, payload: F.ipv4(protocol: 17, payload: other))).packet?.dnsResponse)
    }

    func testICMPErrorWithoutQuoteIsFlagged() {
        let frame = F.ethernet(etherType: 0x0800, payload: F.ipv4(protocol: 1, payload: F.icmp(type: 3, code: 1)))
        let packet = decodeFrame(frame).packet
        XCTAssertNil(packet?.quoted)
        XCTAssertEqual(packet?.anomalies, .quotedTruncated)
        XCTAssertEqual(packet?.destinationPort, 0x0301)
    }

    func testIPv6HopByHopThenTCP() {
        let hopByHop: [UInt8] = [6, 0, 1, 4, 0, 0, 0, 0]
        let frame = F.ethernet(etherType: 0x86DD, payload: F.ipv6(nextHeader: 0, payload: hopByHop + F.tcp(from: 5, to: 6, flags: .rst)))
        guard case .packet(let packet, let details) = decodeFrame(frame) else { return XCTFail("not decoded") }
        XCTAssertEqual(packet.transport, .tcp)
        XCTAssertEqual(packet.tcpFlags, .rst)
        XCTAssertEqual(details.ipProtocol, 6)
        XCTAssertEqual(packet.anomalies, [])
    }

    func testEtherTypeVersionMismatchIsFlagged() {
        let frame = F.ethernet(etherType: 0x0800, payload: F.ipv6(nextHeader: 17, payload: F.udp(from: 1, to: 2, payload: [])))
        guard case .packet(let packet, let details) = decodeFrame(frame) else { return XCTFail("not decoded") }
        XCTAssertTrue(packet.source.isIPv6)
        XCTAssertTrue(details.ipVersionMismatch)
        XCTAssertEqual(packet.anomalies, .badLinkHeader)
    }

    func testStatisticsCountEachOutcome() {
        var statistics = CaptureStatistics()
        let frames: [[UInt8]] = [
            F.ethernet(etherType: 0x0800, payload: F.ipv4(protocol: 6, payload: F.tcp(from: 1, to: 2, flags: .syn))),
            F.ethernet(etherType: 0x0806, payload: [UInt8](repeating: 0, count: 28)),
            F.ethernet(etherType: 0x0800, payload: [0x45, 0]),
        ]
        for frame in frames {
            statistics.add(decodeFrame(frame, capturedLength: frame.count), capturedLength: frame.count, wireLength: frame.count, timestamp: 5)
        }
        XCTAssertEqual(statistics.records, 3)
        XCTAssertEqual(statistics.packets, 1)
        XCTAssertEqual(statistics.tcp, 1)
        XCTAssertEqual(statistics.notIP, 1)
        XCTAssertEqual(statistics.undecodable, 1)
        XCTAssertEqual(statistics.count(of: .badIPLength), 1)
        XCTAssertEqual(statistics.firstTimestamp, 5)
        XCTAssertEqual(statistics.summaryLines.first, "records 3: IP packets 1, not IP 1, undecodable 1")
    }
}

/// A small deterministic generator (SplitMix64), so a failing fuzz case repeats.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
