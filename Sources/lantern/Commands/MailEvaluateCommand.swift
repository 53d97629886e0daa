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
            throw UsageError(.mailEvaluateNeedsStream)
        }
        let initial = try span(arguments, days: "initial-days", share: "initial-share", defaultDays: 60, allowsWhole: false)
        let window = try span(arguments, days: "window-days", share: "window-share", defaultDays: 30, allowsWhole: true)
        let since = try arguments.value("since").map { text -> Date in
            guard let date = MailStream.fileNameDate(text), text.count == 10 else {
                throw UsageError(.sinceInvalid, ["value": text])
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
            Output.note(.mailEvaluateNoDictionary)
            parser = MailParser(tokenizer: MailTokenizer(morphological: nil))
        }
        let stream = try MailStream(path: path, since: since, parser: parser)
        for failure in stream.failures { Output.note(SafeText.line(Output.text(.mailSkippedMessage, ["detail": failure]))) }
        Output.note(.mailEvaluateStream, ["messages": stream.entries.count, "malicious": stream.entries.filter(\.malicious).count,
                                          "unlabelled": stream.unlabelled, "undated": stream.undatedOrOlder, "failed": stream.failures.count])
        guard stream.entries.count >= 2 else {
            Output.error(SafeText.line(Output.text(.mailEvaluateTooFew, ["path": path])))
            return 1
        }

        let result = try evaluation.run(stream, initial: initial, window: window)
        if result.unconvergedRuns > 0 {
            Output.note(.mailEvaluateUnconverged, ["runs": result.unconvergedRuns])
        }
        // A table of zeros would read as a model that judged everything wrong.
        guard result.withDetection.total > 0 else {
            Output.error(.mailEvaluateNothingJudged, ["initial": result.initialMessages, "messages": stream.entries.count])
            return 1
        }
        Output.line(.mailEvaluateSettings, ["nu": evaluation.settings.nu, "gamma": evaluation.settings.gamma])
        printTable(result)
        try MailAccuracySeries.write(result.days, to: out)
        Output.note(.mailEvaluateWrote, ["out": out])
        return 0
    }

    /// Reads one span as days or as a share; the two forms exclude each other.
    static func span(_ arguments: Arguments, days: String, share: String, defaultDays: Int, allowsWhole: Bool) throws -> MailEvaluation.Span {
        if let text = arguments.value(share) {
            guard arguments.value(days) == nil else { throw UsageError(.spanBothGiven, ["days": days, "share": share]) }
            guard let value = Double(text), value > 0, allowsWhole ? value <= 1 : value < 1 else {
                throw UsageError(allowsWhole ? .shareInvalidAtMostOne : .shareInvalidBelowOne, ["option": share, "value": text])
            }
            return .share(value)
        }
        let text = arguments.value(days) ?? String(defaultDays)
        guard let value = Int(text), value >= 1 else {
            throw UsageError(.daysInvalid, ["option": days, "value": text])
        }
        return .days(value)
    }

    static func printTable(_ result: MailEvaluation.Result) {
        let judged = result.withDetection.total
        Output.line(.mailEvaluateCounts, ["initial": result.initialMessages, "judged": judged, "days": result.days.count])
        let columns = [Output.text(.columnPrecision), Output.text(.columnRecall), "F1", Output.text(.columnAccuracy),
                       Output.text(.columnSpamRecall), "MCC", Output.text(.columnQueries)]
        Output.line(EvaluateCommand.pad(Output.text(.columnMethod), 26) + columns.map { EvaluateCommand.pad($0, 12, right: true) }.joined())
        let rows: [(String, BinaryMetrics, Int)] = [
            (Output.text(.rowWithDetection), result.withDetection, result.queries),
            (Output.text(.rowWithoutDetection), result.withoutDetection, 0),
            (Output.text(.rowEverythingMalicious), result.everythingMalicious, 0),
        ]
        for (name, metrics, queries) in rows {
            let numbers = [metrics.precision, metrics.recall, metrics.f1, metrics.accuracy, metrics.specificity,
                           metrics.matthewsCorrelation].map { String(format: "%.3f", $0) } + [String(queries)]
            Output.line(EvaluateCommand.pad(name, 26) + numbers.map { EvaluateCommand.pad($0, 12, right: true) }.joined())
        }
        Output.line(.mailEvaluateLegend)
    }
}
