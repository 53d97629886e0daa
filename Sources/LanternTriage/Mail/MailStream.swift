import Foundation
import LanternMail

/// A time-ordered stream of labelled messages read from folders named `malicious/` and `spam/`,
/// the input of `MailEvaluation`.
///
/// A message's date is the `YYYY-MM-DD` its file name starts with when it has one, and its
/// `Date:` header otherwise, because spam often carries forged `Date:` headers and a collection
/// that names files by date has usually checked that date against the `Received:` headers. Messages outside those folders, without a date, before
/// `since` or failing to parse are left out and counted.
public struct MailStream: Sendable {
    /// One labelled message.
    public struct Entry: Sendable {
        public var date: Date
        public var malicious: Bool
        public var termCounts: [String: Int]
    }

    /// The messages in date order (ties in path order).
    public private(set) var entries: [Entry] = []
    /// Messages left out because they lie outside `malicious/` and `spam/`.
    public private(set) var unlabelled = 0
    /// Messages left out for having no usable date, or one before `since`.
    public private(set) var undatedOrOlder = 0
    /// Messages that failed to read or parse, with their reasons.
    public private(set) var failures: [String] = []

    /// Reads every mail file under `path`.
    /// - Throws: `MailError` when `path` does not exist or cannot be listed.
    /// - Complexity: O(total bytes), plus MeCab's time on Japanese text.
    public init(path: String, since: Date?, parser: MailParser) throws {
        let source = try MailSource(paths: [path])
        var dated: [(Entry, String)] = []
        for file in source.files.sorted(by: { $0.path < $1.path }) {
            guard let label = file.folderLabel else {
                unlabelled += 1
                continue
            }
            MailReader.forEachMessage(in: file, limits: parser.limits) { index, result in
                do {
                    let message = try parser.parse(try result.get())
                    guard let date = Self.fileNameDate(file.path) ?? message.date, date >= (since ?? .distantPast) else {
                        undatedOrOlder += 1
                        return
                    }
                    dated.append((Entry(date: date, malicious: label == "malicious", termCounts: message.termCounts), file.path))
                } catch {
                    failures.append("\(file.path) (message \(index + 1)): \(error)")
                }
            }
        }
        entries = dated.sorted { ($0.0.date, $0.1) < ($1.0.date, $1.1) }.map(\.0)
    }

    /// Returns the UTC midnight of a file name (or text) that starts with `YYYY-MM-DD`, or `nil`.
    public static func fileNameDate(_ path: String) -> Date? {
        let name = (path as NSString).lastPathComponent
        guard name.count >= 10 else { return nil }
        let parts = name.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts[0].count == 4, (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar.date(from: DateComponents(year: year, month: month, day: day))
    }
}
