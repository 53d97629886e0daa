import Foundation
import LanternDarknet
import LanternStore

/// The analyst loop over a store: the implementation of `BackscatterReview` the UI drives.
///
/// Each label is committed to the store first; only then is the model updated (warm start),
/// saved as a new version and the queue rebuilt. If the process dies between the two steps the
/// label is kept and the next session trains on it.
public final class BackscatterSession: BackscatterReview {
    private let scoring: BackscatterScoring
    private let analyst: String
    private let alertsPath: String?
    private var indexByID: [Int64: Int] = [:]
    private var analystLabelled: Set<Int> = []
    private var skipped: Set<Int> = []
    private var undoStack: [(labelID: Int64, index: Int)] = []
    private var entries: [ReviewQueueBuilder.Entry] = []
    /// Queue items materialised for the screen; the full queue can be far longer (its size is
    /// on the status line), but an analyst works from the top and each item costs a feature copy.
    public private(set) var queue: [ReviewItem] = []
    public var queueLimit = 2_000
    public let featureNames: [String]
    /// Captures in the store when the session loaded; an ingest during the session changes it.
    private let capturesAtLoad: [Int64]
    private var labelledThisSession = false
    private var alertsCached = 0

    public init(store: Store, settings: BackscatterSettings = BackscatterSettings(), analyst: String, alertsPath: String?) throws {
        scoring = try BackscatterScoring(store: store, settings: settings)
        self.analyst = analyst
        self.alertsPath = alertsPath
        featureNames = settings.featureIndices.map { WindowFeatures.allNames[$0] }
        for (index, window) in scoring.windows.enumerated() { indexByID[window.id] = index }
        let keys = Dictionary(scoring.windows.enumerated().map { (BackscatterLearner.key($1.source, $1.windowStart), $0) },
                              uniquingKeysWith: { first, _ in first })
        for label in try store.labelsInForce() {
            if let index = keys[BackscatterLearner.key(label.source, label.windowStart)] { analystLabelled.insert(index) }
        }
        capturesAtLoad = try store.captures().map(\.id)
        if scoring.modelVersion == 0 { try scoring.saveModel() }
        alertsCached = scoring.currentAlerts().count
        rebuildQueue()
    }

    public var state: LearningState {
        let counts = scoring.learner.state.trainedOn
        return LearningState(
            modelVersion: scoring.modelVersion, modelActive: scoring.learner.state.active,
            modelDescription: scoring.learner.state.description,
            mechanicalBackscatter: counts.mechanicalBackscatter, mechanicalNotBackscatter: counts.mechanicalNotBackscatter,
            analystBackscatter: counts.analystBackscatter, analystNotBackscatter: counts.analystNotBackscatter,
            queueSize: entries.count, alerts: alertsCached)
    }

    public func label(_ item: ReviewItem, as label: AnalystLabel) throws -> LabelReceipt {
        guard let index = indexByID[item.windowID] else { throw TriageError.unknownWindow(item.windowID) }
        let window = scoring.windows[index]
        let labelID = try scoring.store.insertLabel(
            source: window.source, windowStart: window.windowStart, label: label.rawValue, analyst: analyst,
            shownScore: item.score, shownReason: item.reason, modelVersion: scoring.modelVersion)
        analystLabelled.insert(index)
        undoStack.append((labelID, index))
        scoring.learner.update(window: window, label: label)
        let version = try refreshModel()
        return LabelReceipt(labelID: labelID, windowID: window.id, label: label, modelVersion: version)
    }

    public func undo() throws -> ReviewItem? {
        guard let last = undoStack.popLast() else { return nil }
        try scoring.store.undoLabel(id: last.labelID)
        analystLabelled.remove(last.index)
        scoring.learner.withdraw(window: scoring.windows[last.index])
        try refreshModel()
        return makeItem(last.index, reason: "undone")
    }

    public func skip(_ item: ReviewItem) {
        guard let index = indexByID[item.windowID] else { return }
        skipped.insert(index)
        rebuildQueue()
    }

    public func tileGraph(for item: ReviewItem) throws -> TileGraph {
        guard let index = indexByID[item.windowID] else { throw TriageError.unknownWindow(item.windowID) }
        return TileGraphBuilder(state: scoring.learner.state, featureNames: featureNames)
            .graph(hostWindows: scoring.windows(ofSource: scoring.windows[index].source), selectedID: item.windowID)
    }

    /// Writes scores, alerts and the queue size for the last model; call when the session ends.
    ///
    /// Nothing is written when the session made no label. When captures were ingested while the
    /// session was open, its in-memory windows are stale, so the model is retrained from the store
    /// instead: publishing the stale view would drop the new capture's alerts.
    public func close() throws {
        guard labelledThisSession else { return }
        if try scoring.store.captures().map(\.id) != capturesAtLoad {
            let fresh = try BackscatterScoring(store: scoring.store, settings: scoring.settings)
            try fresh.saveModel()
            _ = try fresh.publish(alertsPath: alertsPath)
        } else {
            _ = try scoring.publish(alertsPath: alertsPath, analystLabelled: analystLabelled, excluded: skipped)
        }
    }

    @discardableResult
    private func refreshModel() throws -> Int {
        labelledThisSession = true
        let version = try scoring.saveModel()
        scoring.rescore()
        alertsCached = scoring.currentAlerts().count
        rebuildQueue()
        return version
    }

    private func rebuildQueue() {
        entries = scoring.queueBuilder.build(scores: scoring.scores, analystLabelled: analystLabelled, excluded: skipped)
        queue = entries.prefix(queueLimit).map { makeItem($0.index, reason: $0.reason.rawValue) }
    }

    private func makeItem(_ index: Int, reason: String) -> ReviewItem {
        let window = scoring.windows[index]
        return ReviewItem(
            windowID: window.id, host: window.source, service: ServiceText.describe(window), packets: window.packets,
            windowStart: window.windowStart, score: scoring.scores[index], reason: reason,
            features: scoring.settings.featureIndices.map { $0 < window.features.count ? window.features[$0] : 0 })
    }
}

/// Failures of the analyst loop.
public enum TriageError: Error, CustomStringConvertible {
    case unknownWindow(Int64)

    public var description: String {
        switch self {
        case .unknownWindow(let id):
            return "window \(id) is no longer in the store (was its capture re-ingested?); restart 'lantern tui' to reload"
        }
    }
}

/// Short protocol-and-port text for a window, such as "TCP 443→*".
public enum ServiceText {
    public static func describe(_ window: StoredWindow) -> String {
        switch window.transport {
        case .tcp: return "TCP \(window.servicePort)→*"
        case .udp: return "UDP \(window.servicePort)→*"
        case .icmp, .icmpv6:
            let name = window.transport == .icmp ? "ICMP" : "ICMPv6"
            return window.quotedPort > 0 ? "\(name) err→\(window.quotedPort)" : name
        case .other: return "other"
        }
    }
}
