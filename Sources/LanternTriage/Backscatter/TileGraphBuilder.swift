import Foundation
import LanternStore

/// Builds the tile graph of a host from its windows and the model's class means.
struct TileGraphBuilder {
    let state: BackscatterModelState
    let featureNames: [String]
    /// Columns kept: the host's most recent windows up to the selected one and a few after.
    var maximumColumns = 48

    func graph(hostWindows: [StoredWindow], selectedID: Int64) -> TileGraph {
        let selected = hostWindows.firstIndex { $0.id == selectedID } ?? 0
        let upper = min(hostWindows.count, max(selected + 1, min(hostWindows.count, selected + 8)))
        let lower = max(0, upper - maximumColumns)
        let columns = Array(hostWindows[lower..<upper])
        let rows = columns.map { state.transform.apply($0.features) }
        var shades = [[Double]]()
        for feature in featureNames.indices {
            shades.append(rows.map { shade(value: $0[feature], feature: feature) })
        }
        let blocks = (0..<16).map { block in columns.map { block < $0.destinationBlocks.count ? $0.destinationBlocks[block] : 0 } }
        let labels = (0..<16).map { "/20 #\($0)" }
        return TileGraph(featureNames: featureNames, shades: shades, columnStarts: columns.map(\.windowStart),
                         selectedColumn: selected - lower, destinationGrid: blocks, blockLabels: labels)
    }

    /// -1 at the non-backscatter training mean, +1 at the backscatter mean, linear between,
    /// clamped; 0 when the model has no means yet or both means coincide.
    private func shade(value: Double, feature: Int) -> Double {
        guard feature < state.backscatterMean.count, feature < state.notBackscatterMean.count else { return 0 }
        let low = state.notBackscatterMean[feature], high = state.backscatterMean[feature]
        guard abs(high - low) > 1e-9 else { return 0 }
        return min(1, max(-1, 2 * (value - low) / (high - low) - 1))
    }
}
