import LanternEngine
import LanternStore

/// Chooses which windows to ask the analyst about, most informative first.
///
/// Mechanical labels cover only two narrow behaviours (port-80 and port-53 answers and
/// requests), so a model trained on them is confidently wrong on whole kinds of traffic it never
/// saw labelled, and plain uncertainty sampling would never ask about them. The queue therefore
/// has three sources, in this order:
/// 1. one window per behaviour group (k-means over the scaled features) that holds no label at
///    all, nearest its group's centre, larger groups first: "unlike any label";
/// 2. windows inside the margin (|decision value| < `uncertainMargin`), nearest the boundary
///    first: "near boundary";
/// 3. windows where the model and the packet-type rule disagree with confidence: "model and packet
///    types disagree".
/// Sources 2 and 3 are interleaved so neither starves the other. A host appears at most once in
/// the first `distinctHostPrefix` entries, so one busy host does not use a whole round.
public struct ReviewQueueBuilder {
    public struct Entry: Sendable, Equatable {
        public var index: Int
        public var reason: Reason
    }

    public enum Reason: String, Sendable {
        case unlikeAnyLabel = "unlike any label"
        case nearBoundary = "near boundary"
        case disagreesWithPacketTypes = "model and packet types disagree"
    }

    private let windows: [StoredWindow]
    private let groups: [Int]
    private let groupCount: Int
    private let distanceToCentre: [Double]
    public var uncertainMargin: Double
    public var distinctHostPrefix = 200

    /// Groups the windows once; `rows` are their transformed features.
    /// - Complexity: O(n k d) for the grouping, k = `groupCount`.
    public init(windows: [StoredWindow], rows: [[Double]], groupCount: Int = 48, uncertainMargin: Double = 1, seed: UInt64 = 1) {
        self.windows = windows
        self.uncertainMargin = uncertainMargin
        // Seeding and iterating on a subsample keeps the cost flat on large stores; every window
        // is then assigned to its nearest centre.
        var generator = SeededGenerator(seed: seed)
        let sample = rows.count > 20_000 ? Array(rows.shuffled(using: &generator).prefix(20_000)) : rows
        let clustering = KMeans(points: sample, k: max(1, min(groupCount, sample.count)), maxIterations: 20, seed: seed)
        var groups = [Int](), distances = [Double]()
        groups.reserveCapacity(rows.count)
        for row in rows {
            let group = clustering.nearestCentre(row)
            groups.append(group)
            distances.append(KMeans.squaredDistance(row, clustering.centres[group]))
        }
        self.groups = groups
        self.groupCount = clustering.centres.count
        distanceToCentre = distances
    }

    /// Builds the queue for the current scores.
    /// - Parameters:
    ///   - scores: decision value of each window, by index.
    ///   - analystLabelled: indices with an analyst label in force.
    ///   - excluded: indices not to ask about (skipped this session).
    /// - Complexity: O(n log n).
    public func build(scores: [Double], analystLabelled: Set<Int>, excluded: Set<Int>) -> [Entry] {
        var labelledPerGroup = [Int](repeating: 0, count: groupCount)
        var sizePerGroup = [Int](repeating: 0, count: groupCount)
        for (index, window) in windows.enumerated() {
            sizePerGroup[groups[index]] += 1
            if window.mechanicalLabel != nil || analystLabelled.contains(index) { labelledPerGroup[groups[index]] += 1 }
        }
        func askable(_ index: Int) -> Bool {
            windows[index].mechanicalLabel == nil && !analystLabelled.contains(index) && !excluded.contains(index)
        }

        var representative = [Int: Int]()
        for index in windows.indices where labelledPerGroup[groups[index]] == 0 && askable(index) {
            let group = groups[index]
            if let current = representative[group], (distanceToCentre[current], current) <= (distanceToCentre[index], index) { continue }
            representative[group] = index
        }
        // Ties break by index so the queue, and so every evaluation, is the same on every run.
        let novel = representative.values.sorted { (-sizePerGroup[groups[$0]], $0) < (-sizePerGroup[groups[$1]], $1) }
            .map { Entry(index: $0, reason: .unlikeAnyLabel) }

        let uncertain = windows.indices.filter { askable($0) && abs(scores[$0]) < uncertainMargin && representative[groups[$0]] != $0 }
            .sorted { (abs(scores[$0]), $0) < (abs(scores[$1]), $1) }
            .map { Entry(index: $0, reason: .nearBoundary) }
        let disagreeing = windows.indices.filter { index in
            guard askable(index), abs(scores[index]) >= uncertainMargin else { return false }
            return (scores[index] > 0) != PacketTypeRule.isBackscatter(windows[index])
        }
        .sorted { (abs(scores[$0]), $0) < (abs(scores[$1]), $1) }
        .map { Entry(index: $0, reason: .disagreesWithPacketTypes) }

        return spreadHosts(novel + interleave(uncertain, disagreeing))
    }

    private func interleave(_ a: [Entry], _ b: [Entry]) -> [Entry] {
        var result = [Entry]()
        result.reserveCapacity(a.count + b.count)
        for i in 0..<max(a.count, b.count) {
            if i < a.count { result.append(a[i]) }
            if i < b.count { result.append(b[i]) }
        }
        return result
    }

    /// Moves repeat hosts out of the first `distinctHostPrefix` entries, keeping order otherwise.
    private func spreadHosts(_ entries: [Entry]) -> [Entry] {
        var seen = Set<String>(), front = [Entry](), back = [Entry]()
        for entry in entries {
            let host = windows[entry.index].source
            if front.count < distinctHostPrefix && !seen.contains(host) {
                seen.insert(host)
                front.append(entry)
            } else {
                back.append(entry)
            }
        }
        return front + back
    }
}
