import Foundation
import LanternDarknet
import LanternStore

/// The subnet × day matrix the "Subnets" screen draws: one byte per cell, the prototypes and
/// their descriptions, the flags, and on-demand details of one cell.
///
/// Memory is one byte per subnet and day (65,536 subnets × 365 days is 24 MB) plus one entry
/// per flag. The counts behind a cell are read from the store only when the analyst opens it.
public final class SubnetTimeline {
    /// One matrix row.
    public struct Row: Sendable {
        public var subnet: String
        public var block: CIDRBlock?
        /// (host, window) pairs over all days.
        public var windows: Int

        public init(subnet: String, block: CIDRBlock?, windows: Int) {
            self.subnet = subnet
            self.block = block
            self.windows = windows
        }
    }

    /// The content of one cell's detail panel.
    public struct CellDetail: Sendable {
        public var subnet: String
        public var day: Int
        public var prototype: Int?
        public var thin: Bool
        public var counts: SubnetDayCounts
        /// TAP share per cell index.
        public var cellShares: [Double]
        /// (signature name, title, matches), most matches first.
        public var signatures: [(name: String, title: String, count: Int)]
        public var flag: StoredFlag?
    }

    public let rows: [Row]
    public let firstDay: Int
    public let dayCount: Int
    /// Row-major, `rows.count × dayCount`; see `StoredSequence.noData` and `SubnetAssignment.thinMark`.
    public let cells: [UInt8]
    public let version: Int
    public let prototypes: [StoredPrototype]
    public let descriptions: [PrototypeDescription]
    /// Newest day first.
    public let flags: [StoredFlag]
    private let flagIndex: [Int: Int]
    private let rowIndex: [String: Int]
    private let countsProvider: (String, Int) throws -> SubnetDayCounts?
    private let titles: [String: String]

    public init(
        rows: [Row], firstDay: Int, dayCount: Int, cells: [UInt8], version: Int, prototypes: [StoredPrototype],
        descriptions: [PrototypeDescription], flags: [StoredFlag], signatureTitles: [String: String] = [:],
        counts: @escaping (String, Int) throws -> SubnetDayCounts?
    ) {
        precondition(cells.count == rows.count * dayCount, "one cell per row and day")
        self.rows = rows
        self.firstDay = firstDay
        self.dayCount = dayCount
        self.cells = cells
        self.version = version
        self.prototypes = prototypes
        self.descriptions = descriptions
        self.flags = flags
        self.titles = signatureTitles
        countsProvider = counts
        var rowIndex: [String: Int] = [:]
        for (index, row) in rows.enumerated() { rowIndex[row.subnet] = index }
        self.rowIndex = rowIndex
        var flagIndex: [Int: Int] = [:]
        for (index, flag) in flags.enumerated() {
            if let row = rowIndex[flag.subnet], (0..<dayCount).contains(flag.day - firstDay) {
                flagIndex[row * dayCount + flag.day - firstDay] = index
            }
        }
        self.flagIndex = flagIndex
    }

    /// Loads the newest prototype set's matrix, nil before the first `lantern cluster`.
    /// - Complexity: O(s · d) for s subnets and d days.
    public static func load(store: Store, signatures: SignatureSet = .builtIn) throws -> SubnetTimeline? {
        guard let set = try store.latestPrototypeSet() else { return nil }
        let sequences = try store.sequences(version: set.version)
        let first = sequences.map(\.firstDay).min() ?? set.firstDay
        let last = sequences.map { $0.firstDay + $0.prototypes.count - 1 }.max() ?? set.lastDay
        let dayCount = max(1, last - first + 1)
        var cells = [UInt8](repeating: StoredSequence.noData, count: sequences.count * dayCount)
        for (row, sequence) in sequences.enumerated() {
            for (offset, value) in sequence.prototypes.enumerated() {
                cells[row * dayCount + sequence.firstDay - first + offset] = value
            }
        }
        let rows = sequences.map { Row(subnet: $0.subnet, block: CIDRBlock($0.subnet), windows: $0.windows) }
        let descriptions = PrototypeSetSettings.decode(set.settings)?.descriptions ?? []
        let titles = Dictionary(signatures.signatures.map { ($0.name, $0.title) }, uniquingKeysWith: { $1 })
        return SubnetTimeline(
            rows: rows, firstDay: first, dayCount: dayCount, cells: cells, version: set.version, prototypes: set.prototypes,
            descriptions: descriptions, flags: try store.flags(version: set.version), signatureTitles: titles,
            counts: { [store] subnet, day in try store.subnetDay(subnet: subnet, day: day) })
    }

    /// Returns the stored byte of a cell.
    public func cell(row: Int, day: Int) -> UInt8 {
        cells[row * dayCount + day]
    }

    /// Returns the flag on a cell, if any.
    public func flag(row: Int, day: Int) -> StoredFlag? {
        flagIndex[row * dayCount + day].map { flags[$0] }
    }

    /// Returns the row of a subnet's CIDR text.
    public func row(ofSubnet subnet: String) -> Int? {
        rowIndex[subnet]
    }

    /// Reads the counts behind a cell and explains them.
    /// - Throws: store errors.
    public func detail(row: Int, day: Int) throws -> CellDetail? {
        let subnet = rows[row].subnet
        guard let counts = try countsProvider(subnet, firstDay + day) else { return nil }
        let value = cell(row: row, day: day)
        let total = Double(max(1, counts.cells.reduce(0, +)))
        let signatures = counts.signatures.filter { $0.value > 0 }
            .sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .map { (name: $0.key, title: titles[$0.key] ?? $0.key, count: $0.value) }
        return CellDetail(
            subnet: subnet, day: firstDay + day,
            prototype: value == StoredSequence.noData ? nil : Int(value & ~SubnetAssignment.thinMark),
            thin: value != StoredSequence.noData && value & SubnetAssignment.thinMark != 0, counts: counts,
            cellShares: counts.cells.map { Double($0) / total }, signatures: signatures, flag: flag(row: row, day: day))
    }

    /// Returns the `limit` rows whose prototype sequences are most alike `row`'s. The distance is the share of days,
    /// among days either subnet was active, on which their prototypes differ (thin days count
    /// as their prototype, days without traffic as a state of their own).
    /// - Complexity: O(s · d).
    public func similarRows(to row: Int, limit: Int = 10) -> [(row: Int, distance: Double)] {
        let base = row * dayCount
        var scored: [(row: Int, distance: Double)] = []
        scored.reserveCapacity(rows.count)
        cells.withUnsafeBufferPointer { cells in
            for other in rows.indices where other != row {
                let start = other * dayCount
                var union = 0
                var differ = 0
                for day in 0..<dayCount {
                    let a = cells[base + day], b = cells[start + day]
                    if a == StoredSequence.noData && b == StoredSequence.noData { continue }
                    union += 1
                    if a & ~SubnetAssignment.thinMark != b & ~SubnetAssignment.thinMark || (a == StoredSequence.noData) != (b == StoredSequence.noData) {
                        differ += 1
                    }
                }
                if union > 0 { scored.append((other, Double(differ) / Double(union))) }
            }
        }
        scored.sort { $0.distance < $1.distance || ($0.distance == $1.distance && $0.row < $1.row) }
        return Array(scored.prefix(limit))
    }

    /// A row order of the heatmap.
    public enum Order: String, CaseIterable, Sendable {
        /// Most (host, window) pairs first.
        case activity
        /// IPv4 before IPv6, by network address.
        case address
        /// Subnets with alike prototype sequences next to each other.
        case similarity
    }

    /// Row indices in `order`.
    ///
    /// Similarity sorts by each subnet's current prototype (its last active day), then the day
    /// it entered that prototype, then its most frequent prototype, so subnets that moved
    /// together sit together.
    /// - Complexity: O(s · d + s log s).
    public func ordering(_ order: Order) -> [Int] {
        switch order {
        case .activity:
            return rows.indices.sorted { rows[$0].windows > rows[$1].windows || (rows[$0].windows == rows[$1].windows && $0 < $1) }
        case .address:
            return addressOrder()
        case .similarity:
            // Rows alike in all three keys follow in address order, as in the address order
            // itself, rather than in the order their text sorts ("14.217…" after "135.94…").
            let keys = rows.indices.map(similarityKey)
            var rank = [Int](repeating: 0, count: rows.count)
            for (position, row) in addressOrder().enumerated() { rank[row] = position }
            return rows.indices.sorted {
                (keys[$0].0, keys[$0].1, keys[$0].2, rank[$0]) < (keys[$1].0, keys[$1].1, keys[$1].2, rank[$1])
            }
        }
    }

    /// Rows by network address; rows whose text is not a CIDR block (never written by Lantern)
    /// sort last.
    private func addressOrder() -> [Int] {
        let unknown = IPAddress(ipv6High: .max, low: .max)
        let addresses = rows.map { $0.block?.network ?? unknown }
        return rows.indices.sorted { addresses[$0] < addresses[$1] || (addresses[$0] == addresses[$1] && $0 < $1) }
    }

    private func similarityKey(_ row: Int) -> (Int, Int, Int) {
        var current = Int(StoredSequence.noData)
        var entered = dayCount
        var histogram = [Int](repeating: 0, count: 256)
        for day in 0..<dayCount {
            let value = cell(row: row, day: day)
            guard value != StoredSequence.noData else { continue }
            let prototype = Int(value & ~SubnetAssignment.thinMark)
            histogram[prototype] += 1
            if prototype != current {
                current = prototype
                entered = day
            }
        }
        let frequent = histogram.indices.max { histogram[$0] < histogram[$1] } ?? 0
        return (current, entered, frequent)
    }

    /// Returns the position in `order` of the first subnet that contains or overlaps the address or CIDR `query`.
    public func find(_ query: String, in order: [Int]) -> Int? {
        guard let block = CIDRBlock(query) else { return nil }
        return order.firstIndex { rows[$0].block?.overlaps(block) == true }
    }
}
