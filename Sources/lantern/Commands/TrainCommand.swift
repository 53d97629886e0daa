import Foundation
import LanternStore
import LanternTriage

/// `lantern train`: a model version from the labels in force; scores, queue size and alerts.
enum TrainCommand {
    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, command: "train", valued: ["db", "features", "kernel"])
        var settings = BackscatterSettings()
        if let kernel = arguments.value("kernel") {
            guard let choice = BackscatterSettings.KernelChoice(rawValue: kernel) else {
                throw UsageError("--kernel must be auto, linear or rbf, not '\(kernel)'")
            }
            settings.kernel = choice
        }
        if let features = arguments.value("features") {
            guard let set = BackscatterSettings.FeatureSet(rawValue: features) else {
                throw UsageError("--features must be baseline or extended, not '\(features)'")
            }
            settings.featureSet = set
        }
        let store = try StoreOpening.open(arguments.value("db"), mustExist: true)
        try train(store: store, settings: settings)
        return 0
    }

    static func train(store: Store, settings: BackscatterSettings) throws {
        let scoring = try BackscatterScoring(store: store, settings: settings)
        let version = try scoring.saveModel()
        let alertsPath = ((store.path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("alerts.jsonl")
        let alerts = try scoring.publish(alertsPath: alertsPath)
        let state = scoring.learner.state
        let counts = state.trainedOn
        if state.active {
            Output.note("model v\(version): \(state.description), trained on \(counts.mechanicalBackscatter)+\(counts.mechanicalNotBackscatter) "
                + "mechanical and \(counts.analystBackscatter)+\(counts.analystNotBackscatter) analyst labels "
                + "(backscatter+not); \(alerts.count) alerts written to \(alertsPath)")
            if state.hitIterationLimit {
                Output.error("the SVM solver stopped at its iteration limit; the model is usable but not optimal")
            }
        } else {
            Output.note("model v\(version): inactive, the labels hold one class only (\(counts.mechanicalBackscatter) backscatter, "
                + "\(counts.mechanicalNotBackscatter) not); windows are scored by the packet-type rule until "
                + "'lantern tui' gets a label of the other class")
        }
    }
}

/// Opening the store named by `--db`, with a clear message when it is missing.
enum StoreOpening {
    static func open(_ path: String?, mustExist: Bool) throws -> Store {
        let path = path ?? Store.defaultPath
        if mustExist && !FileManager.default.fileExists(atPath: path) {
            throw UsageError("store \(path) does not exist; run 'lantern ingest --db \(path) CAPTURE' first")
        }
        return try Store(path: path)
    }
}
