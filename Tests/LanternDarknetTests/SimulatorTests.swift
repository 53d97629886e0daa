import Foundation
import XCTest

@testable import LanternDarknet

/// End-to-end checks of the telescope simulator's files: determinism, tcpdump's reading,
/// the truth file against the capture, ordering, memory and subnet spread.
final class SimulatorTests: XCTestCase {
    private func configuration(packets: Int, days: Int = 1, seed: UInt64 = 7) -> TelescopeSimulator.Configuration {
        var configuration = TelescopeSimulator.Configuration()
        configuration.packets = packets
        configuration.days = days
        configuration.seed = seed
        return configuration
    }

    private func writeCapture(_ configuration: TelescopeSimulator.Configuration, name: String) throws -> (pcap: String, truth: String, summary: SimulationSummary) {
        let pcap = SimulationTestCapture.temporaryPath("\(name).pcap")
        let truth = TelescopeSimulator.truthPath(forCapture: pcap)
        let summary = try TelescopeSimulator(configuration: configuration).write(to: pcap, truthPath: truth)
        return (pcap, truth, summary)
    }

    func testSameSeedWritesIdenticalBytes() throws {
        let first = try writeCapture(configuration(packets: 20_000, seed: 11), name: "seed-a")
        let second = try writeCapture(configuration(packets: 20_000, seed: 11), name: "seed-b")
        let other = try writeCapture(configuration(packets: 20_000, seed: 12), name: "seed-c")
        let firstBytes = try Data(contentsOf: URL(fileURLWithPath: first.pcap))
        XCTAssertEqual(firstBytes, try Data(contentsOf: URL(fileURLWithPath: second.pcap)))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: first.truth)), try Data(contentsOf: URL(fileURLWithPath: second.truth)))
        XCTAssertNotEqual(firstBytes, try Data(contentsOf: URL(fileURLWithPath: other.pcap)))
    }

    func testPacketTotalNearTarget() throws {
        for target in [5_000, 50_000, 200_000] {
            let summary = try TelescopeSimulator(configuration: configuration(packets: target)).generate(packet: { _ in }, truth: { _ in })
            XCTAssertEqual(Double(summary.packets), Double(target), accuracy: Double(target) * 0.05, "target \(target)")
        }
    }

    func testTcpdumpReadsCaptureWithoutComplaints() throws {
        let capture = try writeCapture(configuration(packets: 20_000, seed: 3), name: "tcpdump")
        guard let brief = try SimulationTestCapture.run("/usr/bin/tcpdump", ["-nr", capture.pcap]) else {
            throw XCTSkip("tcpdump is not installed at /usr/bin/tcpdump")
        }
        let lines = brief.output.split(separator: "\n")
        XCTAssertEqual(lines.count, capture.summary.packets)
        guard let verbose = try SimulationTestCapture.run("/usr/bin/tcpdump", ["-vvnr", capture.pcap]) else { return }
        let verboseLines = verbose.output.split(separator: "\n")
        for complaint in ["incorrect", "truncated", "bad cksum", "malformed"] {
            let offending = verboseLines.filter { $0.contains(complaint) }
            XCTAssertTrue(offending.isEmpty, "tcpdump reports \"\(complaint)\" \(offending.count) times, first: \(offending.first ?? "")")
        }
        XCTAssertFalse(verbose.error.contains("truncated"), verbose.error)

        // "[|tcp]" marks where tcpdump's decoding ran out of bytes. For a transport header that is
        // expected only inside the quote of an ICMP error, which carries the spoofed datagram's
        // first 8 transport bytes. Markers such as "[|radius]" are tcpdump guessing an application
        // protocol from a random port and are not counted.
        var insideICMPError = false
        var cutOutsideQuotes: [Substring] = []
        for line in verboseLines {
            if line.first?.isNumber == true {
                insideICMPError = false
            } else if line.contains("unreachable") || line.contains("time exceeded") {
                insideICMPError = true
            } else if (line.contains("[|tcp]") || line.contains("[|udp]") || line.contains("[|icmp")) && !insideICMPError {
                cutOutsideQuotes.append(line)
            }
        }
        XCTAssertTrue(cutOutsideQuotes.isEmpty, "tcpdump ran out of bytes outside an ICMP quote: \(cutOutsideQuotes.prefix(3))")
    }

    func testTruthMatchesCapturePerHost() throws {
        let capture = try writeCapture(configuration(packets: 30_000, seed: 5), name: "truth")
        let packets = SimulationTestCapture.packets(in: try Data(contentsOf: URL(fileURLWithPath: capture.pcap)))
        XCTAssertEqual(packets.count, capture.summary.packets)
        var perHost: [String: Int] = [:]
        for packet in packets { perHost[packet.source.description, default: 0] += 1 }

        let records = try TruthFile.read(path: capture.truth)
        XCTAssertEqual(records.count, perHost.count, "one truth line per source host")
        XCTAssertEqual(Set(records.map(\.src)).count, records.count, "a host appears once in the truth")
        for record in records {
            XCTAssertEqual(record.packets, perHost[record.src], "packets of \(record.src) (\(record.kind))")
            XCTAssertLessThanOrEqual(record.first, record.last)
        }

        var packetsByRole: [SourceRole: Int] = [:]
        for record in records { packetsByRole[record.role, default: 0] += record.packets }
        let total = Double(packets.count)
        // Configured shares: backscatter 0.42, scanners 0.47, noise 0.09 of the packets.
        XCTAssertEqual(Double(packetsByRole[.backscatter] ?? 0) / total, 0.42, accuracy: 0.06)
        XCTAssertEqual(Double(packetsByRole[.scanner] ?? 0) / total, 0.47, accuracy: 0.06)
        XCTAssertEqual(Double(packetsByRole[.noise] ?? 0) / total, 0.09, accuracy: 0.03)
        XCTAssertEqual(packetsByRole, capture.summary.packetsByRole)
    }

    func testTimestampsNonDecreasingAndInSpan() throws {
        var config = configuration(packets: 40_000, days: 2, seed: 9)
        config.linkType = .rawIP
        config.timestampResolution = .nanoseconds
        let capture = try writeCapture(config, name: "ordered")
        let data = try Data(contentsOf: URL(fileURLWithPath: capture.pcap))
        XCTAssertEqual(SimulationTestCapture.header(of: data).magic, 0xa1b2_3c4d)
        XCTAssertEqual(SimulationTestCapture.header(of: data).linkType, 101)
        let packets = SimulationTestCapture.packets(in: data)
        XCTAssertEqual(packets.count, capture.summary.packets)
        let start = config.start.timeIntervalSince1970
        var previous = start
        var decreasing = 0
        for packet in packets {
            if packet.timestamp < previous { decreasing += 1 }
            previous = packet.timestamp
        }
        XCTAssertEqual(decreasing, 0)
        XCTAssertGreaterThanOrEqual(packets.first?.timestamp ?? 0, start)
        XCTAssertLessThanOrEqual(packets.last?.timestamp ?? .infinity, start + 2 * 86400)
    }

    func testMemoryBoundedAndSubnetsSpreadOverWeek() throws {
        // Two million packets over seven days, counted in memory: resident memory must stay
        // under 200 MB and the sources must span at least 2,000 /16s for subnet monitoring.
        let simulator = try TelescopeSimulator(configuration: configuration(packets: 2_000_000, days: 7, seed: 21))
        let before = residentMegabytes()
        let started = Date()
        var count = 0
        var largestResident = before
        let summary = try simulator.generate(packet: { _ in
            count += 1
            if count % 200_000 == 0 { largestResident = max(largestResident, self.residentMegabytes()) }
        }, truth: { _ in })
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("2M packets over 7 days: \(Date().timeIntervalSince(started)) s; resident \(before) MB before, at most \(largestResident) MB during;"
              + " process peak \(Double(usage.ru_maxrss) / 1024) MB; \(summary)")
        XCTAssertEqual(count, summary.packets)
        XCTAssertLessThan(largestResident, 200)
        XCTAssertGreaterThanOrEqual(summary.distinctSubnets, 2000)
    }

    /// Current resident set size from /proc/self/statm (Linux), in MB.
    private func residentMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = text.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    func testPlantedCampaignGrowsInItsSubnets() throws {
        var config = configuration(packets: 100_000, days: 7, seed: 4)
        config.plantedCampaigns = [PlantedCampaign(port: 5000, proto: .tcp, startDay: 2, subnets: 12)]
        var perDay = [Int](repeating: 0, count: 7)
        var subnets = Set<String>()
        let start = config.start.timeIntervalSince1970
        _ = try TelescopeSimulator(configuration: config).generate(packet: { _ in }, truth: { record in
            guard record.kind == "planted-scan" else { return }
            XCTAssertEqual(record.role, .scanner)
            subnets.insert(record.subnet)
            perDay[min(6, Int((record.first.timeIntervalSince1970 - start) / 86400))] += 1
        })
        XCTAssertEqual(perDay[0] + perDay[1], 0, "no planted host before its start day: \(perDay)")
        XCTAssertGreaterThan(perDay[6], 3 * max(1, perDay[2]), "hosts starting per day should grow: \(perDay)")
        XCTAssertLessThanOrEqual(subnets.count, 12)
    }

    func testConfigurationRejectsInvalidDarknet() {
        var config = TelescopeSimulator.Configuration()
        config.darknet = "198.18.0.1/16"
        XCTAssertThrowsError(try TelescopeSimulator(configuration: config)) { error in
            XCTAssertEqual(
                "\(error)",
                "invalid simulation setting darknet = 198.18.0.1/16: expected an IPv4 network from /8 to /30 such as 198.18.0.0/16")
        }
        config = TelescopeSimulator.Configuration()
        config.days = 0
        XCTAssertThrowsError(try TelescopeSimulator(configuration: config)) { error in
            XCTAssertEqual("\(error)", "invalid simulation setting days = 0: expected 1 to 366")
        }
    }

    func testTruthPathReplacesPcapSuffix() {
        XCTAssertEqual(TelescopeSimulator.truthPath(forCapture: "/tmp/a.pcap"), "/tmp/a.truth.jsonl")
        XCTAssertEqual(TelescopeSimulator.truthPath(forCapture: "/tmp/a.cap"), "/tmp/a.cap.truth.jsonl")
    }

    /// Release-build throughput of writing files; set LANTERN_SIM_BENCH_PACKETS to run it.
    func testWriteThroughputBenchmark() throws {
        guard let packets = Int(ProcessInfo.processInfo.environment["LANTERN_SIM_BENCH_PACKETS"] ?? "") else {
            throw XCTSkip("set LANTERN_SIM_BENCH_PACKETS (and LANTERN_SIM_BENCH_DAYS) to measure write throughput")
        }
        let days = Int(ProcessInfo.processInfo.environment["LANTERN_SIM_BENCH_DAYS"] ?? "") ?? 1
        let started = Date()
        let capture = try writeCapture(configuration(packets: packets, days: days, seed: 1), name: "bench")
        let seconds = Date().timeIntervalSince(started)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let size = (try FileManager.default.attributesOfItem(atPath: capture.pcap)[.size] as? Int) ?? 0
        print("wrote \(capture.summary.packets) packets over \(days) days in \(seconds) s (\(Double(capture.summary.packets) / seconds) packets/s),"
              + " \(size / 1_048_576) MiB, peak RSS \(Double(usage.ru_maxrss) / 1024) MB; \(capture.summary)")
        try? FileManager.default.removeItem(atPath: capture.pcap)
    }
}
