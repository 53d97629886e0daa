import Glibc

/// The way a file stores mail.
public enum MailFileKind: Sendable, Equatable {
    /// One message (an .eml file, or a Maildir message named by `MaildirName`).
    case message
    /// Many messages after "From " separator lines.
    case mbox
}

/// Recognition of mail files by their first bytes, whatever their names.
public enum MailFileFormat {
    /// Bytes read to decide.
    static let sniffLength = 8_192

    /// Returns the kind of mail in the file at `path`, or `nil` when the file is unreadable, empty or
    /// does not start like mail.
    public static func detect(path: String) -> MailFileKind? {
        guard let head = readHead(path) else { return nil }
        return detect(head: head)
    }

    /// Returns the kind of mail `head` (the first bytes of a file) starts, or `nil`.
    ///
    /// An mbox starts with a separator line (see `MboxSplitter.isSeparator`). A message starts
    /// with a header block. Within its first lines there must be at least two header fields
    /// ("Name: value"), one of them a field every message carries (From, Received, Return-Path,
    /// Subject, Date, Message-ID, Delivered-To, MIME-Version, Content-Type, To). One such field
    /// followed by the blank line that ends the block is also enough. Up to three lines of other
    /// text, such as a log line some tools write first, may come before the block.
    public static func detect(head: [UInt8]) -> MailFileKind? {
        let lines = head.split(separator: 0x0A, maxSplits: 40, omittingEmptySubsequences: false).prefix(40)
        guard let first = lines.first, !head.isEmpty else { return nil }
        if MboxSplitter.isSeparator(first) { return .mbox }
        return headerBlockStart(lines: Array(lines)) != nil ? .message : nil
    }

    /// Returns the index of the line where a header block starts, or `nil` when there is none in the
    /// first four lines.
    static func headerBlockStart(lines: [ArraySlice<UInt8>]) -> Int? {
        for start in 0..<min(4, lines.count) {
            var fields = 0
            var known = false
            for line in lines[start...] {
                let trimmed = line.last == 0x0D ? line.dropLast() : line
                // A blank line ends the header block: one known field is then enough (a MIME
                // entity with only Content-Type, or a stub with only From).
                if trimmed.isEmpty {
                    if fields >= 1 && known { return start }
                    break
                }
                if trimmed.first == 0x20 || trimmed.first == 0x09 { continue }  // folded continuation
                guard let name = fieldName(trimmed) else { break }
                fields += 1
                if knownFields.contains(name.lowercased()) { known = true }
                if fields >= 2 && known { return start }
            }
        }
        return nil
    }

    private static let knownFields: Set<String> = [
        "from", "received", "return-path", "subject", "date", "message-id", "delivered-to", "mime-version", "content-type", "to",
    ]

    /// Returns the field name of a header line: printable ASCII without ":" before the colon. A space
    /// before the colon ("From : x") is tolerated, as loose parsers do.
    static func fieldName(_ line: ArraySlice<UInt8>) -> String? {
        guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex else { return nil }
        var name = line[line.startIndex..<colon]
        while name.last == 0x20 || name.last == 0x09 { name = name.dropLast() }
        guard !name.isEmpty, name.count <= 76, name.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return String(decoding: name, as: UTF8.self)
    }

    static func readHead(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: sniffLength)
        let count = fread(&buffer, 1, sniffLength, file)
        return count > 0 ? Array(buffer[0..<count]) : nil
    }
}
