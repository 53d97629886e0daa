import Foundation
import LanternDarknet

/// What a prototype stands for, read off its centroid: the dominant TAP cells, the signatures
/// most of its subnet-days match, and the busiest destination ports of its training members.
public struct PrototypeDescription: Sendable, Equatable, Codable {
    /// TAP cells with a share of at least 20 %, largest first, at most two.
    public var cells: [CellShare]
    /// Signatures with a share of at least 15 %, largest first, at most two.
    public var signatures: [SignatureShare]
    /// Up to three busiest destination ports, as `tcp/23`.
    public var ports: [String]

    public struct CellShare: Sendable, Equatable, Codable {
        public var cell: Int
        public var share: Double
    }

    public struct SignatureShare: Sendable, Equatable, Codable {
        public var name: String
        public var share: Double
    }

    public init(centroid: [Double], vector: DailyVector, ports: [UInt32: Int]) {
        let cellShares = vector.cellShares(of: centroid)
        cells = cellShares.enumerated().filter { $0.element >= 0.2 }.sorted { $0.element > $1.element }.prefix(2)
            .map { CellShare(cell: $0.offset, share: $0.element) }
        let signatureShares = vector.signatureShares(of: centroid)
        signatures = zip(vector.signatures, signatureShares).filter { $0.1 >= 0.15 }.sorted { $0.1 > $1.1 }.prefix(2)
            .map { SignatureShare(name: $0.0, share: $0.1) }
        self.ports = ports.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(3)
            .map { PrototypeDescription.portText($0.key) }
    }

    /// `tcp/23`, `udp/53` or `icmp/8/0` for a `protocol << 16 | port` key.
    public static func portText(_ key: UInt32) -> String {
        let port = key & 0xffff
        switch key >> 16 {
        case 0: return "tcp/\(port)"
        case 1: return "udp/\(port)"
        case 2: return "icmp/\(port >> 8)/\(port & 0xff)"
        default: return "other/\(port)"
        }
    }

    /// The words a description is built from, so screens can describe prototypes in their language.
    public struct Vocabulary: Sendable {
        /// Destination spread by bucket: one, a few, many destinations per window.
        public var spread: [String]
        /// Ports by bucket: one, a few, many ports per window.
        public var portCount: [String]
        /// Shown when no cell reaches 20 %.
        public var mixed: String
        public var separator: String

        public init(spread: [String], portCount: [String], mixed: String, separator: String) {
            self.spread = spread
            self.portCount = portCount
            self.mixed = mixed
            self.separator = separator
        }

        public static let english = Vocabulary(
            spread: ["single-target", "narrow scan", "wide scan"], portCount: ["one port", "few ports", "many ports"],
            mixed: "mixed traffic", separator: " · ")
    }

    /// One line such as `TCP wide scan, one port 92% · telnet-scan 81% · tcp/23 tcp/2323`.
    public func text(_ words: Vocabulary = .english) -> String {
        var parts: [String] = []
        let cellText = cells.map { share -> String in
            let cell = TAPCell(index: share.cell)
            return "\(cell.proto.name) \(words.spread[cell.destinationBucket]), \(words.portCount[cell.portBucket]) \(Self.percent(share.share))"
        }
        parts.append(cellText.isEmpty ? words.mixed : cellText.joined(separator: " + "))
        parts += signatures.map { "\($0.name) \(Self.percent($0.share))" }
        if !ports.isEmpty { parts.append(ports.joined(separator: " ")) }
        return parts.joined(separator: words.separator)
    }

    static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }
}
