import Foundation
import LanternStore
import LanternTriage

/// `lantern stats`: `name: value` lines of what the store holds and the model's learning state.
enum StatsCommand {
    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .stats)
        let store = try StoreOpening.open(arguments.value("db"), mustExist: true)
        let windows = try store.windowCounts()
        let labels = try store.labelsInForce()
        let model = try store.latestModel()
        let trainedOn = model.flatMap { try? JSONDecoder().decode(TrainingCounts.self, from: Data($0.trainedOn.utf8)) } ?? TrainingCounts()
        let lines: [(String, String)] = [
            ("captures", String(try store.captures().count)),
            ("packets", String(try store.capturedRecords())),
            ("ip packets in windows", String(windows.packets)),
            ("source hosts", String(windows.sources)),
            ("windows", String(windows.windows)),
            ("mechanical backscatter windows", String(windows.mechanicalBackscatter)),
            ("mechanical not-backscatter windows", String(windows.mechanicalNot)),
            ("analyst backscatter labels", String(labels.filter { $0.label == AnalystLabel.backscatter.rawValue }.count)),
            ("analyst not-backscatter labels", String(labels.filter { $0.label == AnalystLabel.notBackscatter.rawValue }.count)),
            ("alerts", String(try store.alerts().count)),
            ("queue size", try store.meta("queue_size") ?? "0"),
            ("model version", String(model?.version ?? 0)),
            ("model active", model?.active == true ? "yes" : "no"),
            ("model", model?.description ?? "none"),
            ("model trained on", "\(trainedOn.mechanicalBackscatter)+\(trainedOn.mechanicalNotBackscatter) mechanical, "
                + "\(trainedOn.analystBackscatter)+\(trainedOn.analystNotBackscatter) analyst (backscatter+not)"),
        ] + (try SubnetStatsLines.lines(store)) + (try MailStatsLines.lines(store)) + (try MailTrainingCommand.statsLines(store))
        for (name, value) in lines { Output.line("\(name): \(value)") }
        if let model, !model.active {
            Output.line(.statsOneClassNote)
        }
        return 0
    }
}
