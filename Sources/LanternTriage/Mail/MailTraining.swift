import Foundation
import LanternEngine
import LanternMail
import LanternStore

/// Training and scoring of the mail models over every stored message.
///
/// Builds the term dictionary over the stored messages, trains `MailModel` on the labels in
/// force, writes verdict, confidence and unknown flag for every message and records a mail model
/// version. The fitted models are not stored. The `state` of a mail model version contains the
/// settings and label counts, and the next run retrains from the stored labels.
///
/// NOTE: every stored message, with its term counts, is loaded into memory and re-scored after
/// each label. That suits stores of thousands of messages; a store of 100,000 would need the
/// scoring done in batches from the store.
///
/// Folder labels (`malicious/`, `spam/`) are not training labels here, because
/// `lantern evaluate mail` uses them as the truth to measure against.
public final class MailTraining {
    /// Label counts and the outcome of one training, for `lantern stats`, `train` and the UI.
    public struct Summary: Sendable, Equatable, Codable {
        public var modelVersion: Int
        /// False while the labels lack a class; every message is then unknown.
        public var active: Bool
        public var maliciousLabels: Int
        public var benignLabels: Int
        public var messages: Int
        public var unknownMessages: Int
        public var maliciousVerdicts: Int
        public var selectedFeatures: Int
        public var unconvergedRuns: Int
    }

    public let store: Store
    public let settings: MailModel.Settings
    public private(set) var messages: [StoredMail]
    /// Term-frequency vector of each message, by position in `messages`.
    public private(set) var vectors: [SparseVector]
    /// The label in force of each labelled message, by position in `messages`.
    public private(set) var labels: [Int: StoredMailLabel] = [:]
    /// The fitted models, or `nil` while labels of both classes are missing.
    public private(set) var model: MailModel?
    /// Message positions in the order the models hold them, so a label change finds its sample.
    private(set) var trainingOrder: [Int] = []
    /// Verdict of each message by position in `messages`; `nil` while no model is fitted.
    public private(set) var verdicts: [MailModel.Verdict?]
    public private(set) var modelVersion: Int
    let positionByID: [Int64: Int]

    /// Loads messages and labels in force from `store`.
    /// - Complexity: O(total terms) to build the dictionary over every stored message.
    public init(store: Store, settings: MailModel.Settings = MailModel.Settings()) throws {
        self.store = store
        self.settings = settings
        messages = try store.mailMessages()
        var dictionary = MailFeatureDictionary()
        vectors = messages.map { dictionary.vector($0.termCounts) }
        positionByID = Dictionary(messages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        verdicts = Array(repeating: nil, count: messages.count)
        modelVersion = try store.latestMailModel()?.version ?? 0
        for (mailID, label) in MailTraining.labelsInForce(try store.mailLabels()) {
            if let position = positionByID[mailID] { labels[position] = label }
        }
    }

    /// Returns the label in force for each message id among `labels` (undone ones left out).
    ///
    /// An analyst's label overrides a labeller's (reputation list or command), whatever their
    /// order; within the same kind of source the newest label wins.
    public static func labelsInForce(_ labels: [StoredMailLabel]) -> [Int64: StoredMailLabel] {
        var inForce: [Int64: StoredMailLabel] = [:]
        for label in labels.sorted(by: { $0.id < $1.id }) where label.undoneAt == nil {
            if let current = inForce[label.mailID], current.source == "analyst", label.source != "analyst" { continue }
            inForce[label.mailID] = label
        }
        return inForce
    }

    /// Labels in force per class.
    public var labelCounts: (malicious: Int, benign: Int) {
        let malicious = labels.values.filter { $0.label == "malicious" }.count
        return (malicious, labels.count - malicious)
    }

    /// Whether the labels hold at least one message of each class, the least the verdict model
    /// needs to draw a boundary.
    public var canTrain: Bool { labelCounts.malicious >= 1 && labelCounts.benign >= 1 }

    /// Trains, scores, saves a new mail model version and writes every message's verdict.
    /// - Complexity: one batch fit of the three models over the labelled messages, then one
    ///   verdict per stored message.
    @discardableResult
    public func run() throws -> Summary {
        try fit()
        scoreAll()
        try saveVersion()
        try publish()
        return summary
    }

    /// Fits the three models from scratch on the labels in force, or drops them when a class
    /// has no label.
    public func fit() throws {
        guard canTrain else {
            model = nil
            trainingOrder = []
            return
        }
        trainingOrder = labels.keys.sorted()
        var fitted = MailModel(settings: settings)
        try fitted.retrain(samples: trainingOrder.map { vectors[$0] }, labels: trainingOrder.map { labels[$0]?.label == "malicious" })
        model = fitted
    }

    /// Sets or clears the label in force of the message at `position` and updates the models
    /// incrementally, falling back to a full fit when the models appear or disappear.
    func setLabel(_ label: StoredMailLabel?, at position: Int) throws {
        let hadModel = model != nil
        labels[position] = label
        guard hadModel, canTrain, var updated = model else {
            try fit()
            return
        }
        let malicious = label?.label == "malicious"
        if let slot = trainingOrder.firstIndex(of: position) {
            if label == nil {
                try updated.update(.remove(position: slot))
                trainingOrder.remove(at: slot)
            } else {
                try updated.update(.relabel(position: slot, malicious: malicious))
            }
        } else if label != nil {
            try updated.update(.add(vectors[position], malicious: malicious))
            trainingOrder.append(position)
        }
        model = updated
    }

    /// Recomputes the verdict of every message with the current models.
    /// - Complexity: one verdict per stored message.
    public func scoreAll() {
        guard let model else {
            verdicts = Array(repeating: nil, count: messages.count)
            return
        }
        verdicts = vectors.map { model.verdict($0) }
    }

    /// Records a new mail model version with its label counts and returns its number.
    @discardableResult
    public func saveVersion() throws -> Int {
        let counts = labelCounts
        let description = model == nil
            ? "inactive"
            : "L1 C=\(settings.selectionCost), one-class ν=\(settings.nu) γ=\(settings.gamma), L2 C=\(settings.verdictCost)"
        let trainedOn = "{\"malicious\":\(counts.malicious),\"benign\":\(counts.benign)}"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let state = [UInt8]((try? encoder.encode(summary)) ?? Data())
        modelVersion = try store.saveMailModel(active: model != nil, description: description, trainedOn: trainedOn, state: state)
        return modelVersion
    }

    /// Writes verdict, confidence and unknown flag of every message to the store in one
    /// transaction. Without a model, every message is marked unknown with no verdict.
    public func publish() throws {
        guard model != nil else {
            try store.markAllMailUnknown(modelVersion: modelVersion)
            return
        }
        let rows = zip(messages, verdicts).compactMap { message, verdict in
            verdict.map { (id: message.id, verdict: $0.malicious ? "malicious" : "benign", confidence: $0.confidence, unknown: $0.unknown) }
        }
        try store.updateMailVerdicts(rows, modelVersion: modelVersion)
    }

    /// The label counts and verdict totals of the current state.
    public var summary: Summary {
        let counts = labelCounts
        return Summary(
            modelVersion: modelVersion, active: model != nil, maliciousLabels: counts.malicious, benignLabels: counts.benign,
            messages: messages.count,
            unknownMessages: model == nil ? messages.count : verdicts.filter { $0?.unknown ?? true }.count,
            maliciousVerdicts: verdicts.filter { $0?.malicious ?? false }.count,
            selectedFeatures: model?.selectedFeatureCount ?? 0, unconvergedRuns: model?.unconvergedRuns ?? 0)
    }
}
