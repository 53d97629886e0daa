import Foundation
import LanternDarknet

/// One stored prototype set: the clustering of a training period's daily vectors.
public struct StoredPrototypeSet: Sendable {
    public var version: Int
    public var createdAt: Double
    public var linkage: String
    /// Training period, day numbers, inclusive.
    public var firstDay: Int
    public var lastDay: Int
    public var trainingPoints: Int
    /// JSON of the clustering and vector settings.
    public var settings: String
    /// The merge tree as SciPy linkage rows `[first, second, height, size]`, flattened.
    public var tree: [Double]
    public var prototypes: [StoredPrototype]
}

/// One prototype of a set.
public struct StoredPrototype: Sendable, Equatable {
    public var index: Int
    public var centroid: [Double]
    /// Training subnet-days in its cluster.
    public var members: Int
    public var description: String

    public init(index: Int, centroid: [Double], members: Int, description: String) {
        self.index = index
        self.centroid = centroid
        self.members = members
        self.description = description
    }
}

/// A subnet's prototype per day under one prototype set.
public struct StoredSequence: Sendable, Equatable {
    public var subnet: String
    public var firstDay: Int
    /// One byte per day from `firstDay`; `StoredSequence.noData` for a day without traffic.
    public var prototypes: [UInt8]
    /// (host, window) pairs over all days, for ordering by activity.
    public var windows: Int

    public static let noData: UInt8 = 255

    public init(subnet: String, firstDay: Int, prototypes: [UInt8], windows: Int) {
        self.subnet = subnet
        self.firstDay = firstDay
        self.prototypes = prototypes
        self.windows = windows
    }

    /// The prototype on `day`, nil when the subnet sent nothing that day.
    public func prototype(onDay day: Int) -> Int? {
        let offset = day - firstDay
        guard prototypes.indices.contains(offset), prototypes[offset] != StoredSequence.noData else { return nil }
        return Int(prototypes[offset])
    }
}

/// An early-warning flag: a subnet that moved into a prototype history makes rare.
public struct StoredFlag: Sendable, Equatable {
    public var version: Int
    public var subnet: String
    public var day: Int
    /// The prototype the subnet came from; nil when it was quiet before.
    public var fromPrototype: Int?
    public var toPrototype: Int
    /// −log10 of the smoothed probability of the move; higher is rarer.
    public var rarity: Double
    public var reason: String

    public init(version: Int, subnet: String, day: Int, fromPrototype: Int?, toPrototype: Int, rarity: Double, reason: String) {
        self.version = version
        self.subnet = subnet
        self.day = day
        self.fromPrototype = fromPrototype
        self.toPrototype = toPrototype
        self.rarity = rarity
        self.reason = reason
    }
}

extension Store {
    // MARK: - Subnet-day counts

    /// Adds partial subnet-day counts of one capture; the caller batches them inside a transaction.
    /// A row already present for the same capture, subnet and day is added to.
    /// - Complexity: O(n) statements for n subnet-days.
    public func addSubnetDays(_ days: [(key: SubnetDayKey, counts: SubnetDayCounts)], prefix: SubnetPrefix, captureID: Int64) throws {
        // A day is usually written once per capture, so the row is inserted first and read back
        // only when it was already there. Reading before every write cost as much as the write.
        let insert = try database.prepare("""
            INSERT INTO subnet_days(capture_id, subnet, day, windows, packets, hosts, cells, signatures, ports)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(capture_id, subnet, day) DO NOTHING
            """)
        let select = try database.prepare("""
            SELECT windows, packets, hosts, cells, signatures, ports FROM subnet_days WHERE capture_id = ? AND subnet = ? AND day = ?
            """)
        let update = try database.prepare("""
            UPDATE subnet_days SET windows = ?4, packets = ?5, hosts = ?6, cells = ?7, signatures = ?8, ports = ?9
            WHERE capture_id = ?1 AND subnet = ?2 AND day = ?3
            """)
        for (key, partial) in days {
            let subnet = Store.subnetText(key.subnet, prefix: prefix)
            func values(_ counts: SubnetDayCounts) -> [SQLiteStatement.Value] {
                [
                    .integer(captureID), .text(subnet), .integer(Int64(key.day)), .integer(Int64(counts.windows)),
                    .integer(Int64(counts.packets)), .integer(Int64(counts.hosts)), .doubles(counts.cells.map(Double.init)),
                    .text(Store.encodeSignatures(counts.signatures)), .text(Store.encodePorts(counts.ports)),
                ]
            }
            try insert.run(values(partial))
            guard database.changes == 0 else { continue }
            var counts = partial
            if let earlier = try select.rows([.integer(captureID), .text(subnet), .integer(Int64(key.day))], Store.readCounts).first {
                counts.merge(earlier)
            }
            try update.run(values(counts))
        }
    }

    /// Subnet-day counts summed over captures, for the days in `days`.
    /// - Complexity: O(r) time and memory in the rows of those days.
    public func subnetDays(in days: ClosedRange<Int>) throws -> [String: [Int: SubnetDayCounts]] {
        var result: [String: [Int: SubnetDayCounts]] = [:]
        let statement = try database.prepare("""
            SELECT subnet, day, windows, packets, hosts, cells, signatures, ports FROM subnet_days WHERE day BETWEEN ? AND ?
            """)
        try statement.bind([.integer(Int64(days.lowerBound)), .integer(Int64(days.upperBound))])
        while try statement.step() {
            let subnet = statement.text(0)
            let day = Int(statement.int(1))
            let counts = Store.readCounts(statement, offset: 2)
            result[subnet, default: [:]][day, default: SubnetDayCounts()].merge(counts)
        }
        return result
    }

    /// One subnet's counts on one day summed over captures, nil when it sent nothing then.
    public func subnetDay(subnet: String, day: Int) throws -> SubnetDayCounts? {
        let rows = try database.prepare("""
            SELECT windows, packets, hosts, cells, signatures, ports FROM subnet_days WHERE subnet = ? AND day = ?
            """).rows([.text(subnet), .integer(Int64(day))], Store.readCounts)
        guard var total = rows.first else { return nil }
        for row in rows.dropFirst() { total.merge(row) }
        return total
    }

    /// First and last day with subnet counts, nil when there are none.
    public func subnetDayRange() throws -> ClosedRange<Int>? {
        try database.prepare("SELECT MIN(day), MAX(day) FROM subnet_days").rows { row -> ClosedRange<Int>? in
            row.isNull(0) ? nil : Int(row.int(0))...Int(row.int(1))
        }.first ?? nil
    }

    /// Distinct subnets and subnet-days, for `lantern stats`.
    public func subnetCounts() throws -> (subnets: Int, subnetDays: Int) {
        try database.prepare("""
            SELECT (SELECT COUNT(DISTINCT subnet) FROM subnet_days), (SELECT COUNT(*) FROM (SELECT DISTINCT subnet, day FROM subnet_days))
            """).rows { (Int($0.int(0)), Int($0.int(1))) }.first ?? (0, 0)
    }

    // MARK: - Prototype sets, sequences and flags

    /// Stores a new prototype set and returns its version (one more than the latest).
    public func insertPrototypeSet(
        linkage: String, days: ClosedRange<Int>, trainingPoints: Int, settings: String, tree: [Double], prototypes: [StoredPrototype]
    ) throws -> Int {
        try database.transaction {
            let version = (try database.prepare("SELECT COALESCE(MAX(version), 0) FROM subnet_prototype_sets").rows { Int($0.int(0)) }.first ?? 0) + 1
            try database.prepare("""
                INSERT INTO subnet_prototype_sets(version, created_at, linkage, first_day, last_day, training_points, settings, tree)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).run([
                    .integer(Int64(version)), .real(Date().timeIntervalSince1970), .text(linkage), .integer(Int64(days.lowerBound)),
                    .integer(Int64(days.upperBound)), .integer(Int64(trainingPoints)), .text(settings), .doubles(tree),
                ])
            let insert = try database.prepare("""
                INSERT INTO subnet_prototypes(version, prototype, centroid, members, description) VALUES (?, ?, ?, ?, ?)
                """)
            for prototype in prototypes {
                try insert.run([
                    .integer(Int64(version)), .integer(Int64(prototype.index)), .doubles(prototype.centroid),
                    .integer(Int64(prototype.members)), .text(prototype.description),
                ])
            }
            return version
        }
    }

    /// The newest prototype set with its prototypes, nil before the first `lantern cluster`.
    public func latestPrototypeSet() throws -> StoredPrototypeSet? {
        let sets = try database.prepare("""
            SELECT version, created_at, linkage, first_day, last_day, training_points, settings, tree
            FROM subnet_prototype_sets ORDER BY version DESC LIMIT 1
            """).rows {
                StoredPrototypeSet(
                    version: Int($0.int(0)), createdAt: $0.double(1), linkage: $0.text(2), firstDay: Int($0.int(3)),
                    lastDay: Int($0.int(4)), trainingPoints: Int($0.int(5)), settings: $0.text(6), tree: $0.doubles(7), prototypes: [])
            }
        guard var set = sets.first else { return nil }
        set.prototypes = try database.prepare("""
            SELECT prototype, centroid, members, description FROM subnet_prototypes WHERE version = ? ORDER BY prototype
            """).rows([.integer(Int64(set.version))]) {
                StoredPrototype(index: Int($0.int(0)), centroid: $0.doubles(1), members: Int($0.int(2)), description: $0.text(3))
            }
        return set
    }

    /// Replaces the sequences of the given subnets under `version`.
    public func replaceSequences(_ sequences: [StoredSequence], version: Int) throws {
        let statement = try database.prepare("""
            INSERT OR REPLACE INTO subnet_sequences(version, subnet, first_day, prototypes, windows) VALUES (?, ?, ?, ?, ?)
            """)
        for sequence in sequences {
            try statement.run([
                .integer(Int64(version)), .text(sequence.subnet), .integer(Int64(sequence.firstDay)), .blob(sequence.prototypes),
                .integer(Int64(sequence.windows)),
            ])
        }
    }

    /// Every subnet's sequence under `version`.
    /// - Complexity: O(s · d) for s subnets and d days.
    public func sequences(version: Int) throws -> [StoredSequence] {
        try database.prepare("SELECT subnet, first_day, prototypes, windows FROM subnet_sequences WHERE version = ?")
            .rows([.integer(Int64(version))]) {
                StoredSequence(subnet: $0.text(0), firstDay: Int($0.int(1)), prototypes: $0.blob(2), windows: Int($0.int(3)))
            }
    }

    /// Replaces every flag of `version`.
    public func replaceFlags(_ flags: [StoredFlag], version: Int) throws {
        try database.prepare("DELETE FROM subnet_flags WHERE version = ?").run([.integer(Int64(version))])
        let statement = try database.prepare("""
            INSERT INTO subnet_flags(version, subnet, day, from_prototype, to_prototype, rarity, reason) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for flag in flags {
            try statement.run([
                .integer(Int64(version)), .text(flag.subnet), .integer(Int64(flag.day)), .optional(flag.fromPrototype),
                .integer(Int64(flag.toPrototype)), .real(flag.rarity), .text(flag.reason),
            ])
        }
    }

    /// The flags of `version` (default: the newest set), newest day first, then rarest first.
    public func flags(version: Int? = nil) throws -> [StoredFlag] {
        guard let version = try version ?? latestPrototypeSet()?.version else { return [] }
        return try database.prepare("""
            SELECT version, subnet, day, from_prototype, to_prototype, rarity, reason FROM subnet_flags
            WHERE version = ? ORDER BY day DESC, rarity DESC, subnet
            """).rows([.integer(Int64(version))]) {
                StoredFlag(
                    version: Int($0.int(0)), subnet: $0.text(1), day: Int($0.int(2)),
                    fromPrototype: $0.isNull(3) ? nil : Int($0.int(3)), toPrototype: Int($0.int(4)), rarity: $0.double(5),
                    reason: $0.text(6))
            }
    }

    // MARK: - Encoding

    /// A subnet key as stored: CIDR text with the prefix of its family.
    public static func subnetText(_ subnet: IPAddress, prefix: SubnetPrefix) -> String {
        "\(subnet)/\(subnet.isIPv6 ? prefix.ipv6 : prefix.ipv4)"
    }

    static func readCounts(_ row: SQLiteStatement) -> SubnetDayCounts {
        readCounts(row, offset: 0)
    }

    static func readCounts(_ row: SQLiteStatement, offset: Int32) -> SubnetDayCounts {
        var counts = SubnetDayCounts()
        counts.windows = Int(row.int(offset))
        counts.packets = Int(row.int(offset + 1))
        counts.hosts = Int(row.int(offset + 2))
        let cells = row.doubles(offset + 3)
        for index in 0..<min(cells.count, TAPCell.count) { counts.cells[index] = Int(cells[index]) }
        counts.signatures = decodeSignatures(row.text(offset + 4))
        counts.ports = decodePorts(row.text(offset + 5))
        return counts
    }

    /// `name=count` pairs joined by commas, names sorted.
    static func encodeSignatures(_ signatures: [String: Int]) -> String {
        signatures.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    static func decodeSignatures(_ text: String) -> [String: Int] {
        var result: [String: Int] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let count = Int(parts[1]) { result[String(parts[0]), default: 0] += count }
        }
        return result
    }

    /// `protocol:port:packets` triples joined by commas, the format schema 1 window rows used for top ports.
    static func encodePorts(_ ports: [UInt32: Int]) -> String {
        ports.sorted { $0.key < $1.key }.map { "\($0.key >> 16):\($0.key & 0xffff):\($0.value)" }.joined(separator: ",")
    }

    static func decodePorts(_ text: String) -> [UInt32: Int] {
        var result: [UInt32: Int] = [:]
        for triple in text.split(separator: ",") {
            let parts = triple.split(separator: ":").compactMap { Int($0) }
            guard parts.count == 3, (0...3).contains(parts[0]), (0...65535).contains(parts[1]) else { continue }
            result[UInt32(parts[0]) << 16 | UInt32(parts[1]), default: 0] += parts[2]
        }
        return result
    }
}
