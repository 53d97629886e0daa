import XCTest

@testable import LanternDarknet

/// The pcap bug-report cases: each file reproduces a failure seen in another tool, and each
/// test checks the fields the case names.
final class PacketDecoderCaseTests: XCTestCase {
    private let attacker = address("198.51.100.7")
    private let target = address("203.0.113.5")

    private func readCase(_ name: String) throws -> ReadResult {
        let result = ReadResult.read(try CaptureTestSupport.caseFile(name))
        return result
    }

    func testLinuxCookedV2DecodesIPv4AndIPv6() throws {
        let result = try readCase("P01-sll2-v4-v6.pcap")
        XCTAssertNil(result.error)
        XCTAssertEqual(result.linkType, 276)
        let packets = result.packets
        XCTAssertEqual(packets.count, 3)
        guard packets.count == 3 else { return }

        XCTAssertEqual(packets[0].transport, .tcp)
        XCTAssertEqual(packets[0].source, attacker)
        XCTAssertEqual(packets[0].destination, target)
        XCTAssertEqual(packets[0].sourcePort, 40001)
        XCTAssertEqual(packets[0].destinationPort, 23)
        XCTAssertEqual(packets[0].tcpFlags, .syn)

        XCTAssertEqual(packets[1].transport, .icmpv6)
        XCTAssertEqual(packets[1].source, address("2001:db8:1::7"))
        XCTAssertEqual(packets[1].icmpType, 128)
        XCTAssertEqual(packets[1].icmpCode, 0)

        XCTAssertEqual(packets[2].transport, .udp)
        XCTAssertEqual(packets[2].sourcePort, 41000)
        XCTAssertEqual(packets[2].destinationPort, 5060)
        XCTAssertEqual(packets[2].payloadLength, 23)
        for packet in packets { XCTAssertEqual(packet.anomalies, [], anomalyNames(packet.anomalies)) }
    }

    func testTCPOptionLengthZeroEndsWalk() throws {
        let start = Date()
        let result = try readCase("P02-tcp-option-length-zero.pcap")
        XCTAssertLessThan(Date().timeIntervalSince(start), 5, "the option walk must end in bounded time")
        let packets = result.packets
        XCTAssertEqual(packets.count, 4)
        guard packets.count == 4 else { return }
        XCTAssertEqual(packets.map(\.destinationPort), [23, 2323, 80, 443])
        for packet in packets { XCTAssertEqual(packet.tcpFlags, .syn) }
        for packet in packets.prefix(3) {
            XCTAssertTrue(packet.anomalies.contains(.malformedTCPOptions), "port \(packet.destinationPort)")
        }
        XCTAssertEqual(packets[3].anomalies, [])
        let details = result.details[3]
        XCTAssertEqual(details.tcpMaximumSegmentSize, 1460)
        XCTAssertTrue(details.tcpSACKPermitted)
        XCTAssertNil(result.details[0].tcpMaximumSegmentSize, "MSS with length 0 must not be read")
    }

    func testPcapngSecondLinkTypeStopsAfterFirstPacket() throws {
        let path = try CaptureTestSupport.caseFile("P03-pcapng-two-linktypes.pcapng")
        let result = ReadResult.read(path)
        XCTAssertEqual(result.packets.count, 1)
        XCTAssertEqual(result.packets.first?.destinationPort, 22)
        XCTAssertEqual(result.packets.first?.sourcePort, 40010)
        guard case .readFailed(let errorPath, let recordsRead, let offset, let reason)? = result.error else {
            return XCTFail("expected a read error after packet 1, got \(String(describing: result.error))")
        }
        XCTAssertEqual(errorPath, path)
        XCTAssertEqual(recordsRead, 1)
        XCTAssertNotNil(offset)
        XCTAssertEqual(
            reason, "pcap_next_ex failed: an interface has a type 101 different from the type of the first interface")
        let message = result.error?.description ?? ""
        XCTAssertTrue(message.hasPrefix("Reading capture file \(path) stopped after record 1 at byte offset "), message)
        XCTAssertTrue(message.contains("Record 1 was read and the rest of the file was not"), message)
        XCTAssertTrue(message.contains("split the file by interface"), message)
    }

    func testBadIPv4HeaderLengthIsFlaggedNotFollowed() throws {
        let result = try readCase("P06-ipv4-bad-header-length.pcap")
        XCTAssertNil(result.error)
        let packets = result.packets
        XCTAssertEqual(packets.count, 4)
        guard packets.count == 4 else { return }
        for packet in packets.prefix(3) {
            XCTAssertEqual(packet.anomalies, .badIPv4HeaderLength, anomalyNames(packet.anomalies))
            XCTAssertEqual(packet.transport, .other)
            XCTAssertEqual(packet.payloadLength, 0)
            XCTAssertEqual(packet.source, attacker)
        }
        XCTAssertEqual(result.details[0].ipProtocol, 4, "IHL 0 packet carries protocol 4 (IP-in-IP)")
        XCTAssertEqual(packets[3].transport, .tcp)
        XCTAssertEqual(packets[3].tcpFlags, .syn)
        XCTAssertEqual(packets[3].sourcePort, 40031)
        XCTAssertEqual(packets[3].destinationPort, 23)
        XCTAssertEqual(packets[3].anomalies, [])
        XCTAssertEqual(result.statistics.count(of: .badIPv4HeaderLength), 3)
    }

    func testEthernetPaddingIsNeverPayload() throws {
        let result = try readCase("P07-ethernet-min-frame-padding.pcap")
        let packets = result.packets
        XCTAssertEqual(packets.count, 3)
        guard packets.count == 3 else { return }
        XCTAssertEqual(packets[0].transport, .udp)
        XCTAssertEqual(packets[0].payloadLength, 2)
        XCTAssertEqual(packets[0].destinationPort, 161)
        XCTAssertEqual(packets[1].transport, .tcp)
        XCTAssertEqual(packets[1].tcpFlags, [.rst, .ack])
        XCTAssertEqual(packets[1].payloadLength, 0)
        XCTAssertEqual(packets[1].sourcePort, 8080)
        XCTAssertEqual(packets[2].transport, .icmp)
        XCTAssertEqual(packets[2].icmpType, 0)
        XCTAssertEqual(packets[2].payloadLength, 0)
        for packet in packets {
            XCTAssertEqual(packet.wireLength, 60)
            XCTAssertEqual(packet.anomalies, [], anomalyNames(packet.anomalies))
        }
    }

    func testICMPErrorShortQuoteIsNormal() throws {
        let result = try readCase("P08-icmp-error-short-quote.pcap")
        let packets = result.packets
        XCTAssertEqual(packets.count, 3)
        guard packets.count == 3 else { return }
        let expected: [(type: UInt8, code: UInt8, quoted: QuotedDatagram)] = [
            (3, 3, QuotedDatagram(source: attacker, destination: target, transport: .udp, sourcePort: 41050, destinationPort: 53)),
            (11, 0, QuotedDatagram(source: attacker, destination: target, transport: .tcp, sourcePort: 40051, destinationPort: 23)),
            (1, 4, QuotedDatagram(
                source: address("2001:db8:1::7"), destination: address("2001:db8:2::5"), transport: .udp,
                sourcePort: 41052, destinationPort: 443)),
        ]
        for (packet, expectation) in zip(packets, expected) {
            XCTAssertEqual(packet.icmpType, expectation.type)
            XCTAssertEqual(packet.icmpCode, expectation.code)
            XCTAssertEqual(packet.quoted, expectation.quoted)
            XCTAssertEqual(packet.anomalies, .quotedTruncated, anomalyNames(packet.anomalies))
            XCTAssertEqual(PacketKind(packet), .icmpError)
        }
        XCTAssertEqual(packets[0].source, address("192.0.2.1"))
        XCTAssertEqual(packets[2].transport, .icmpv6)
    }

    func testIPv6FragmentHeaderIsWalked() throws {
        let result = try readCase("P10-ipv6-fragment-header.pcap")
        let packets = result.packets
        XCTAssertEqual(packets.count, 2)
        guard packets.count == 2 else { return }
        XCTAssertEqual(packets[0].transport, .udp)
        XCTAssertEqual(packets[0].sourcePort, 11211)
        XCTAssertEqual(packets[0].destinationPort, 40070)
        XCTAssertTrue(packets[0].isFragment)
        XCTAssertFalse(packets[0].isLaterFragment)
        XCTAssertEqual(result.details[0].ipIdentification, 0xC0FFEE)
        XCTAssertEqual(packets[0].payloadLength, 72 - 8 - 8)

        XCTAssertEqual(packets[1].transport, .udp, "protocol behind the fragment header, not 44")
        XCTAssertTrue(packets[1].isLaterFragment)
        XCTAssertEqual(packets[1].sourcePort, 0, "look-alike 8080 must not become a port")
        XCTAssertEqual(packets[1].destinationPort, 0)
        XCTAssertEqual(result.details[1].fragmentOffset, 64)
        XCTAssertEqual(result.details[1].ipProtocol, 17)
        for packet in packets { XCTAssertEqual(packet.anomalies, []) }
    }

    func testRawIPLinkTypesUseVersionNibble() throws {
        let raw = try readCase("P11-raw-ip-linktype-101.pcap")
        XCTAssertEqual(raw.linkType, 12, "libpcap reports LINKTYPE_RAW 101 as DLT_RAW 12")
        XCTAssertEqual(raw.packets.count, 3)
        if raw.packets.count == 3 {
            XCTAssertEqual(raw.packets[0].tcpFlags, .syn)
            XCTAssertEqual(raw.packets[0].sourcePort, 40080)
            XCTAssertEqual(raw.packets[0].destinationPort, 8080)
            XCTAssertTrue(raw.packets[1].source.isIPv6)
            XCTAssertEqual(raw.packets[1].sourcePort, 41080)
            XCTAssertEqual(raw.packets[1].destinationPort, 443)
            XCTAssertEqual(raw.packets[2].transport, .icmp)
            XCTAssertEqual(raw.packets[2].icmpType, 8)
        }
        let ipv4 = try readCase("P11-raw-ip-linktype-228.pcap")
        XCTAssertEqual(ipv4.linkType, 228)
        XCTAssertEqual(ipv4.packets.count, 2)
        XCTAssertEqual(ipv4.packets.map(\.transport), [.tcp, .icmp])
        for packet in raw.packets + ipv4.packets { XCTAssertEqual(packet.anomalies, []) }
    }

    func testStackedVLANTagsAreWalked() throws {
        let result = try readCase("P12-double-vlan-tags.pcap")
        let packets = result.packets
        XCTAssertEqual(packets.count, 3)
        guard packets.count == 3 else { return }
        XCTAssertEqual(result.details.map(\.outerVLANID), [100, 101, 102])
        XCTAssertEqual(result.details.map(\.innerVLANID), [200, 201, 202])
        XCTAssertEqual(result.details.map(\.vlanTagCount), [2, 2, 2])
        XCTAssertEqual(packets[0].tcpFlags, .syn)
        XCTAssertEqual(packets[0].sourcePort, 40090)
        XCTAssertEqual(packets[0].destinationPort, 22)
        XCTAssertTrue(packets[1].source.isIPv6)
        XCTAssertEqual(packets[1].sourcePort, 41090)
        XCTAssertEqual(packets[1].destinationPort, 123)
        XCTAssertEqual(packets[2].transport, .icmp)
        XCTAssertEqual(packets[2].icmpType, 8)
    }
}
