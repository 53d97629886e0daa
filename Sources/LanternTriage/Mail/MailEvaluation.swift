import Foundation
import LanternEngine
import LanternMail

/// The mail protocol replayed on a labelled stream: train on the first days, then every day
/// judge that day's messages and retrain on a sliding window of the latest messages.
///
/// The folder labels replace the labellers. A message the one-class model calls unknown goes to
/// the analyst's queue, so with unknown-mail detection its folder label is the analyst's reply,
/// counted as one query, and the verdict model's call is not used. Without detection every verdict
/// stands. Retraining uses the labels of every message in the window in both cases, as the
/// reputation list or crawler would supply them after the day.
public struct MailEvaluation {
    /// How much of the stream trains the first model and how much each retrain uses.
    public enum Span: Sendable, Equatable {
        /// Calendar days from the first message, or back from the day being judged.
        case days(Int)
        /// A share of all messages in the stream, for sparse streams where a fixed number of
        /// days would hold too few messages.
        case share(Double)
    }

    /// One day's outcome.
    public struct Day: Sendable {
        public var date: Date
        public var messages: Int
        public var accuracyWithDetection: Double
        public var accuracyWithoutDetection: Double
    }

    /// Counts of one run.
    public struct Result: Sendable {
        public var withDetection = BinaryMetrics()
        public var withoutDetection = BinaryMetrics()
        public var everythingMalicious = BinaryMetrics()
        public var queries = 0
        public var initialMessages = 0
        public var days: [Day] = []
        public var unconvergedRuns = 0
    }

    public var settings = MailModel.Settings()

    public init() {}

    /// Runs the protocol on `stream` with `dictionary` growing as messages arrive.
    /// - Throws: `EngineError` from training, which unit-length vectors never cause.
    /// - Complexity: one retrain per day with messages, each over the window.
    public func run(_ stream: MailStream, initial: Span, window: Span) throws -> Result {
        var dictionary = MailFeatureDictionary()
        let entries = stream.entries
        let vectors = entries.map { dictionary.vector($0.termCounts) }
        var result = Result()
        guard let first = entries.first else { return result }

        let initialCount: Int
        switch initial {
        case let .days(days):
            let end = first.date.addingTimeInterval(Double(days) * 86_400)
            initialCount = entries.firstIndex { $0.date >= end } ?? entries.count
        case let .share(share):
            initialCount = min(entries.count, max(1, Int((share * Double(entries.count)).rounded())))
        }
        result.initialMessages = initialCount
        var model = MailModel(settings: settings)
        try model.retrain(samples: Array(vectors[..<initialCount]), labels: entries[..<initialCount].map(\.malicious))

        var start = initialCount
        while start < entries.count {
            let day = Self.dayStart(entries[start].date)
            var end = start
            while end < entries.count, Self.dayStart(entries[end].date) == day { end += 1 }
            var correctWith = 0
            var correctWithout = 0
            for i in start..<end {
                let verdict = model.verdict(vectors[i])
                let actual = entries[i].malicious
                result.withoutDetection.record(predicted: verdict.malicious, actual: actual)
                result.everythingMalicious.record(predicted: true, actual: actual)
                if verdict.unknown { result.queries += 1 }
                let withDetection = verdict.unknown ? actual : verdict.malicious
                result.withDetection.record(predicted: withDetection, actual: actual)
                if withDetection == actual { correctWith += 1 }
                if verdict.malicious == actual { correctWithout += 1 }
            }
            let count = Double(end - start)
            result.days.append(Day(date: day, messages: end - start, accuracyWithDetection: Double(correctWith) / count,
                                   accuracyWithoutDetection: Double(correctWithout) / count))

            let windowStart = Self.windowStart(entries, end: end, span: window)
            try model.retrain(samples: Array(vectors[windowStart..<end]), labels: entries[windowStart..<end].map(\.malicious))
            start = end
        }
        result.unconvergedRuns = model.unconvergedRuns
        return result
    }

    private static func windowStart(_ entries: [MailStream.Entry], end: Int, span: Span) -> Int {
        switch span {
        case let .days(days):
            let cutoff = dayStart(entries[end - 1].date).addingTimeInterval(-Double(days - 1) * 86_400)
            return entries[..<end].firstIndex { $0.date >= cutoff } ?? 0
        case let .share(share):
            return max(0, end - max(1, Int((share * Double(entries.count)).rounded())))
        }
    }

    private static func dayStart(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }
}
