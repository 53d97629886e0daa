import Foundation
import LanternDarknet
import LanternEngine
import LanternStore
import LanternTriage
import LanternUI

/// `lantern evaluate backscatter`: the analyst-loop replay beside the rule baselines.
enum EvaluateCommand {
    /// Options that only one of the two evaluations reads; given to the other, they would be
    /// ignored without a word.
    static let backscatterOnly = ["truth", "budgets", "features", "by-kind"]
    static let mailOnly = ["stream", "initial-days", "window-days", "initial-share", "window-share", "since", "out"]
        + CommandSpec.mailModelOptions.map(\.name)

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .evaluate)
        for (what, foreign) in [("mail", backscatterOnly), ("backscatter", mailOnly)] where arguments.positionals == [what] {
            if let name = foreign.first(where: { arguments.value($0) != nil || arguments.has($0) }) {
                throw UsageError(.evaluateOptionOtherModel, ["option": name, "other": what == "mail" ? "backscatter" : "mail"])
            }
        }
        if arguments.positionals == ["mail"] { return try MailEvaluateCommand.run(arguments) }
        guard arguments.positionals == ["backscatter"] else {
            throw UsageError(.evaluateNeedsAnalysis)
        }
        guard let truthPath = arguments.value("truth") else {
            throw UsageError(.evaluateNeedsTruth)
        }
        let budgets = try (arguments.value("budgets") ?? "0,0.5,1,2,5").split(separator: ",").map { text -> Double in
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value >= 0, value <= 100 else {
                throw UsageError(.budgetsInvalid, ["value": text])
            }
            return value
        }
        let featureSets: [BackscatterSettings.FeatureSet]
        switch arguments.value("features") ?? "both" {
        case "both": featureSets = [.baseline, .extended]
        case let name:
            guard let set = BackscatterSettings.FeatureSet(rawValue: name) else {
                throw UsageError(.featureSetInvalid, ["value": name])
            }
            featureSets = [set]
        }
        let truthRecords = try TruthFile.read(path: truthPath)
        let truth = Dictionary(truthRecords.map { ($0.src, $0.role.rawValue == "backscatter") }, uniquingKeysWith: { $0 || $1 })
        let store = try StoreOpening.open(arguments.value("db"), mustExist: true)
        let sources = try store.sources()
        let found = truth.keys.filter { sources.contains($0) }.count
        Output.note(.evaluateTruthSummary, ["hosts": truth.count, "path": truthPath, "found": found, "missing": sources.count - found])
        guard found > 0 else {
            Output.error(.evaluateNoHost, ["path": truthPath, "store": store.path])
            return 1
        }
        let roles = Set(truthRecords.map(\.role.rawValue))
        let unknownRoles = roles.subtracting(["backscatter", "scanner", "noise"])
        if !unknownRoles.isEmpty {
            Output.note(.evaluateUnknownRoles, ["roles": unknownRoles.sorted().joined(separator: ", ")])
        }

        Output.line(.evaluateTableTitle)
        Output.line(pad(Output.text(.columnMethod), 32) + pad(Output.text(.columnBudget), 8, right: true)
            + pad(Output.text(.columnQueries), 9, right: true) + pad(Output.text(.columnPrecision), 10, right: true)
            + pad(Output.text(.columnRecall), 8, right: true) + pad("F1", 7, right: true))
        var baselinesPrinted = false
        var errorsByKind = [(BackscatterSettings.FeatureSet, [(source: String, actual: Bool, predicted: Bool)])]()
        for set in featureSets {
            var settings = BackscatterSettings()
            settings.featureSet = set
            var evaluation = BackscatterEvaluation(settings: settings, budgets: budgets)
            let rows = try evaluation.run(store: store, truth: truth)
            if arguments.has("by-kind") { errorsByKind.append((set, evaluation.finalCalls)) }
            for row in rows where row.budgetPercent != nil || !baselinesPrinted {
                let budget = row.budgetPercent.map { String(format: "%.1f%%", $0) } ?? "-"
                Output.line(pad(row.name, 32) + pad(budget, 8, right: true) + pad(String(row.queries), 9, right: true)
                    + pad(String(format: "%.3f", row.counts.precision), 10, right: true)
                    + pad(String(format: "%.3f", row.counts.recall), 8, right: true)
                    + pad(String(format: "%.3f", row.counts.f1), 7, right: true))
            }
            baselinesPrinted = true
        }
        let kinds = Dictionary(truthRecords.map { ($0.src, $0.kind) }, uniquingKeysWith: { first, _ in first })
        for (set, calls) in errorsByKind {
            printErrorsByKind(calls, kinds: kinds, title: Output.text(.evaluateByKindTitle, ["features": set.rawValue]))
        }
        return 0
    }

    /// Pads `text` to `width` terminal cells; a Japanese character takes two. Right-aligned
    /// text keeps at least one space before it, so a header as wide as its column ("スパム再現率"
    /// in 12 cells) does not run into the one before.
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(right ? 1 : 0, width - DisplayWidth.width(of: text)))
        return right ? fill + text : text + fill
    }

    /// Per truth kind: windows measured and how many the product called wrongly.
    static func printErrorsByKind(_ calls: [(source: String, actual: Bool, predicted: Bool)], kinds: [String: String], title: String) {
        var table = [String: (windows: Int, wrong: Int, backscatter: Bool)]()
        for call in calls {
            let kind = kinds[call.source] ?? "?"
            var entry = table[kind] ?? (0, 0, call.actual)
            entry.windows += 1
            if call.actual != call.predicted { entry.wrong += 1 }
            table[kind] = entry
        }
        Output.line("\n" + title)
        // The truth column fits its widest word: "バックスキャッター" takes 18 cells.
        let truthWidth = [Output.text(.columnTruth), Output.text(.truthBackscatter), Output.text(.truthNot)]
            .map { DisplayWidth.width(of: $0) }.max().map { max(14, $0 + 2) } ?? 14
        Output.line(pad(Output.text(.columnKind), 36) + pad(Output.text(.columnTruth), truthWidth)
            + pad(Output.text(.columnWindows), 9, right: true) + pad(Output.text(.columnWrong), 8, right: true))
        for (kind, entry) in table.sorted(by: { $0.value.wrong > $1.value.wrong || ($0.value.wrong == $1.value.wrong && $0.key < $1.key) }) {
            Output.line(pad(kind, 36) + pad(Output.text(entry.backscatter ? .truthBackscatter : .truthNot), truthWidth)
                + pad(String(entry.windows), 9, right: true) + pad(String(entry.wrong), 8, right: true))
        }
    }
}
