import Foundation

/// Generates a synthetic network-telescope capture with ground truth: backscatter from victims of
/// spoofed-source floods, scanners and misconfigured hosts, each source host with its own rate,
/// lifetime and subnet, written as a pcap file and a `.truth.jsonl` file.
///
/// No real darknet capture is public, so Lantern's tests, demo and evaluation run on this output.
/// The populations are built so that simple rules make the mistakes they make on real telescopes.
/// Scanners probe with SYN-ACK and RST segments, and misconfigured hosts send DNS responses and RSTs
/// to one darknet address. UDP services under attack respond with non-DNS payloads, and most
/// backscatter arrives at a few packets per window.
///
/// Generation streams: a min-heap merges the active source hosts by their next packet time, so
/// memory grows with the number of concurrently active hosts and with the set of host addresses
/// used so far (kept to give every host one role), not with the packet count.
/// The same configuration always writes the same bytes.
///
/// What it does not model: IP fragments, TCP payloads, reflection-amplification traffic (whose
/// answers go to the victim, not the darknet), and IPv6 rates. IPv6 hosts use the IPv4 darknet's
/// share of the address space as their scale factor.
public struct TelescopeSimulator {
    public let configuration: Configuration

    /// - Throws: `SimulationError.invalidConfiguration` naming the first setting out of range.
    public init(configuration: Configuration) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Writes the capture to `pcapPath` and the ground truth to `truthPath`.
    ///
    /// - Returns: Packet and host counts per role and the number of distinct source subnets.
    /// - Throws: `SimulationError.cannotOpen` or `.writeFailed` for either file.
    /// - Complexity: O(n log h) for n packets and h concurrently active hosts.
    public func write(to pcapPath: String, truthPath: String) throws -> SimulationSummary {
        let pcap = try PcapWriter(path: pcapPath, linkType: configuration.linkType, resolution: configuration.timestampResolution)
        let truth = try TruthWriter(path: truthPath)
        let summary = try run(packet: { try pcap.write($0) }, truth: { try truth.write($0) })
        try pcap.close()
        try truth.close()
        return summary
    }

    /// Derives the truth file path of a capture by replacing `.pcap` with `.truth.jsonl`, or by
    /// appending `.truth.jsonl` when the path has another suffix.
    public static func truthPath(forCapture path: String) -> String {
        path.hasSuffix(".pcap") ? String(path.dropLast(5)) + ".truth.jsonl" : path + ".truth.jsonl"
    }

    /// Generates the capture without writing files. `packet` receives every packet in timestamp
    /// order, and `truth` every source host's record as the host finishes.
    ///
    /// - Complexity: O(n log h) for n packets and h concurrently active hosts.
    public func generate(packet: (Packet) throws -> Void, truth: (TruthRecord) throws -> Void) throws -> SimulationSummary {
        try run(packet: { try packet($0.packet) }, truth: truth)
    }

    func run(packet emitPacket: (SimulatedPacket) throws -> Void, truth emitTruth: (TruthRecord) throws -> Void) throws -> SimulationSummary {
        var state = try SimulationRun(configuration: configuration)
        return try state.run(emitPacket: emitPacket, emitTruth: emitTruth)
    }
}

/// Counts of what a simulation wrote.
public struct SimulationSummary: Sendable, Equatable {
    public var packets = 0
    public var packetsByRole: [SourceRole: Int] = [:]
    public var hostsByRole: [SourceRole: Int] = [:]
    /// Distinct source subnets (IPv4 /16 and IPv6 /32) that sent at least one packet.
    public var distinctSubnets = 0
    /// Timestamps of the first and last packet, seconds since the Unix epoch.
    public var firstTimestamp = 0.0
    public var lastTimestamp = 0.0
}

/// A new scanner population planted for subnet-monitoring experiments: a worm on one service
/// that starts in a few source subnets and grows to a pandemic by the last day.
public struct PlantedCampaign: Sendable, Equatable {
    public enum TransportKind: String, Sendable {
        case tcp, udp
    }

    public var port: UInt16
    public var proto: TransportKind
    /// Zero-based day of the span on which the first hosts appear.
    public var startDay: Int
    /// Number of source /16s its hosts live in.
    public var subnets: Int
    /// Share of the configured packet total the campaign adds.
    public var share: Double

    public init(port: UInt16, proto: TransportKind, startDay: Int, subnets: Int, share: Double = 0.05) {
        self.port = port
        self.proto = proto
        self.startDay = startDay
        self.subnets = subnets
        self.share = share
    }
}
