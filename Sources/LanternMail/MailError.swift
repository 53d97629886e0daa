import Foundation

/// Failures of reading mail, each with the sentence shown to the user.
public enum MailError: Error, CustomStringConvertible, Sendable, Equatable {
    /// GMime found no message in the bytes.
    case unparsable(reason: String)
    /// The message is larger than the configured limit and was not parsed.
    case tooLarge(bytes: Int, limit: Int)
    /// No blank line ends the header block within the configured limit; not parsed.
    case headerTooLarge(limit: Int)
    /// The file or folder could not be read.
    case unreadable(path: String, reason: String)
    /// No MeCab dictionary was found for Japanese tokens.
    case dictionaryNotFound(searched: [String])
    /// MeCab could not be started with the dictionary found.
    case tokenizerFailed(reason: String)

    public var description: String {
        switch self {
        case let .unparsable(reason):
            return "not a parsable message: \(reason)"
        case let .tooLarge(bytes, limit):
            return "message is \(MailError.mebibytes(bytes)) MiB, larger than the \(MailError.mebibytes(limit)) MiB limit; skipped"
        case let .headerTooLarge(limit):
            return "header block is larger than the \(MailError.kibibytes(limit)) KiB limit; skipped"
        case let .unreadable(path, reason):
            return "cannot read \(path): \(reason)"
        case let .dictionaryNotFound(searched):
            return "no MeCab IPADIC dictionary found (searched \(searched.joined(separator: ", "))); install mecab-ipadic-utf8"
        case let .tokenizerFailed(reason):
            return "MeCab failed to start: \(reason); check that mecab-ipadic-utf8 is installed"
        }
    }

    private static func mebibytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1_048_576)
    }

    private static func kibibytes(_ bytes: Int) -> String {
        String(bytes / 1024)
    }
}
