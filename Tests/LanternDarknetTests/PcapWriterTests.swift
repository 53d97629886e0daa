import Foundation
import XCTest

@testable import LanternDarknet

/// Byte-level checks of the pcap writer against tcpdump and tshark.
final class PcapWriterTests: XCTestCase {
    private let start = 1_767_571_200.0
    private let victim = IPAddress("203.0.113.80") ?? IPAddress(ipv4: 0)  // literal: cannot fail
    private let darknetHost = IPAddress("198.18.7.9") ?? IPAddress(ipv4: 0)  // literal: cannot fail

    /// Builds one packet of each shape the simulator writes.
    private func samplePackets() -> [SimulatedPacket] {
        let v6Victim = IPAddress("2001:db8:1::80") ?? victim  // literal: cannot fail
        let v6Darknet = IPAddress("2001:db8:ffff::9") ?? darknetHost  // literal: cannot fail
        func tcp(_ flags: TCPFlags, _ options: SimulatedTCPOptions, from source: IPAddress, to destination: IPAddress) -> SimulatedPacket {
            SimulatedPacket(
                packet: Packet(timestamp: start, source: source, destination: destination, transport: .tcp,
                               sourcePort: 443, destinationPort: 40001, tcpFlags: flags),
                ttl: 50, ipIdentification: 7, sequence: 1000, acknowledgement: flags.contains(.ack) ? 2000 : 0, window: 29200,
                tcpOptions: options)
        }
        let dnsResponse = SimulatedPacket(
            packet: Packet(timestamp: start + 1, source: victim, destination: darknetHost, transport: .udp, sourcePort: 53, destinationPort: 40002),
            ttl: 50, payload: .dns(DNSMessagePlan(identifier: 0x1234, nameSeed: 3, isResponse: true, responseCode: 0)))
        let dnsQuery = SimulatedPacket(
            packet: Packet(timestamp: start + 2, source: victim, destination: darknetHost, transport: .udp, sourcePort: 53, destinationPort: 53),
            ttl: 50, payload: .dns(DNSMessagePlan(identifier: 0x4321, nameSeed: 5, isResponse: false, queryType: 255)))
        var unreachable = SimulatedPacket(
            packet: Packet(timestamp: start + 3, source: victim, destination: darknetHost, transport: .icmp, destinationPort: 3 << 8 | 3,
                           quoted: QuotedDatagram(source: darknetHost, destination: victim, transport: .udp, sourcePort: 41000, destinationPort: 9999)),
            ttl: 50, sequence: 77, payload: .quote(originalLength: 540))
        unreachable.packet.quoted = QuotedDatagram(source: darknetHost, destination: victim, transport: .udp, sourcePort: 41000, destinationPort: 9999)
        let v6Unreachable = SimulatedPacket(
            packet: Packet(timestamp: start + 4, source: v6Victim, destination: v6Darknet, transport: .icmpv6, destinationPort: 1 << 8 | 4,
                           quoted: QuotedDatagram(source: v6Darknet, destination: v6Victim, transport: .tcp, sourcePort: 41001, destinationPort: 443)),
            ttl: 50, sequence: 78, payload: .quote(originalLength: 60))
        let echoReply = SimulatedPacket(
            packet: Packet(timestamp: start + 5, source: victim, destination: darknetHost, transport: .icmp, destinationPort: 0),
            ttl: 50, payload: .echo(identifier: 9, sequence: 10, length: 56))
        let v6EchoReply = SimulatedPacket(
            packet: Packet(timestamp: start + 6, source: v6Victim, destination: v6Darknet, transport: .icmpv6, destinationPort: 129 << 8),
            ttl: 50, payload: .echo(identifier: 9, sequence: 11, length: 56))
        let quic = SimulatedPacket(
            packet: Packet(timestamp: start + 7, source: victim, destination: darknetHost, transport: .udp, sourcePort: 443, destinationPort: 50000),
            ttl: 50, payload: .service(.quicServerInitial))
        return [
            tcp([.syn, .ack], .linux(mss: 1460, timestamp: 5), from: victim, to: darknetHost),
            tcp([.syn], .windows(mss: 1440), from: victim, to: darknetHost),
            tcp([.rst, .ack], .none, from: victim, to: darknetHost),
            tcp([.syn, .ack], .mss(1220), from: v6Victim, to: v6Darknet),
            dnsResponse, dnsQuery, unreachable, v6Unreachable, echoReply, v6EchoReply, quic,
        ]
    }

    private func writeSamples(linkType: PcapWriter.LinkType, resolution: PcapWriter.TimestampResolution) throws -> String {
        let path = SimulationTestCapture.temporaryPath("samples-\(linkType.rawValue)-\(resolution).pcap")
        let writer = try PcapWriter(path: path, linkType: linkType, resolution: resolution)
        for packet in samplePackets() { try writer.write(packet) }
        try writer.close()
        return path
    }

    func testFileHeaderForEachLinkTypeAndResolution() throws {
        for (linkType, resolution, magic) in [
            (PcapWriter.LinkType.ethernet, PcapWriter.TimestampResolution.microseconds, UInt32(0xa1b2_c3d4)),
            (.rawIP, .nanoseconds, 0xa1b2_3c4d),
        ] {
            let data = try Data(contentsOf: URL(fileURLWithPath: try writeSamples(linkType: linkType, resolution: resolution)))
            let header = SimulationTestCapture.header(of: data)
            XCTAssertEqual(header.magic, magic)
            XCTAssertEqual(header.linkType, linkType.rawValue)
            let packets = SimulationTestCapture.packets(in: data)
            XCTAssertEqual(packets.count, samplePackets().count)
            XCTAssertEqual(packets.first?.timestamp ?? 0, start, accuracy: 1e-6)
            XCTAssertEqual(packets.map { PacketKind($0) }, samplePackets().map { PacketKind($0.packet) })
        }
    }

    func testTcpdumpFindsChecksumsCorrect() throws {
        let path = try writeSamples(linkType: .ethernet, resolution: .microseconds)
        guard let result = try SimulationTestCapture.run("/usr/bin/tcpdump", ["-vvnr", path]) else {
            throw XCTSkip("tcpdump is not installed at /usr/bin/tcpdump")
        }
        XCTAssertFalse(result.output.contains("incorrect"), result.output)
        XCTAssertFalse(result.output.contains("bad cksum"), result.output)
        XCTAssertEqual(result.output.components(separatedBy: "cksum 0x").count - 1, 4, "four TCP checksums shown:\n\(result.output)")
        XCTAssertTrue(result.output.contains("options [mss 1460,sackOK,TS val 5 ecr 0,nop,wscale 7]"), result.output)
        XCTAssertTrue(result.output.contains("udp port 9999 unreachable"), result.output)
        XCTAssertTrue(result.output.contains("4660 q: A? "), "DNS response with identifier 0x1234:\n\(result.output)")
    }

    func testTsharkDecodesQuotesAndDNSFlags() throws {
        let path = try writeSamples(linkType: .ethernet, resolution: .microseconds)
        let fields = ["frame.number", "dns.flags.response", "icmp.type", "icmpv6.type", "ip.src", "ip.dst", "udp.dstport", "tcp.srcport",
                      "ip.checksum.status", "udp.checksum.status", "tcp.checksum.status", "icmp.checksum.status", "icmpv6.checksum.status"]
        let arguments = ["-r", path, "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                         "-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"] + fields.flatMap { ["-e", $0] }
        guard let result = try SimulationTestCapture.run("/usr/bin/tshark", arguments) else {
            throw XCTSkip("tshark is not installed at /usr/bin/tshark")
        }
        let rows = result.output.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(rows.count, samplePackets().count, result.error)
        guard rows.count == samplePackets().count else { return }
        XCTAssertEqual(rows[4][1], "1", "DNS response QR bit")
        XCTAssertEqual(rows[5][1], "0", "DNS query QR bit")
        // The port unreachable quotes the spoofed datagram: darknet host to victim, UDP to 9999.
        XCTAssertEqual(rows[6][2], "3")
        XCTAssertEqual(rows[6][4], "203.0.113.80,198.18.7.9")
        XCTAssertEqual(rows[6][5], "198.18.7.9,203.0.113.80")
        XCTAssertEqual(rows[6][6], "9999")
        XCTAssertEqual(rows[7][3], "1", "ICMPv6 destination unreachable")
        XCTAssertEqual(rows[9][3], "129", "ICMPv6 echo reply")
        for (index, row) in rows.enumerated() {
            for column in 8...12 where !row[column].isEmpty {
                XCTAssertFalse(row[column].split(separator: ",").contains("0"), "packet \(index + 1): \(fields[column]) = \(row[column]) (1 good, 2 unverifiable quote, 0 bad)")
            }
        }
    }

    func testWriteRejectsMixedIPVersions() throws {
        let writer = try PcapWriter(path: SimulationTestCapture.temporaryPath("mixed.pcap"))
        let packet = Packet(timestamp: start, source: victim, destination: IPAddress("2001:db8::1") ?? victim, transport: .udp)
        XCTAssertThrowsError(try writer.write(packet)) { error in
            XCTAssertEqual("\(error)", "cannot write packet: source 203.0.113.80 and destination 2001:db8::1 differ in IP version")
        }
    }

    func testOpenFailureNamesPath() {
        XCTAssertThrowsError(try PcapWriter(path: "/nonexistent-dir/x.pcap")) { error in
            XCTAssertEqual("\(error)", "cannot open /nonexistent-dir/x.pcap: No such file or directory (errno 2); check the path and its permissions")
        }
    }
}
