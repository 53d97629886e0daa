import Foundation
import LanternEngine
import LanternMail
import LanternTriage
import LanternUI

/// `lantern evaluate mail`: the mail protocol replayed on a labelled stream, with and without
/// unknown-mail detection, beside the "everything malicious" row.
enum MailEvaluateCommand {
    static func run(_ arguments: Arguments) throws -> Int32 {
        guard let path = arguments.value("stream") else {
            throw UsageError("evaluate mail needs --stream DIR, a folder with malicious/ and spam/ subfolders")
        }
        let initial = try span(arguments, days: "initial-days", share: "initial-share", defaultDays: 60, allowsWhole: false)
        let window = try span(arguments, days: "window-days", share: "window-share", defaultDays: 30, allowsWhole: true)
        let since = try arguments.value("since").map { text -> Date in
            guard let date = MailStream.fileNameDate(text), text.count == 10 else {
                throw UsageError("--since takes a UTC day as YYYY-MM-DD, not '\(text)'")
            }
            return date
        }
        let out = arguments.value("out") ?? "."
        var evaluation = MailEvaluation()
        evaluation.settings = try MailModelOptions.settings(arguments)

        let parser: MailParser
        if let morphological = try? MorphologicalTokenizer() {
            parser = MailParser(tokenizer: MailTokenizer(morphological: morphological))
        } else {
            Output.note("warning: no MeCab dictionary, so Japanese text is kept as whole runs, not words")
            parser = MailParser(tokenizer: MailTokenizer(morphological: nil))
        }
        let stream = try MailStream(path: path, since: since, parser: parser)
        for failure in stream.failures { Output.note(SafeText.line("skipped message \(failure)")) }
        Output.note("stream: \(stream.entries.count) messages, \(stream.entries.filter(\.malicious).count) malicious; "
            + "left out: \(stream.unlabelled) outside malicious/ and spam/, \(stream.undatedOrOlder) undated or before --since, "
            + "\(stream.failures.count) unreadable")
        guard stream.entries.count >= 2 else {
            Output.error(SafeText.line("\(path) holds fewer than two labelled, dated messages; "
                + "put messages under malicious/ and spam/ folders"))
            return 1
        }

        let result = try evaluation.run(stream, initial: initial, window: window)
        if result.unconvergedRuns > 0 {
            Output.note("warning: \(result.unconvergedRuns) model fits stopped at their iteration limit before converging")
        }
        Output.line("one-class model: nu \(evaluation.settings.nu), gamma \(evaluation.settings.gamma)")
        printTable(result)
        try MailAccuracySeries.write(result.days, to: out)
        Output.note("wrote \(out)/mail-daily-accuracy.csv and \(out)/mail-daily-accuracy.svg")
        return 0
    }

    /// Reads one span as days or as a share; the two forms exclude each other.
    static func span(_ arguments: Arguments, days: String, share: String, defaultDays: Int, allowsWhole: Bool) throws -> MailEvaluation.Span {
        if let text = arguments.value(share) {
            guard arguments.value(days) == nil else { throw UsageError("give --\(days) or --\(share), not both") }
            guard let value = Double(text), value > 0, allowsWhole ? value <= 1 : value < 1 else {
                throw UsageError("--\(share) takes a share above 0 and \(allowsWhole ? "at most" : "below") 1, not '\(text)'")
            }
            return .share(value)
        }
        let text = arguments.value(days) ?? String(defaultDays)
        guard let value = Int(text), value >= 1 else {
            throw UsageError("--\(days) takes a whole number of days, at least 1, not '\(text)'")
        }
        return .days(value)
    }

    static func printTable(_ result: MailEvaluation.Result) {
        let judged = result.withDetection.total
        Output.line("initial training: \(result.initialMessages) messages; judged: \(judged) messages over \(result.days.count) days")
        Output.line(EvaluateCommand.pad("method", 26) + ["precision", "recall", "F1", "accuracy", "spam recall", "MCC", "queries"]
            .map { EvaluateCommand.pad($0, 12, right: true) }.joined())
        let rows: [(String, BinaryMetrics, Int)] = [
            ("with unknown detection", result.withDetection, result.queries),
            ("without detection", result.withoutDetection, 0),
            ("everything malicious", result.everythingMalicious, 0),
        ]
        for (name, metrics, queries) in rows {
            let numbers = [metrics.precision, metrics.recall, metrics.f1, metrics.accuracy, metrics.specificity,
                           metrics.matthewsCorrelation].map { String(format: "%.3f", $0) } + [String(queries)]
            Output.line(EvaluateCommand.pad(name, 26) + numbers.map { EvaluateCommand.pad($0, 12, right: true) }.joined())
        }
        Output.line("spam recall: recall on non-malicious spam; MCC: Matthews correlation coefficient; "
            + "queries: unknown messages answered from the folder labels")
    }
}
