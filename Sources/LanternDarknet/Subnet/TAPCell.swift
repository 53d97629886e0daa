/// One of the 27 behaviour cells of the TAP (Traffic Analysis Profile) of a (host, window) pair:
/// protocol {TCP, UDP, ICMP} × distinct destination addresses {1, 2–9, ≥10} × distinct
/// destination ports (ICMP: type/code pairs) {1, 2–9, ≥10}.
///
/// The bucket bounds are `TAPThresholds`, so "2–9" and "≥10" are the defaults, not fixed.
public struct TAPCell: Hashable, Sendable, CustomStringConvertible {
    /// The number of cells: 3 protocols × 3 destination buckets × 3 port buckets.
    public static let count = 27

    public var proto: TAPProtocol
    /// 0: one destination, 1: a few, 2: many.
    public var destinationBucket: Int
    /// 0: one port, 1: a few, 2: many.
    public var portBucket: Int

    public init(proto: TAPProtocol, destinationBucket: Int, portBucket: Int) {
        precondition((0...2).contains(destinationBucket) && (0...2).contains(portBucket), "TAP buckets are 0, 1 or 2")
        self.proto = proto
        self.destinationBucket = destinationBucket
        self.portBucket = portBucket
    }

    /// Creates the cell at `index` in `0..<27`, the inverse of `index`.
    public init(index: Int) {
        precondition((0..<TAPCell.count).contains(index), "TAP cell index out of range")
        self.init(proto: TAPProtocol(rawValue: index / 9) ?? .tcp, destinationBucket: (index / 3) % 3, portBucket: index % 3)
    }

    /// Position in the 27-cell vector: protocol-major, then destinations, then ports.
    public var index: Int { proto.rawValue * 9 + destinationBucket * 3 + portBucket }

    /// Every cell in vector order.
    public static let all: [TAPCell] = (0..<count).map(TAPCell.init(index:))

    /// Short name such as `TCP d10+ p1`: protocol, destination bucket, port bucket.
    public var description: String {
        "\(proto.name) d\(TAPCell.bucketNames[destinationBucket]) p\(TAPCell.bucketNames[portBucket])"
    }

    /// Bucket names for the default thresholds, as the rules file and screens write them.
    public static let bucketNames = ["1", "2-9", "10+"]

    /// The cells of one closed window: one per protocol the host used, as a host active in
    /// several protocols counts once per protocol.
    public static func cells(of window: WindowSummary, thresholds: TAPThresholds = TAPThresholds()) -> [TAPCell] {
        TAPProtocol.allCases.compactMap { proto in
            let index = proto.rawValue
            guard index < window.tapPackets.count, window.tapPackets[index] > 0 else { return nil }
            return TAPCell(
                proto: proto,
                destinationBucket: thresholds.bucket(window.tapDestinations[index]),
                portBucket: thresholds.bucket(window.tapPorts[index]))
        }
    }
}

/// Where the TAP buckets split a count of distinct destinations or ports.
public struct TAPThresholds: Sendable, Equatable, Codable {
    /// Smallest count of the middle bucket ("a few"); counts below it fall in the first bucket.
    public var few: Int = 2
    /// Smallest count of the last bucket ("many").
    public var many: Int = 10

    public init(few: Int = 2, many: Int = 10) {
        precondition(1 <= few && few < many, "TAP thresholds need 1 ≤ few < many")
        self.few = few
        self.many = many
    }

    /// Returns 0, 1 or 2 for a distinct count.
    public func bucket(_ count: Int) -> Int {
        count >= many ? 2 : (count >= few ? 1 : 0)
    }
}

extension TAPProtocol {
    /// Upper-case name as analysts write it: TCP, UDP, ICMP.
    public var name: String {
        switch self {
        case .tcp: return "TCP"
        case .udp: return "UDP"
        case .icmp: return "ICMP"
        }
    }

    /// Parses `tcp`, `udp` or `icmp` in any case.
    public init?(name: String) {
        switch name.lowercased() {
        case "tcp": self = .tcp
        case "udp": self = .udp
        case "icmp": self = .icmp
        default: return nil
        }
    }
}
