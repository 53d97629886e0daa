import Foundation
import LanternDarknet
import LanternEngine
import LanternStore

/// Everything stored with a prototype set beside its centroids, as JSON in the set's row.
public struct PrototypeSetSettings: Sendable, Codable, Equatable {
    public var cluster: SubnetClusterSettings
    public var vector: DailyVector
    public var warning: EarlyWarningSettings
    /// One per prototype, by index.
    public var descriptions: [PrototypeDescription]

    public static func decode(_ text: String) -> PrototypeSetSettings? {
        try? JSONDecoder().decode(PrototypeSetSettings.self, from: Data(text.utf8))
    }
}

/// The outcome of `lantern cluster`.
public struct SubnetClusterReport: Sendable {
    public var version: Int
    public var trainingDays: ClosedRange<Int>
    /// Subnet-days with enough windows in the training period, and how many were clustered.
    public var eligiblePoints: Int
    public var trainingPoints: Int
    public var prototypes: [StoredPrototype]
    /// One per prototype, by index, for wording in the reader's language.
    public var descriptions: [PrototypeDescription]
    public var assignment: SubnetAssignmentReport
}

/// `lantern cluster`: learns prototypes from a training period's daily vectors and stores them.
///
/// Steps: read the period's subnet-days; keep those with at least `minimumWindows` (host,
/// window) pairs; thin them to `maximumTrainingPoints` by an even stride; cluster them (Ward by
/// default, through the flat SIMD implementation); cut the tree into K clusters, whose
/// centroids are the prototypes, numbered from the largest cluster down; describe each; store
/// the set under the next version; then assign every subnet-day in the store and raise the
/// early-warning flags (`SubnetAssignment`).
public enum SubnetClusterJob {
    /// Errors a user can act on.
    public enum Failure: Error, CustomStringConvertible {
        case noSubnetDays(path: String)
        case tooFewPoints(found: Int, needed: Int, days: ClosedRange<Int>, minimumWindows: Int)

        public var description: String {
            switch self {
            case .noSubnetDays(let path):
                return "store \(path) holds no subnet-day counts; ingest captures first (lantern ingest --db \(path) FILE.pcap)"
            case let .tooFewPoints(found, needed, days, minimumWindows):
                return "only \(found) subnet-days from \(DayClock.dateText(ofDay: days.lowerBound)) to "
                    + "\(DayClock.dateText(ofDay: days.upperBound)) have at least \(minimumWindows) windows, "
                    + "and \(needed) prototypes need at least \(needed); widen --from/--to or lower --k"
            }
        }
    }

    /// Clusters the period (default: every stored day), stores the set and assigns all days.
    /// - Throws: `Failure` when there is nothing or too little to cluster; store errors.
    /// - Complexity: O(n² · d) for n training points of dimension d, plus the assignment.
    public static func run(
        store: Store, from: Int? = nil, to: Int? = nil, settings: SubnetClusterSettings = SubnetClusterSettings(),
        warning: EarlyWarningSettings = EarlyWarningSettings()
    ) throws -> SubnetClusterReport {
        guard let range = try store.subnetDayRange() else { throw Failure.noSubnetDays(path: store.path) }
        let first = max(from ?? range.lowerBound, range.lowerBound)
        let days = first...max(first, min(to ?? range.upperBound, range.upperBound))
        let counts = try store.subnetDays(in: days)

        var signatureTotals: [String: Int] = [:]
        var eligible: [(subnet: String, day: Int, counts: SubnetDayCounts)] = []
        for (subnet, byDay) in counts {
            for (day, dayCounts) in byDay where dayCounts.windows >= settings.minimumWindows {
                eligible.append((subnet, day, dayCounts))
                for (name, count) in dayCounts.signatures { signatureTotals[name, default: 0] += count }
            }
        }
        guard eligible.count >= settings.prototypeCount else {
            throw Failure.tooFewPoints(found: eligible.count, needed: settings.prototypeCount, days: days, minimumWindows: settings.minimumWindows)
        }
        eligible.sort { ($0.day, $0.subnet) < ($1.day, $1.subnet) }
        let training = thin(eligible, to: settings.maximumTrainingPoints)

        let vector = DailyVector(
            transform: settings.transform, signatures: settings.useSignatures ? signatureTotals.keys.sorted() : [],
            signatureWeight: settings.signatureWeight)
        let points = training.map { vector.vector($0.counts) }
        let clustering = settings.linkage == .ward
            ? HierarchicalClustering.ward(values: points.flatMap { $0 }, dimension: vector.dimension)
            : HierarchicalClustering(points: points, linkage: settings.linkage)
        let (labels, centroids) = prototypes(clustering: clustering, points: points, count: settings.prototypeCount)

        var ports = [[UInt32: Int]](repeating: [:], count: centroids.count)
        for (member, label) in zip(training, labels) {
            for (key, packets) in member.counts.ports { ports[label][key, default: 0] += packets }
        }
        let descriptions = centroids.indices.map { PrototypeDescription(centroid: centroids[$0], vector: vector, ports: ports[$0]) }
        let stored = centroids.indices.map { index in
            StoredPrototype(index: index, centroid: centroids[index], members: labels.filter { $0 == index }.count,
                            description: descriptions[index].text())
        }
        let setSettings = PrototypeSetSettings(cluster: settings, vector: vector, warning: warning, descriptions: descriptions)
        let json = String(decoding: try JSONEncoder().encode(setSettings), as: UTF8.self)
        let version = try store.insertPrototypeSet(
            linkage: settings.linkage.rawValue, days: days, trainingPoints: training.count, settings: json,
            tree: clustering.linkageMatrix.flatMap { $0 }, prototypes: stored)
        // The set was stored just above, so the assignment finds it and subnet-days.
        guard let assignment = try SubnetAssignment.run(store: store) else { throw Failure.noSubnetDays(path: store.path) }
        return SubnetClusterReport(
            version: version, trainingDays: days, eligiblePoints: eligible.count, trainingPoints: training.count,
            prototypes: stored, descriptions: descriptions, assignment: assignment)
    }

    /// Keeps `limit` items at an even stride, all of them when there are not more.
    static func thin<T>(_ items: [T], to limit: Int) -> [T] {
        guard items.count > limit, limit > 0 else { return items }
        return (0..<limit).map { items[$0 * items.count / limit] }
    }

    /// Cuts the tree and numbers the clusters from the largest down; returns labels and centroids.
    static func prototypes(clustering: HierarchicalClustering, points: [[Double]], count: Int) -> ([Int], [[Double]]) {
        let cut = clustering.cut(clusterCount: count)
        let clusters = (cut.max() ?? -1) + 1
        var sizes = [Int](repeating: 0, count: clusters)
        for label in cut { sizes[label] += 1 }
        let order = (0..<clusters).sorted { sizes[$0] > sizes[$1] || (sizes[$0] == sizes[$1] && $0 < $1) }
        var rank = [Int](repeating: 0, count: clusters)
        for (position, label) in order.enumerated() { rank[label] = position }
        let labels = cut.map { rank[$0] }
        return (labels, HierarchicalClustering.prototypes(of: points, labels: labels))
    }
}
