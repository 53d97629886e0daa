import Foundation
import LanternProcess
import XCTest

@testable import LanternDarknet

/// A test-only reader for the pcap files the simulator writes, independent of the module's
/// capture decoder so the two can check each other: little-endian classic pcap, Ethernet or raw
/// IP, no VLAN tags, no fragments.
enum SimulationTestCapture {
    struct Header {
        var magic: UInt32
        var linkType: UInt32
    }

    static func header(of data: Data) -> Header {
        Header(magic: read32LE(data, 0), linkType: read32LE(data, 20))
    }

    static func packets(in data: Data) -> [Packet] {
        var result: [Packet] = []
        let bytes = [UInt8](data)
        let header = header(of: data)
        let scale = header.magic == 0xa1b2_3c4d ? 1e-9 : 1e-6
        var offset = 24
        while offset + 16 <= bytes.count {
            let seconds = Double(read32LE(bytes, offset))
            let fraction = Double(read32LE(bytes, offset + 4))
            let captured = Int(read32LE(bytes, offset + 8))
            let frame = Array(bytes[(offset + 16)..<(offset + 16 + captured)])
            offset += 16 + captured
            let ip = header.linkType == 1 ? Array(frame[14...]) : frame
            if var packet = decodeIP(ip) {
                packet.timestamp = seconds + fraction * scale
                packet.wireLength = captured
                result.append(packet)
            }
        }
        return result
    }

    static func decodeIP(_ ip: [UInt8]) -> Packet? {
        guard let first = ip.first else { return nil }
        let source: IPAddress
        let destination: IPAddress
        let protocolNumber: UInt8
        let transportStart: Int
        if first >> 4 == 4 {
            source = IPAddress(ipv4: read32(ip, 12))
            destination = IPAddress(ipv4: read32(ip, 16))
            protocolNumber = ip[9]
            transportStart = Int(first & 0x0f) * 4
        } else {
            source = IPAddress(ipv6High: read64(ip, 8), low: read64(ip, 16))
            destination = IPAddress(ipv6High: read64(ip, 24), low: read64(ip, 32))
            protocolNumber = ip[6]
            transportStart = 40
        }
        guard let transport = TransportProtocol(rawValue: protocolNumber) else { return nil }
        let t = Array(ip[transportStart...])
        var packet = Packet(timestamp: 0, source: source, destination: destination, transport: transport)
        switch transport {
        case .tcp:
            packet.sourcePort = read16(t, 0)
            packet.destinationPort = read16(t, 2)
            packet.tcpFlags = TCPFlags(rawValue: t[13])
            packet.payloadLength = t.count - Int(t[12] >> 4) * 4
        case .udp:
            packet.sourcePort = read16(t, 0)
            packet.destinationPort = read16(t, 2)
            packet.payloadLength = t.count - 8
            if (packet.sourcePort == 53 || packet.destinationPort == 53) && t.count >= 20 {
                packet.dnsResponse = t[10] & 0x80 != 0
            }
        case .icmp, .icmpv6:
            packet.destinationPort = UInt16(t[0]) << 8 | UInt16(t[1])
            packet.payloadLength = t.count - 8
        case .other:
            break
        }
        return packet
    }

    static func read16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1]) }
    static func read32(_ bytes: [UInt8], _ at: Int) -> UInt32 { UInt32(read16(bytes, at)) << 16 | UInt32(read16(bytes, at + 2)) }
    static func read64(_ bytes: [UInt8], _ at: Int) -> UInt64 { UInt64(read32(bytes, at)) << 32 | UInt64(read32(bytes, at + 4)) }
    static func read32LE(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
    static func read32LE(_ data: Data, _ at: Int) -> UInt32 { read32LE([UInt8](data.prefix(at + 4)), at) }

    /// Runs a tool and returns its standard output and error, or nil when the tool is missing.
    static func run(_ tool: String, _ arguments: [String]) throws -> (output: String, error: String)? {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return nil }
        let result = try ChildProcess.run(tool, arguments, timeout: 900)
        return (result.output, result.errorOutput)
    }

    static func temporaryPath(_ name: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-sim-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }
}

/// Per-source 30 s windows of a packet stream and the two rule baselines evaluated on them.
struct SimulationWindowStats {
    struct Window {
        var packets = 0
        var responsePackets = 0
        var allTCPFrom80 = true
        var allUDPFrom53 = true
        var synAckOrRST = 0
        var dnsResponses = 0
        var firstResponse = Double.infinity
        var lastResponse = -Double.infinity
    }

    struct Confusion {
        var truePositive = 0
        var falsePositive = 0
        var falseNegative = 0
        var trueNegative = 0
        var precision: Double { Double(truePositive) / Double(max(1, truePositive + falsePositive)) }
        var recall: Double { Double(truePositive) / Double(max(1, truePositive + falseNegative)) }
        var f1: Double { 2 * precision * recall / max(1e-9, precision + recall) }
    }

    var windows: [IPAddress: [Int: Window]] = [:]

    mutating func add(_ packet: Packet) {
        let index = Int((packet.timestamp / 30).rounded(.down))
        var window = windows[packet.source, default: [:]][index, default: Window()]
        let kind = PacketKind(packet)
        window.packets += 1
        if kind.isResponse {
            window.responsePackets += 1
            window.firstResponse = min(window.firstResponse, packet.timestamp)
            window.lastResponse = max(window.lastResponse, packet.timestamp)
        }
        if !(packet.transport == .tcp && packet.sourcePort == 80) { window.allTCPFrom80 = false }
        if !(packet.transport == .udp && packet.sourcePort == 53) { window.allUDPFrom53 = false }
        if kind == .synAck || kind == .rst { window.synAckOrRST += 1 }
        if kind == .dnsResponse { window.dnsResponses += 1 }
        windows[packet.source, default: [:]][index] = window
    }

    /// Mechanical label counts: (positive, negative) for all-TCP-from-80 and all-UDP-from-53 windows.
    func mechanicalCounts() -> (tcp80: (Int, Int), udp53: (Int, Int)) {
        var tcp80 = (0, 0)
        var udp53 = (0, 0)
        for (_, byWindow) in windows {
            for (_, window) in byWindow {
                if window.allTCPFrom80 {
                    if window.synAckOrRST == window.packets { tcp80.0 += 1 } else { tcp80.1 += 1 }
                } else if window.allUDPFrom53 {
                    if window.dnsResponses == window.packets { udp53.0 += 1 } else { udp53.1 += 1 }
                }
            }
        }
        return (tcp80, udp53)
    }

    /// Scores the bare packet-type rule (all packets are response types) against the truth roles
    /// on the windows outside the mechanically labelled ones.
    func packetTypeRule(roles: [IPAddress: SourceRole]) -> Confusion {
        var confusion = Confusion()
        for (source, byWindow) in windows {
            let isBackscatter = roles[source] == .backscatter
            for (_, window) in byWindow where !window.allTCPFrom80 && !window.allUDPFrom53 {
                let predicted = window.responsePackets == window.packets
                switch (predicted, isBackscatter) {
                case (true, true): confusion.truePositive += 1
                case (true, false): confusion.falsePositive += 1
                case (false, true): confusion.falseNegative += 1
                case (false, false): confusion.trueNegative += 1
                }
            }
        }
        return confusion
    }

    /// Scores the CAIDA Corsaro-style DoS rule on the windows outside the mechanically labelled
    /// ones. A host is flagged when its response-type packets number at least 25, span at least
    /// 60 s, and reach 30 in some 60 s (two adjacent windows).
    func corsaroRule(roles: [IPAddress: SourceRole]) -> Confusion {
        var confusion = Confusion()
        for (source, byWindow) in windows {
            let responses = byWindow.values.reduce(0) { $0 + $1.responsePackets }
            let first = byWindow.values.map(\.firstResponse).min() ?? .infinity
            let last = byWindow.values.map(\.lastResponse).max() ?? -.infinity
            var peak = 0
            for (index, window) in byWindow {
                peak = max(peak, window.responsePackets + (byWindow[index + 1]?.responsePackets ?? 0))
            }
            let detected = responses >= 25 && last - first >= 60 && peak >= 30
            let isBackscatter = roles[source] == .backscatter
            for (_, window) in byWindow where !window.allTCPFrom80 && !window.allUDPFrom53 {
                switch (detected, isBackscatter) {
                case (true, true): confusion.truePositive += 1
                case (true, false): confusion.falsePositive += 1
                case (false, true): confusion.falseNegative += 1
                case (false, false): confusion.trueNegative += 1
                }
            }
        }
        return confusion
    }

    /// Windows outside the mechanically labelled ones that the packet-type rule gets wrong,
    /// counted by the truth kind of their host.
    func ruleErrorsByKind(roles: [IPAddress: SourceRole], kinds: [IPAddress: String]) -> [String: Int] {
        var errors: [String: Int] = [:]
        for (source, byWindow) in windows {
            let isBackscatter = roles[source] == .backscatter
            for (_, window) in byWindow where !window.allTCPFrom80 && !window.allUDPFrom53 {
                if (window.responsePackets == window.packets) != isBackscatter {
                    errors[kinds[source] ?? "unknown", default: 0] += 1
                }
            }
        }
        return errors
    }
}
