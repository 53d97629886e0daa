import LanternEngine
import LanternStore

/// Replays the analyst loop with ground truth as the analyst and compares it with rule baselines.
///
/// The model starts from the mechanical labels. In each round the queue's first `roundSize`
/// windows are answered from the truth and added incrementally; at each budget (percent of
/// scored windows answered) the model is measured. Measurement uses only windows with no
/// packet from source port 80 or 53, which the mechanical labels already speak for; a window
/// the analyst answered counts with its answer, as the product shows it.
public struct BackscatterEvaluation {
    /// One row of the result table.
    public struct Row: Sendable {
        public var name: String
        public var budgetPercent: Double?
        public var queries: Int
        public var counts: BinaryMetrics
    }

    public var settings: BackscatterSettings
    /// Budgets in percent of scored windows.
    public var budgets: [Double]
    /// Windows answered per round, as a share of scored windows (at least one window).
    public var roundShare = 0.002

    /// Per measured window at the largest budget: source host, truth and the product's call.
    public private(set) var finalCalls: [(source: String, actual: Bool, predicted: Bool)] = []

    public init(settings: BackscatterSettings, budgets: [Double]) {
        self.settings = settings
        self.budgets = budgets.sorted()
    }

    /// - Parameter truth: whether each source host is a backscatter source, by address text.
    ///   Windows of hosts missing from the truth are left out of every measurement.
    public mutating func run(store: Store, truth: [String: Bool]) throws -> [Row] {
        let scoring = try BackscatterScoring(store: store, settings: settings)
        let windows = scoring.windows
        let measured = windows.indices.filter { windows[$0].packetsFromWebOrDNSPort == 0 && truth[windows[$0].source] != nil }
        let scored = windows.indices.filter { windows[$0].mechanicalLabel == nil }.count
        let roundSize = max(1, Int((Double(scored) * roundShare).rounded()))

        var rows = [Row]()
        var answered = Set<Int>()
        for budget in budgets {
            let target = Int((Double(scored) * budget / 100).rounded(.down))
            while answered.count < target {
                let entries = scoring.queueBuilder.build(scores: scoring.scores, analystLabelled: answered, excluded: [])
                    .filter { truth[windows[$0.index].source] != nil }
                guard !entries.isEmpty else { break }
                let batch = entries.prefix(min(roundSize, target - answered.count)).map(\.index)
                answered.formUnion(batch)
                scoring.learner.update(windows: batch.map { windows[$0] },
                                       labels: batch.map { truth[windows[$0].source] == true ? .backscatter : .notBackscatter })
                scoring.rescore()
            }
            var counts = BinaryMetrics()
            finalCalls = []
            for index in measured {
                let actual = truth[windows[index].source] ?? false
                let predicted = answered.contains(index) ? actual : scoring.scores[index] > 0
                counts.record(predicted: predicted, actual: actual)
                finalCalls.append((windows[index].source, actual, predicted))
            }
            rows.append(Row(name: "lantern (\(settings.featureSet.rawValue))", budgetPercent: budget, queries: answered.count, counts: counts))
        }
        rows += baselines(windows: windows, measured: measured, truth: truth)
        return rows
    }

    private func baselines(windows: [StoredWindow], measured: [Int], truth: [String: Bool]) -> [Row] {
        let corsaro = CorsaroDoSRule().backscatterWindows(windows)
        var corsaroCounts = BinaryMetrics(), typeCounts = BinaryMetrics()
        for index in measured {
            let actual = truth[windows[index].source] ?? false
            corsaroCounts.record(predicted: corsaro.contains(windows[index].id), actual: actual)
            typeCounts.record(predicted: PacketTypeRule.isBackscatter(windows[index]), actual: actual)
        }
        return [
            Row(name: "corsaro-style DoS rule", budgetPercent: nil, queries: 0, counts: corsaroCounts),
            Row(name: "packet-type rule", budgetPercent: nil, queries: 0, counts: typeCounts),
        ]
    }
}
