import Foundation
import LanternStore
import LanternTriage

/// `lantern train`: a model version from the labels in force; scores, queue size and alerts.
enum TrainCommand {
    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .train)
        let store = try StoreOpening.open(arguments.value("db"), mustExist: true)
        // Options given now win; otherwise the choices of the last training stay in force.
        var settings = BackscatterScoring.savedSettings(in: store) ?? BackscatterSettings()
        if let kernel = arguments.value("kernel") {
            guard let choice = BackscatterSettings.KernelChoice(rawValue: kernel) else {
                throw UsageError(.kernelInvalid, ["value": kernel])
            }
            settings.kernel = choice
        }
        if let features = arguments.value("features") {
            guard let set = BackscatterSettings.FeatureSet(rawValue: features) else {
                throw UsageError(.featuresInvalid, ["value": features])
            }
            settings.featureSet = set
        }
        try train(store: store, settings: settings)
        try MailTrainingCommand.train(store: store)
        return 0
    }

    static func train(store: Store, settings requested: BackscatterSettings) throws {
        // Alert rates scale by the darknet's share of the address space, which the store keeps.
        var settings = requested
        settings.darknetPrefixLength = DarknetPrefixSetting.stored(in: store).ipv4
        let scoring = try BackscatterScoring(store: store, settings: settings)
        let version = try scoring.saveModel()
        let alertsPath = AlertFile.path(forStore: store.path)
        let alerts = try scoring.publish(alertsPath: alertsPath)
        let state = scoring.learner.state
        let counts = state.trainedOn
        if state.active {
            Output.note(.modelActive, ["version": version, "model": state.description,
                                       "mechanicalB": counts.mechanicalBackscatter, "mechanicalN": counts.mechanicalNotBackscatter,
                                       "analystB": counts.analystBackscatter, "analystN": counts.analystNotBackscatter,
                                       "alerts": alerts.count, "path": alertsPath])
            if state.hitIterationLimit {
                Output.error(.solverIterationLimit)
            }
        } else if counts.mechanicalBackscatter + counts.mechanicalNotBackscatter == 0 {
            Output.note(.modelInactiveNoMechanical, ["version": version])
        } else {
            Output.note(.modelInactiveOneClass, ["version": version, "backscatter": counts.mechanicalBackscatter,
                                                 "notBackscatter": counts.mechanicalNotBackscatter])
        }
    }
}

/// Opening the store named by `--db`, with a clear message when it is missing.
enum StoreOpening {
    static func open(_ path: String?, mustExist: Bool) throws -> Store {
        let path = path ?? Store.defaultPath
        if mustExist && !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure(.storeMissing, ["path": path])
        }
        return try Store(path: path)
    }

    /// Deletes a store file and the files SQLite and `ingest` keep beside it, for a store that
    /// is to be made again (a demo stopped half-way) or was never meant to be made.
    static func removeFiles(of path: String) {
        for suffix in ["", "-wal", "-shm", ".ingest-lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
