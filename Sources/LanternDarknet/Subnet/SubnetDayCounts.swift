/// A monitored subnet and a day, the unit of the subnet timeline.
public struct SubnetDayKey: Hashable, Sendable, Comparable {
    /// The subnet's network address (host bits cleared).
    public var subnet: IPAddress
    /// Days since 1970-01-01 in the ingest's time zone (`DayClock`).
    public var day: Int

    public init(subnet: IPAddress, day: Int) {
        self.subnet = subnet
        self.day = day
    }

    public static func < (lhs: SubnetDayKey, rhs: SubnetDayKey) -> Bool {
        lhs.subnet != rhs.subnet ? lhs.subnet < rhs.subnet : lhs.day < rhs.day
    }
}

/// What one source subnet did on one day: its (host, window) pairs per TAP cell, signature
/// matches, and totals. The daily vector is computed from these counts (`DailyVector`).
public struct SubnetDayCounts: Sendable, Equatable {
    /// (host, window) pairs per TAP cell, indexed by `TAPCell.index`. A pair active in two
    /// protocols counts in two cells.
    public var cells = [Int](repeating: 0, count: TAPCell.count)
    /// (host, window) pairs matching each signature, by signature name; absent means 0.
    public var signatures: [String: Int] = [:]
    /// (host, window) pairs.
    public var windows = 0
    public var packets = 0
    /// Distinct source hosts. Rows of two captures of one day add up, so a host seen in both
    /// counts twice there.
    public var hosts = 0
    /// Packets per `protocol << 16 | port` over each window's five most used destination ports.
    public var ports: [UInt32: Int] = [:]

    public init() {}

    /// Adds another partial count of the same subnet and day.
    public mutating func merge(_ other: SubnetDayCounts) {
        for index in cells.indices { cells[index] += other.cells[index] }
        for (name, count) in other.signatures { signatures[name, default: 0] += count }
        windows += other.windows
        packets += other.packets
        hosts += other.hosts
        for (key, count) in other.ports { ports[key, default: 0] += count }
    }

    /// Up to `limit` ports with the most packets, ties by lower key.
    public func topPorts(_ limit: Int) -> [(key: UInt32, packets: Int)] {
        ports.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .prefix(limit).map { (key: $0.key, packets: $0.value) }
    }

    /// Keeps only the `limit` busiest ports, so stored rows stay small for vertical scanners.
    public mutating func trimPorts(to limit: Int) {
        guard ports.count > limit else { return }
        ports = Dictionary(uniqueKeysWithValues: topPorts(limit).map { ($0.key, $0.packets) })
    }
}
