import Foundation
import LanternStore

/// Everything derived from the store for one model version: scores, queue and alerts.
///
/// Used by `lantern train`, at the end of `lantern ingest`, and by the review session.
public final class BackscatterScoring {
    public let store: Store
    public let settings: BackscatterSettings
    public private(set) var windows: [StoredWindow]
    public private(set) var learner: BackscatterLearner
    public private(set) var scores: [Double]
    public private(set) var queueBuilder: ReviewQueueBuilder
    public private(set) var modelVersion: Int

    /// Loads every window and the labels in force and trains a model on them (not yet saved).
    public init(store: Store, settings: BackscatterSettings = BackscatterSettings()) throws {
        self.store = store
        self.settings = settings
        windows = try store.allWindows()
        let labels = try store.labelsInForce()
        learner = BackscatterLearner(windows: windows, labels: labels, settings: settings)
        scores = windows.map { [learner] in learner.score($0) }
        let transform = learner.state.transform
        queueBuilder = ReviewQueueBuilder(windows: windows, rows: windows.map { transform.apply($0.features) },
                                          uncertainMargin: settings.uncertainMargin, seed: settings.seed)
        modelVersion = (try store.latestModel()?.version) ?? 0
    }

    /// Positions in `windows` of each source host's windows, built on first use.
    private lazy var positionsBySource: [String: [Int]] = Dictionary(grouping: windows.indices) { windows[$0].source }

    /// Returns the loaded windows of one source host, oldest first, as `Store.windows(ofSource:)`
    /// would, without scanning every stored segment on each call.
    public func windows(ofSource source: String) -> [StoredWindow] {
        (positionsBySource[source] ?? []).map { windows[$0] }
    }

    /// Returns the settings of the newest saved model, or `nil` when none is saved. A session or a
    /// retrain after ingest uses them to keep the feature set and kernel chosen with `lantern train`.
    public static func savedSettings(in store: Store) -> BackscatterSettings? {
        guard let model = try? store.latestModel(),
              let state = try? JSONDecoder().decode(BackscatterModelState.self, from: Data(model.state)) else { return nil }
        return state.settings
    }

    /// Alerts for the current scores (none while the packet-type rule scores).
    public func currentAlerts() -> [StoredAlert] {
        guard learner.state.active else { return [] }
        return AlertBuilder(threshold: settings.alertThreshold, darknetPrefixLength: settings.darknetPrefixLength)
            .alerts(windows: windows, scores: scores, modelVersion: modelVersion)
    }

    public func rescore() {
        scores = windows.map { [learner] in learner.score($0) }
    }

    /// Saves the current model as a new version and returns its number.
    @discardableResult
    public func saveModel() throws -> Int {
        let state = learner.state
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let stateBytes = [UInt8](try encoder.encode(state))
        let trainedOn = String(decoding: try encoder.encode(state.trainedOn), as: UTF8.self)
        modelVersion = try store.saveModel(active: state.active, description: state.description, trainedOn: trainedOn, state: stateBytes)
        return modelVersion
    }

    /// Writes scores and alerts to the store, and the alerts as JSON Lines to `alertsPath`.
    public func publish(alertsPath: String?, analystLabelled: Set<Int> = [], excluded: Set<Int> = []) throws -> [StoredAlert] {
        try store.updateScores(zip(windows, scores).map { (id: $0.id, score: $1) }, modelVersion: modelVersion)
        let alerts = currentAlerts()
        try store.replaceAlerts(alerts)
        let queue = queueBuilder.build(scores: scores, analystLabelled: analystLabelled, excluded: excluded)
        try store.setMeta("queue_size", String(queue.count))
        if let alertsPath {
            let lines = try alerts.map { alert -> String in
                String(decoding: try JSONEncoder.lines.encode(AlertLine(alert)), as: UTF8.self)
            }
            try AlertFile.write(lines.map { $0 + "\n" }.joined(), to: alertsPath)
        }
        return alerts
    }
}

/// One alert as written to `alerts.jsonl` and by `lantern export alerts`.
public struct AlertLine: Codable, Equatable {
    public var victim: String
    public var transport: String
    public var servicePort: Int
    public var firstSeen: String
    public var lastSeen: String
    public var packets: Int
    public var windows: Int
    public var score: Double
    public var attackRatePerSecond: Double
    public var modelVersion: Int

    enum CodingKeys: String, CodingKey {
        case victim, transport, packets, windows, score
        case servicePort = "service_port"
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
        case attackRatePerSecond = "attack_rate_pps"
        case modelVersion = "model_version"
    }

    public init(_ alert: StoredAlert) {
        victim = alert.victim
        transport = alert.transport
        servicePort = alert.servicePort
        firstSeen = Timestamps.rfc3339(alert.firstSeen)
        lastSeen = Timestamps.rfc3339(alert.lastSeen)
        packets = alert.packets
        windows = alert.windows
        score = (alert.score * 1000).rounded() / 1000
        attackRatePerSecond = (alert.attackRate * 10).rounded() / 10
        modelVersion = alert.modelVersion
    }
}

extension JSONEncoder {
    /// Compact, key-sorted JSON for one-record-per-line output.
    public static var lines: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// RFC 3339 UTC timestamps with milliseconds, as the export formats use.
public enum Timestamps {
    public static func rfc3339(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "" }
        let whole = seconds.rounded(.down)
        var time = time_t(whole)
        var parts = tm()
        gmtime_r(&time, &parts)
        let millis = Int(((seconds - whole) * 1000).rounded(.down))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }
}

/// The alerts file beside a store: owner-only like the store, named after it so two stores in
/// one folder do not overwrite each other's alerts (`lantern.db` → `alerts.jsonl`,
/// `sensor-a.db` → `sensor-a.alerts.jsonl`).
public enum AlertFile {
    public static func path(forStore storePath: String) -> String {
        let directory = (storePath as NSString).deletingLastPathComponent
        let name = (storePath as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        let file = name == "lantern.db" ? "alerts.jsonl" : "\(stem).alerts.jsonl"
        return directory.isEmpty ? file : (directory as NSString).appendingPathComponent(file)
    }

    static func write(_ text: String, to path: String) throws {
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: reason])
        }
    }
}
