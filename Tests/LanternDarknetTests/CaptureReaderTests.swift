import Foundation
import XCTest

@testable import LanternDarknet

/// The reader and decoder on the shared real captures, checked against tcpdump and tshark run
/// on the same files.
final class CaptureReaderTests: XCTestCase {
    typealias Support = CaptureTestSupport

    // MARK: Record counts and errors against tcpdump

    func testRecordCountsMatchTcpdump() throws {
        let files = try Support.dataFiles() + [try Support.caseFile("P03-pcapng-two-linktypes.pcapng")]
        XCTAssertGreaterThan(files.count, 80)
        for path in files {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let expected = try Support.tcpdumpSummary(path)
            let result = ReadResult.read(path, keepOutcomes: false)
            switch (expected.error, result.error) {
            case (nil, nil):
                XCTAssertEqual(result.statistics.records, expected.packets, name)
            case (nil, .unsupportedLinkType(_, let linkType, _)?):
                // tcpdump prints such records as hex; Lantern rejects the file at open.
                XCTAssertEqual(linkType, 160, name)
            case (let tcpdumpError?, .readFailed(_, let recordsRead, _, let reason)?):
                XCTAssertEqual(recordsRead, expected.packets, name)
                XCTAssertEqual(result.statistics.records, expected.packets, name)
                XCTAssertEqual(reason, "pcap_next_ex failed: " + tcpdumpError.replacingOccurrences(of: "pcap_loop: ", with: ""), name)
            case (let tcpdumpError?, .cannotOpen(_, let reason)?):
                XCTAssertEqual(expected.packets, 0, name)
                XCTAssertTrue(reason.contains(tcpdumpError), "\(name): \(reason) vs tcpdump: \(tcpdumpError)")
            case (let tcpdumpError, let ourError):
                XCTFail("\(name): tcpdump error \(tcpdumpError ?? "none"), ours \(ourError.map(String.init(describing:)) ?? "none")")
            }
        }
    }

    func testEveryRecordDecodesToOneOutcome() throws {
        for path in try Support.dataFiles() {
            let statistics = ReadResult.read(path, keepOutcomes: false).statistics
            XCTAssertEqual(statistics.packets + statistics.notIP + statistics.undecodable, statistics.records, path)
        }
    }

    /// The ingest decodes every frame into one reused packet and details; across frames of
    /// every kind that must give what a fresh decode gives.
    func testInPlaceDecodeMatchesOutcome() throws {
        let decoder = PacketDecoder()
        var packet = Packet.unset
        var details = PacketDetails()
        var kinds = [0, 0, 0]
        for path in try Support.dataFiles() {
            guard let reader = try? CaptureReader(path: path) else { continue }
            while let record = try? reader.next() {
                let outcome = decoder.decode(
                    linkType: reader.linkType, bytes: record.bytes, wireLength: record.wireLength, timestamp: record.timestamp)
                let kind = decoder.decode(
                    linkType: reader.linkType, bytes: record.bytes, wireLength: record.wireLength, timestamp: record.timestamp,
                    into: &packet, details: &details)
                switch outcome {
                case .packet(let expected, let expectedDetails):
                    XCTAssertEqual(kind, .packet, path)
                    XCTAssertEqual(String(describing: packet), String(describing: expected), path)
                    XCTAssertEqual(details, expectedDetails, path)
                    kinds[0] += 1
                case .notIP(let expectedDetails):
                    XCTAssertEqual(kind, .notIP, path)
                    XCTAssertEqual(details, expectedDetails, path)
                    kinds[1] += 1
                case .undecodable(let anomalies):
                    XCTAssertEqual(kind, .undecodable(anomalies), path)
                    kinds[2] += 1
                }
            }
        }
        XCTAssertTrue(kinds.allSatisfy { $0 > 0 }, "the shared captures hold packets, other frames and undecodable ones: \(kinds)")
    }

    // MARK: Decoded fields against tshark

    /// tshark display filters and the same count computed from our packets. ICMP errors are
    /// excluded on tshark's side because it also matches the TCP/UDP header they quote. Teredo
    /// is excluded because Lantern does not decode IPv6 tunnelled in UDP. IP reassembly is off so
    /// a fragmented datagram's ports stay on its first fragment.
    private let fieldChecks: [(filter: String, ours: (Packet) -> Bool)] = [
        ("tcp.flags.syn == 1 && tcp.flags.ack == 1 && !icmp && !icmpv6",
         { $0.transport == .tcp && $0.tcpFlags.isSuperset(of: [.syn, .ack]) }),
        ("tcp.flags.syn == 1 && tcp.flags.ack == 0 && !icmp && !icmpv6",
         { $0.transport == .tcp && $0.tcpFlags.contains(.syn) && !$0.tcpFlags.contains(.ack) }),
        ("tcp.flags.reset == 1 && !icmp && !icmpv6", { $0.transport == .tcp && $0.tcpFlags.contains(.rst) }),
        ("udp.srcport == 53 && !icmp && !icmpv6", { $0.transport == .udp && $0.sourcePort == 53 }),
        ("icmp.type == 3", { $0.transport == .icmp && $0.icmpType == 3 }),
        ("ipv6 && !teredo && !icmp", { $0.source.isIPv6 }),
    ]

    func testDecodedFieldsMatchTshark() throws {
        let files = [
            "ddos-synack-reflection-ftp21.pcap", "ddos-amp-dns-fragments.pcap", "ddos-amp-snmp-src161.pcap",
            "dns-tunnel-own-queries-negative.pcap", "scan-nmap-udp-icmp-port-unreach.pcap", "scan-nmap-null-rst-replies.pcap",
            "iot-mirai-irc-c2-retries-ctu.pcap", "lan-background-nsec.pcapng", "fmt-vlan-1999-lan.pcap", "fmt-mpls-snaplen256.pcap.gz",
            "fmt-sll-snaplen128.pcap.gz", "fmt-nflog-dns-responses.pcap", "fmt-null-loopback-dns.pcap", "fmt-sll2-ping.pcap",
            "honeypot-attack-trace-honeynet-2010.pcap.gz", "scan-xprobe-tcp-syn-rst.pcap", "background-anon-headers-100pkts.pcap",
            "fmt-snaplen-truncated-tcp.pcap", "ddos-synflood-spoofed-dport25565.pcap", "bad-fuzzed-packets.pcap",
        ]
        for name in files {
            let path = try Support.dataFile(name)
            let packets = ReadResult.read(path).packets
            let expected = try tsharkCounts(path, filters: fieldChecks.map(\.filter))
            for (check, count) in zip(fieldChecks, expected) {
                XCTAssertEqual(packets.filter(check.ours).count, count, "\(name): \(check.filter)")
            }
        }
    }

    /// Frame counts for each display filter from one tshark pass (`-z io,stat` with one
    /// interval spanning the capture), with IP reassembly off.
    private func tsharkCounts(_ path: String, filters: [String]) throws -> [Int] {
        try Support.requireTool("/usr/bin/tshark", package: "tshark")
        let statistic = "io,stat,0," + filters.joined(separator: ",")
        let output = try Support.runShell(
            "/usr/bin/tshark -n -q -o ip.defragment:FALSE -o ipv6.defragment:FALSE -r \"$1\" -z \"$2\" 2>/dev/null",
            [path, statistic])
        // The data row reads "| 0.0 <> 818.2 | frames | bytes | frames | bytes | … |".
        guard let row = output.standardOutput.split(separator: "\n").last(where: { $0.contains("<>") }) else {
            XCTFail("tshark printed no statistics for \(path): \(output.standardError)")
            return []
        }
        let cells = row.split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        return filters.indices.map { Int(cells[2 + 2 * $0]) ?? -1 }
    }

    private func tsharkCount(_ path: String, filter: String) throws -> Int {
        try tsharkCounts(path, filters: [filter]).first ?? -1
    }

    func testFragmentCountsMatchTshark() throws {
        for name in ["fmt-vlan-1999-lan.pcap", "ddos-amp-dns-fragments.pcap", "fmt-ipv6-fragments-ping.pcapng", "bad-fuzzed-packets.pcap"] {
            let path = try Support.dataFile(name)
            let statistics = ReadResult.read(path, keepOutcomes: false).statistics
            let expected = try tsharkCount(
                path, filter: "ip.flags.mf#1 == 1 || ip.frag_offset#1 > 0 || ipv6.fraghdr#1")
            XCTAssertEqual(statistics.fragments, expected, name)
        }
    }

    // MARK: Link types and malformed files

    func testUnsupportedLinkTypeNamesNumber() throws {
        let path = try Support.dataFile("bad-linktype-unsupported-user13.pcap")
        XCTAssertThrowsError(try CaptureReader(path: path)) { error in
            // libpcap 1.10.3 has no name for the USER link types.
            XCTAssertEqual(error as? CaptureError, .unsupportedLinkType(path: path, linkType: 160, name: "unknown to libpcap"))
            let message = String(describing: error)
            XCTAssertTrue(
                message.hasPrefix("Capture file \(path) has link type 160 (unknown to libpcap), which Lantern cannot decode."), message)
            XCTAssertTrue(message.contains("276 LINUX_SLL2 (Linux cooked v2)"), message)
        }
        let reader = try CaptureReader(path: path, requireSupportedLinkType: false)
        let record = try reader.next()
        XCTAssertEqual(record?.capturedLength, 23)
        XCTAssertNil(try reader.next())
    }

    func testOpenErrorsNameFileAndReason() throws {
        let notCapture = try Support.dataFile("bad-not-a-capture.bin")
        XCTAssertThrowsError(try CaptureReader(path: notCapture)) { error in
            XCTAssertEqual(
                String(describing: error),
                "Cannot open capture file \(notCapture): unknown file format. "
                    + "Lantern reads pcap and pcapng files, optionally gzip-compressed; check the path and the file type.")
        }
        let pointer = try Support.dataFile("bad-git-lfs-pointer.pcap")
        XCTAssertThrowsError(try CaptureReader(path: pointer)) { error in
            XCTAssertEqual(
                String(describing: error),
                "Cannot open capture file \(pointer): unknown file format; the file is a Git LFS pointer, not the capture. "
                    + "Fetch the real file with git lfs pull in the repository it came from.")
        }
        let missing = NSTemporaryDirectory() + "lantern-no-such-file.pcap"
        XCTAssertThrowsError(try CaptureReader(path: missing)) { error in
            XCTAssertEqual(error as? CaptureError, .cannotOpen(path: missing, reason: "No such file or directory"))
        }
    }

    func testTruncatedFileReportsOffset() throws {
        let path = try Support.dataFile("bad-cut-short-fuzzed.pcap")
        let result = ReadResult.read(path)
        XCTAssertEqual(
            result.error,
            .readFailed(
                path: path, recordsRead: 1, byteOffset: 239,
                reason: "pcap_next_ex failed: truncated dump file; tried to read 16 header bytes, only got 2"))
    }

    func testMalformedSharedFilesAreFlagged() throws {
        let headerLength = ReadResult.read(try Support.dataFile("bad-ipv4-header-length.pcap")).packets
        XCTAssertEqual(headerLength.map(\.anomalies), [.badIPv4HeaderLength])

        let totalLength = ReadResult.read(try Support.dataFile("bad-ipv4-total-length.pcap")).packets
        XCTAssertEqual(totalLength.map(\.anomalies), [.badIPLength])
        XCTAssertEqual(totalLength.first?.destinationPort, 53)
        XCTAssertEqual(totalLength.first?.payloadLength, 56, "tcpdump prints (56)")

        let ipv6Length = ReadResult.read(try Support.dataFile("bad-ipv6-payload-length.pcap"))
        // Captured and wire length are both 53 bytes, so the IPv6 header is short on the wire.
        XCTAssertEqual(ipv6Length.statistics.undecodable, 1)
        XCTAssertEqual(ipv6Length.statistics.count(of: .badIPLength), 1)

        let nflog = ReadResult.read(try Support.dataFile("bad-nflog-tlv-length.pcap"))
        XCTAssertEqual(nflog.statistics.undecodable, 1)
        XCTAssertEqual(nflog.statistics.count(of: .badLinkHeader), 1)

        let sll = ReadResult.read(try Support.dataFile("bad-sll-bogus-protocol.pcap")).statistics
        XCTAssertEqual(sll.notIP, 100)
        XCTAssertEqual(sll.packets, 0)

        let unknownICMP = ReadResult.read(try Support.dataFile("bad-icmp-unknown-type.pcap")).packets
        XCTAssertEqual(unknownICMP.map(\.anomalies), [.unknownICMPType])
        XCTAssertEqual(unknownICMP.first?.icmpType, 165)

        let noQuote = ReadResult.read(try Support.dataFile("bad-icmp-unreach-no-quote.pcap")).packets
        XCTAssertEqual(noQuote.map(\.anomalies), [.quotedTruncated])
        XCTAssertNil(noQuote.first?.quoted)

        let rst = ReadResult.read(try Support.dataFile("bad-tcp-rst-truncated-null.pcap")).packets
        XCTAssertEqual(rst.first?.tcpFlags, [.rst, .ack])
        XCTAssertEqual(rst.first?.sourcePort, 43018)
        XCTAssertEqual(rst.first?.destinationPort, 8080)
        XCTAssertEqual(rst.first?.payloadLength, 8)
        XCTAssertEqual(rst.first?.anomalies, .truncated)
    }

    func testLinkTypeVersionMismatchIsFlagged() throws {
        for (name, isIPv6) in [("bad-linktype228-carrying-ipv6.pcap", true), ("bad-linktype229-carrying-ipv4.pcap", false)] {
            let result = ReadResult.read(try Support.dataFile(name))
            XCTAssertEqual(result.packets.count, 1, name)
            XCTAssertEqual(result.packets.first?.source.isIPv6, isIPv6, name)
            XCTAssertEqual(result.packets.first?.destinationPort, 53, name)
            XCTAssertEqual(result.packets.first?.dnsResponse, false, name)
            XCTAssertEqual(result.packets.first?.anomalies, .badLinkHeader, name)
            XCTAssertEqual(result.details.first?.ipVersionMismatch, true, name)
        }
        for name in ["fmt-ipv4-linktype228-dns.pcap", "fmt-ipv6-linktype229-dns.pcap", "fmt-rawip101-ipv6-dns.pcap"] {
            let result = ReadResult.read(try Support.dataFile(name))
            XCTAssertEqual(result.packets.first?.anomalies, [], name)
            XCTAssertEqual(result.details.first?.ipVersionMismatch, false, name)
        }
    }

    func testOtherLinkTypesDecode() throws {
        let pktap = ReadResult.read(try Support.dataFile("fmt-pktap-dns.pcap")).packets
        XCTAssertEqual(pktap.first?.source, address("10.32.4.27"))
        XCTAssertEqual(pktap.first?.sourcePort, 63538)
        XCTAssertEqual(pktap.first?.dnsResponse, false)

        let mpls = ReadResult.read(try Support.dataFile("fmt-mpls-icmp.pcap"))
        XCTAssertEqual(mpls.packets.count, 10)
        XCTAssertEqual(mpls.packets.filter { $0.icmpType == 8 }.count, 5)
        XCTAssertEqual(mpls.details.filter { $0.mplsLabelCount == 1 }.count, 5, "requests carry one label, replies none")

        let nflog = ReadResult.read(try Support.dataFile("fmt-nflog-http.pcap")).packets
        XCTAssertEqual(nflog.count, 13)
        XCTAssertEqual(nflog.filter { $0.tcpFlags == .syn }.count, 3)

        let quoted = ReadResult.read(try Support.dataFile("fmt-icmp6-unreach-ext-hdr-trunc.pcap")).packets
        XCTAssertEqual(quoted.first?.quoted?.source, address("fe80::beef"))
        XCTAssertEqual(quoted.first?.quoted?.transport, .other)
        XCTAssertEqual(quoted.first?.anomalies, .quotedTruncated)

        let allFlags = ReadResult.read(try Support.dataFile("fmt-tcp-syn-ack-rst-all-flags.pcap")).packets
        XCTAssertEqual(allFlags.first.map(PacketKind.init), .rst)
    }

    // MARK: Timestamps, progress, gzip

    func testTimestampsKeepNanosecondsAndLateDates() throws {
        let nanosecond = ReadResult.read(try Support.dataFile("fmt-sll-nsec-handshake.pcap"))
        XCTAssertEqual(nanosecond.statistics.firstTimestamp ?? 0, 1_418_145_369.924_505_488, accuracy: 1e-6)
        let year2038 = ReadResult.read(try Support.dataFile("fmt-time-2038-overflow.pcap"))
        XCTAssertEqual(year2038.statistics.firstTimestamp, 2_147_483_648)
        let year2106 = ReadResult.read(try Support.dataFile("fmt-time-2106-overflow.pcapng"))
        XCTAssertEqual(year2106.statistics.firstTimestamp, 4_294_967_296)
        let classic2106 = ReadResult.read(try Support.dataFile("fmt-time-2106.pcap"))
        XCTAssertEqual(classic2106.statistics.firstTimestamp, 4_291_747_200, "2106-01-01 00:00:00 UTC")
    }

    func testProgressReachesFileSize() throws {
        let path = try Support.dataFile("scan-nmap-ack-rst-replies.pcap")
        let reader = try CaptureReader(path: path)
        XCTAssertEqual(reader.fileSize, 146_024)
        XCTAssertEqual(reader.streamSize, 146_024)
        XCTAssertEqual(reader.bytesRead, 24)
        var previous: Int64 = 0
        while try reader.next() != nil {
            XCTAssertGreaterThan(reader.bytesRead, previous)
            previous = reader.bytesRead
        }
        XCTAssertEqual(reader.bytesRead, 146_024)
        XCTAssertEqual(reader.recordsRead, 2000)
        reader.close()
        reader.close()
        XCTAssertNil(try reader.next())
        XCTAssertEqual(reader.bytesRead, 146_024)
    }

    func testGzipFileReadsWithDecompressedProgress() throws {
        let path = try Support.dataFile("honeypot-attack-trace-honeynet-2010.pcap.gz")
        let decompressed = try Support.runShell("gzip -dc \"$1\" | wc -c", [path])
        let size = Int64(decompressed.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
        let reader = try CaptureReader(path: path)
        XCTAssertTrue(reader.isCompressed)
        XCTAssertEqual(reader.fileSize, 154_791)
        XCTAssertEqual(reader.streamSize, size)
        var records = 0
        while try reader.next() != nil { records += 1 }
        XCTAssertEqual(records, 348)
        XCTAssertEqual(reader.bytesRead, size)
    }

    // MARK: Filters

    func testFilterCompilesOnDeadHandle() throws {
        XCTAssertNoThrow(try CaptureReader.validateFilter("tcp[tcpflags] & (tcp-syn|tcp-ack) != 0 and not port 22"))
        XCTAssertNoThrow(try CaptureReader.validateFilter("ip6 and udp", linkType: 276))
        XCTAssertThrowsError(try CaptureReader.validateFilter("tcp port eighty")) { error in
            guard case .invalidFilter(let filter, let reason)? = error as? CaptureError else {
                return XCTFail("expected invalidFilter, got \(error)")
            }
            XCTAssertEqual(filter, "tcp port eighty")
            XCTAssertFalse(reason.isEmpty)
            XCTAssertTrue(String(describing: error).hasPrefix("Invalid capture filter \"tcp port eighty\": \(reason)."))
        }
    }

    func testFilterAppliesToFile() throws {
        let path = try Support.dataFile("ddos-synack-reflection-ftp21.pcap")
        let reader = try CaptureReader(path: path)
        try reader.setFilter("tcp[tcpflags] & (tcp-syn|tcp-ack) == (tcp-syn|tcp-ack)")
        var records = 0
        while try reader.next() != nil { records += 1 }
        XCTAssertEqual(records, try tsharkCount(path, filter: "tcp.flags.syn == 1 && tcp.flags.ack == 1"))
        XCTAssertEqual(records, 542)
    }

    // MARK: Directories

    func testCaptureSourceSkipsNonCaptures() throws {
        let directory = try Support.requireDataDirectory()
        let source = try CaptureSource(paths: [directory.path])
        let skipped = Dictionary(uniqueKeysWithValues: source.skipped.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.reason) })
        XCTAssertEqual(skipped.keys.sorted(), ["PROVENANCE.md", "bad-git-lfs-pointer.pcap", "bad-not-a-capture.bin"])
        XCTAssertEqual(skipped["bad-git-lfs-pointer.pcap"], "a Git LFS pointer, not the capture (run git lfs pull)")
        XCTAssertEqual(source.files, source.files.sorted())
        XCTAssertEqual(source.files.count, try Support.dataFiles().count - 2)
        XCTAssertTrue(source.files.contains { $0.hasSuffix("fmt-mpls-snaplen256.pcap.gz") })
    }

    func testCaptureSourceWalksNestedFoldersOnce() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("lantern-source-\(getpid())")
        let nested = base.appendingPathComponent("b/inner")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let pcapHeader = Data([0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0] + [UInt8](repeating: 0, count: 8) + [0xFF, 0xFF, 0, 0, 1, 0, 0, 0])
        try pcapHeader.write(to: nested.appendingPathComponent("z.pcap"))
        try pcapHeader.write(to: base.appendingPathComponent("a.pcap"))
        try Data("notes".utf8).write(to: base.appendingPathComponent("notes.txt"))
        try FileManager.default.createSymbolicLink(at: nested.appendingPathComponent("loop"), withDestinationURL: base)

        let source = try CaptureSource(paths: [base.path])
        XCTAssertEqual(source.files.map { String($0.dropFirst(base.path.count)) }, ["/a.pcap", "/b/inner/z.pcap"])
        XCTAssertEqual(source.skipped.map { URL(fileURLWithPath: $0.path).lastPathComponent }, ["notes.txt"])
        XCTAssertThrowsError(try CaptureSource(paths: [base.appendingPathComponent("missing").path]))
    }

    // MARK: Throughput

    func testDecoderThroughputOnSynFlood() throws {
        let path = try Support.dataFile("ddos-synflood-spoofed-dport25565.pcap")
        let reader = try CaptureReader(path: path)
        var frames: [[UInt8]] = []
        var wireLengths: [Int] = []
        while let record = try reader.next() {
            frames.append(Array(record.bytes))
            wireLengths.append(record.wireLength)
        }
        XCTAssertEqual(frames.count, 37_841)

        let decoder = PacketDecoder()
        let rounds = 20
        var synCount = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds {
            for (frame, wireLength) in zip(frames, wireLengths) {
                let outcome = frame.withUnsafeBytes {
                    decoder.decode(linkType: reader.linkType, bytes: $0, wireLength: wireLength, timestamp: 0)
                }
                if case .packet(let packet, _) = outcome, packet.tcpFlags == .syn, packet.destinationPort == 25565 {
                    synCount += 1
                }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rate = Double(rounds * frames.count) / seconds
        print("PacketDecoder: \(Int(rate)) packets/s decoding \(frames.count) frames \(rounds) times")
        XCTAssertEqual(synCount, rounds * 37_841)
        // A floor far below the release-build rate, so that only a pathological slowdown fails.
        XCTAssertGreaterThan(rate, 200_000)
    }

    func testReadAndDecodeThroughput() throws {
        let path = try Support.dataFile("ddos-synflood-spoofed-dport25565.pcap")
        let start = DispatchTime.now().uptimeNanoseconds
        let statistics = ReadResult.read(path, keepOutcomes: false).statistics
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("CaptureReader+PacketDecoder: \(Int(Double(statistics.records) / seconds)) records/s, \(statistics.records) records")
        XCTAssertEqual(statistics.tcp, 37_841)
        XCTAssertEqual(statistics.packets, 37_841)
        XCTAssertEqual(statistics.summaryLines.count, 3, statistics.summaryLines.joined(separator: "\n"))
    }
}
