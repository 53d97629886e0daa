/// Splitting of an mbox file into messages.
///
/// A separator is a line "From " + an address-like token + an asctime date, for example
/// "From spam-1@example.net Tue Nov 14 22:13:20 2023" (a time zone or missing seconds are
/// accepted). Body lines that start "From " but lack the date, which writers that do not escape
/// leave in place, stay in the message. Lines escaped as ">From " (mboxrd) lose one ">".
/// CRLF files are split the same way, and the blank line before each separator is removed
/// with its CR.
public enum MboxSplitter {
    /// Returns the messages of an mbox, as byte ranges of `bytes` (separator lines left out).
    /// - Complexity: O(n) in the file size.
    public static func messageRanges(_ bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var messageStart: Int?
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = nextLineEnd(bytes, from: lineStart)
            let line = ArraySlice(bytes[lineStart..<lineEnd])
            if line.first == 0x46, isSeparator(line.last == 0x0A ? line.dropLast() : line) {
                if let start = messageStart { ranges.append(start..<trimmedEnd(bytes, start: start, end: lineStart)) }
                messageStart = lineEnd
            } else if messageStart == nil {
                // Text before the first separator is not a message of this mbox.
            }
            lineStart = lineEnd
        }
        if let start = messageStart { ranges.append(start..<trimmedEnd(bytes, start: start, end: bytes.count)) }
        return ranges.filter { !$0.isEmpty }
    }

    /// Returns a message's bytes with mboxrd ">From " escaping undone.
    public static func unescaped(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var lineStart = range.lowerBound
        while lineStart < range.upperBound {
            let lineEnd = min(nextLineEnd(bytes, from: lineStart), range.upperBound)
            var quoteCount = 0
            while lineStart + quoteCount < lineEnd, bytes[lineStart + quoteCount] == 0x3E { quoteCount += 1 }
            let isEscapedFrom = quoteCount > 0 && lineEnd - lineStart - quoteCount >= 5
                && Array(bytes[(lineStart + quoteCount)..<(lineStart + quoteCount + 5)]) == Array("From ".utf8)
            output.append(contentsOf: bytes[(isEscapedFrom ? lineStart + 1 : lineStart)..<lineEnd])
            lineStart = lineEnd
        }
        return output
    }

    /// Returns whether `line` (without its LF) is an mbox separator.
    public static func isSeparator<Line: Collection>(_ line: Line) -> Bool where Line.Element == UInt8 {
        var text = Array(line)
        if text.last == 0x0D { text.removeLast() }
        guard text.count >= 5 + 3 + 24, text.starts(with: Array("From ".utf8)) else { return false }
        let fields = text.dropFirst(5).split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { String(decoding: $0, as: UTF8.self) }
        guard fields.count >= 5, isAddressLike(fields[0]) else { return false }
        return isAsctime(Array(fields.dropFirst()))
    }

    private static func isAddressLike(_ token: String) -> Bool {
        token.contains("@") || token == "-" || token.uppercased() == "MAILER-DAEMON" || token == "<>"
    }

    private static let weekdays: Set<String> = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months: Set<String> = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Www Mmm dd hh:mm[:ss] [zone] yyyy [zone]".
    private static func isAsctime(_ fields: [String]) -> Bool {
        guard fields.count >= 4, weekdays.contains(fields[0]), months.contains(fields[1]),
              let day = Int(fields[2]), (1...31).contains(day) else { return false }
        let time = fields[3].split(separator: ":")
        guard (2...3).contains(time.count), time.allSatisfy({ $0.count == 2 && Int($0) != nil }) else { return false }
        return fields.dropFirst(4).prefix(2).contains { $0.count == 4 && Int($0) != nil }
    }

    private static func nextLineEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            if bytes[index] == 0x0A { return index + 1 }
            index += 1
        }
        return bytes.count
    }

    /// `end` moved back over the one blank line (LF or CRLF) that precedes a separator.
    private static func trimmedEnd(_ bytes: UnsafeRawBufferPointer, start: Int, end: Int) -> Int {
        var cut = end
        if cut - start >= 1, bytes[cut - 1] == 0x0A {
            var previous = cut - 1
            if previous > start, bytes[previous - 1] == 0x0D { previous -= 1 }
            if previous > start, bytes[previous - 1] == 0x0A { cut = previous }
        }
        return cut
    }
}
