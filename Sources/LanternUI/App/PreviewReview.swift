import Glibc
import LanternTriage

/// An in-memory `BackscatterReview` with a sample queue, for trying the screen without a store
/// (`UIOptions.preview`). Labels are kept in memory only and vanish on exit.
///
/// The sample includes what the screen must survive: Japanese reasons, an IPv6 host, and
/// strings carrying escape sequences and bidi overrides.
public final class PreviewReview: BackscatterReview {
    public private(set) var state: LearningState
    public private(set) var queue: [ReviewItem]
    public let featureNames: [String]
    private var undoStack: [(item: ReviewItem, index: Int, label: AnalystLabel)] = []
    private var nextLabelID: Int64 = 1

    public init() {
        featureNames = PreviewReview.baselineFeatureNames
        var items: [ReviewItem] = []
        let reasons = ["near boundary", "境界付近", "unlike any label", "過去の判定と不一致", "near boundary\u{202E}gnp.exe"]
        let services = ["TCP 80→*", "UDP 53→*", "ICMP err", "TCP 443→*", "TCP 22\u{1B}[2J→*"]
        for index in 0..<40 {
            let host = index == 3 ? "2001:db8:85a3::8a2e:370:7334" : "203.0.113.\(index + 5)"
            let score = sin(Double(index) * 1.7) * 0.9
            let features = (0..<17).map { feature in abs(sin(Double(index * 17 + feature))) * pow(10, Double(feature % 4)) }
            items.append(ReviewItem(
                windowID: Int64(1000 + index), host: host, service: services[index % services.count],
                packets: 3 + (index * 37) % 900, windowStart: 1_700_000_000 + Double(index * 30), score: score,
                reason: reasons[index % reasons.count], features: features))
        }
        queue = items
        state = LearningState(
            modelVersion: 7, modelActive: true, modelDescription: "linear C=1",
            mechanicalBackscatter: 6869, mechanicalNotBackscatter: 411, analystBackscatter: 0,
            analystNotBackscatter: 0, queueSize: items.count, alerts: 2)
    }

    public func tileGraph(for item: ReviewItem) throws -> TileGraph {
        let columns = 24
        let seed = Double(item.windowID)
        let shades = (0..<featureNames.count).map { row in
            (0..<columns).map { column -> Double in
                if column < 3 && row % 5 == 0 { return .nan }
                return sin(seed * 0.37 + Double(row) * 0.9 + Double(column) * 0.41)
            }
        }
        let grid = (0..<8).map { block in
            (0..<columns).map { column in max(0, Int(60 * sin(seed + Double(block) * 1.3 + Double(column) * 0.5))) }
        }
        return TileGraph(
            featureNames: featureNames, shades: shades,
            columnStarts: (0..<columns).map { item.windowStart - Double((columns - 1 - $0) * 30) },
            selectedColumn: columns - 1, destinationGrid: grid,
            blockLabels: (0..<8).map { "x.x.\($0 * 32)-\($0 * 32 + 31).x" })
    }

    public func label(_ item: ReviewItem, as label: AnalystLabel) throws -> LabelReceipt {
        guard let index = queue.firstIndex(where: { $0.windowID == item.windowID }) else {
            throw PreviewError.notQueued(item.windowID)
        }
        queue.remove(at: index)
        undoStack.append((item, index, label))
        state.modelVersion += 1
        state.queueSize = queue.count
        if label == .backscatter { state.analystBackscatter += 1 } else { state.analystNotBackscatter += 1 }
        defer { nextLabelID += 1 }
        return LabelReceipt(labelID: nextLabelID, windowID: item.windowID, label: label, modelVersion: state.modelVersion)
    }

    public func undo() throws -> ReviewItem? {
        guard let last = undoStack.popLast() else { return nil }
        queue.insert(last.item, at: min(last.index, queue.count))
        state.queueSize = queue.count
        if last.label == .backscatter { state.analystBackscatter -= 1 } else { state.analystNotBackscatter -= 1 }
        return last.item
    }

    public func skip(_ item: ReviewItem) {
        queue.removeAll { $0.windowID == item.windowID }
        state.queueSize = queue.count
    }

    /// The seventeen baseline features, in their published order.
    static let baselineFeatureNames = [
        "packets", "iat mean", "iat sd", "src ports", "pkts/sport mean", "pkts/sport sd",
        "dst addrs", "pkts/dst mean", "pkts/dst sd", "dst ports", "pkts/dport mean", "pkts/dport sd",
        "protocols", "payload mean", "payload sd", "dst gap mean", "dst gap sd",
    ]

    enum PreviewError: Error, CustomStringConvertible {
        case notQueued(Int64)
        var description: String {
            switch self {
            case .notQueued(let id): return "window \(id) is not in the preview queue"
            }
        }
    }
}
