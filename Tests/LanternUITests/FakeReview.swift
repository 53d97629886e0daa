import LanternTriage
@testable import LanternUI

/// A `BackscatterReview` that records every call, with Japanese and hostile strings in its
/// queue and a switch that makes `label` throw.
final class FakeReview: BackscatterReview {
    var state: LearningState
    var queue: [ReviewItem]
    let featureNames: [String]
    var labelCalls: [(windowID: Int64, label: AnalystLabel)] = []
    var undoCalls = 0
    var skipCalls: [Int64] = []
    /// When set, `label` throws this instead of storing.
    var labelError: Error?
    private var labelled: [(item: ReviewItem, index: Int)] = []

    struct StoreFailure: Error, CustomStringConvertible {
        var description: String { "database is locked" }
    }

    static let hostileHost = "198.51.100.7\u{1B}[2J\u{1B}]0;pwned\u{07}"
    static let hostileReason = "near boundary \u{202E}exe.txt\u{2066}"

    init(itemCount: Int = 6) {
        featureNames = PreviewReview.baselineFeatureNames.enumerated().map { index, name in
            index == 0 ? "パケット数" : (index == 1 ? "iat\u{1B}[31m mean" : name)
        }
        let hosts = ["203.0.113.5", FakeReview.hostileHost, "2001:db8::1", "192.0.2.44", "203.0.113.77", "198.51.100.200"]
        let reasons = ["境界付近の判定", FakeReview.hostileReason, "unlike any label", "ラベルと不一致", "near boundary", "新しい送信元"]
        let services = ["TCP 80→*", "UDP 53→*\u{0D}", "ICMP err", "TCP 443→*", "TCP 22→*", "UDP 123→*"]
        queue = (0..<itemCount).map { index in
            ReviewItem(
                windowID: Int64(100 + index), host: hosts[index % hosts.count], service: services[index % services.count],
                packets: 10 * (index + 1), windowStart: 1_700_000_000 + Double(index) * 30, score: index % 2 == 0 ? 0.25 : -0.5,
                reason: reasons[index % reasons.count], features: (0..<17).map { Double($0) * 1.5 })
        }
        state = LearningState(
            modelVersion: 6, modelActive: true, modelDescription: "linear C=1\u{1B}[5m",
            mechanicalBackscatter: 6869, mechanicalNotBackscatter: 411, analystBackscatter: 3,
            analystNotBackscatter: 2, queueSize: itemCount, alerts: 1)
    }

    func tileGraph(for item: ReviewItem) throws -> TileGraph {
        let columns = 12
        return TileGraph(
            featureNames: featureNames,
            shades: featureNames.indices.map { row in (0..<columns).map { column in column == 0 ? .nan : (Double((row + column) % 9) - 4) / 4 } },
            columnStarts: (0..<columns).map { item.windowStart - Double(columns - 1 - $0) * 30 },
            selectedColumn: columns - 1,
            destinationGrid: (0..<6).map { block in (0..<columns).map { ($0 * block) % 7 } },
            blockLabels: (0..<6).map { "x.x.\($0 * 16)-\($0 * 16 + 15).x" })
    }

    func label(_ item: ReviewItem, as label: AnalystLabel) throws -> LabelReceipt {
        labelCalls.append((item.windowID, label))
        if let labelError { throw labelError }
        guard let index = queue.firstIndex(of: item) else { throw StoreFailure() }
        queue.remove(at: index)
        labelled.append((item, index))
        state.modelVersion += 1
        state.queueSize = queue.count
        return LabelReceipt(labelID: Int64(labelCalls.count), windowID: item.windowID, label: label, modelVersion: state.modelVersion)
    }

    func undo() throws -> ReviewItem? {
        undoCalls += 1
        guard let last = labelled.popLast() else { return nil }
        queue.insert(last.item, at: min(last.index, queue.count))
        state.queueSize = queue.count
        return last.item
    }

    func skip(_ item: ReviewItem) {
        skipCalls.append(item.windowID)
        queue.removeAll { $0.windowID == item.windowID }
        state.queueSize = queue.count
    }
}

/// Checks every grid invariant the terminal relies on; returns the failures as text.
func gridProblems(_ grid: ScreenGrid) -> [String] {
    var problems: [String] = []
    for row in 0..<grid.height {
        var total = 0
        for column in 0..<grid.width {
            let cell = grid[row: row, column: column]
            total += cell.width
            for scalar in cell.character.unicodeScalars where SafeText.needsEscape(scalar) {
                problems.append("row \(row) column \(column): control or invisible U+\(String(scalar.value, radix: 16))")
            }
            if cell.width == 2 {
                let next = column + 1 < grid.width ? grid[row: row, column: column + 1] : nil
                if next?.isContinuation != true { problems.append("row \(row) column \(column): wide character split") }
            }
            if cell.isContinuation {
                let previous = column > 0 ? grid[row: row, column: column - 1] : nil
                if previous?.width != 2 { problems.append("row \(row) column \(column): orphan continuation cell") }
            }
        }
        if total != grid.width { problems.append("row \(row): widths sum to \(total), not \(grid.width)") }
    }
    return problems
}
