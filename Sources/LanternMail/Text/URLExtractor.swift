import Foundation

/// URLs found in mail text and link attributes, de-obfuscated, with their hosts.
///
/// Spam and analysts' reports write URLs so that they do not click: "hxxp://", "example[.]com",
/// "example(dot)com", "[:]//". These are turned back into plain URLs before matching. A URL in
/// text starts at "http://", "https://", "ftp://" or "www." and ends at white space, a quote,
/// an angle bracket, or Japanese or full-width text, which often follows a URL without a
/// space. Trailing punctuation is dropped. Nothing is ever fetched.
///
/// NOTE: a host written in Japanese script (an IDN such as "例え.jp") is cut at its first
/// Japanese character. Links in HTML attributes are not affected.
public enum URLExtractor {
    /// URLs in plain text, in order of appearance, de-obfuscated.
    /// - Complexity: O(n) in the text length.
    public static func urls(inText text: String) -> [String] {
        let plain = Array(deobfuscated(text).unicodeScalars)
        var found: [String] = []
        var index = 0
        while index < plain.count {
            // A URL starts after anything but a letter or digit, so "xhttp://" is not one.
            guard let prefixLength = urlPrefixLength(plain, at: index),
                  index == 0 || !(plain[index - 1].properties.isAlphabetic || plain[index - 1].properties.numericType != nil) else {
                index += 1
                continue
            }
            var end = index + prefixLength
            while end < plain.count, isURLCharacter(plain[end]) { end += 1 }
            var url = String(String.UnicodeScalarView(plain[index..<end]))
            while let last = url.unicodeScalars.last, ".,;:!?)]}'\"*".unicodeScalars.contains(last) { url.unicodeScalars.removeLast() }
            if host(of: url) != nil { found.append(url) }
            index = max(end, index + 1)
        }
        return found
    }

    /// Returns the URL of a link attribute (href, action, src), de-obfuscated, or `nil` for links that
    /// lead nowhere on the web (mailto:, cid:, javascript:, data:, fragments, relative paths).
    public static func url(fromLink link: String) -> String? {
        let trimmed = deobfuscated(link).trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = trimmed.lowercased()
        if lower.hasPrefix("//") { return "http:" + trimmed }
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("ftp://") || lower.hasPrefix("www.") else {
            return nil
        }
        return host(of: trimmed) != nil ? trimmed : nil
    }

    /// Returns the lower-case host of a URL (no user information, port or trailing dot).
    public static func host(of url: String) -> String? {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0 == "\\" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host: Substring
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.startIndex...close]
        } else {
            host = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        }
        while host.hasSuffix(".") { host = host.dropLast() }
        let lowered = host.lowercased()
        guard !lowered.isEmpty, lowered.contains(".") || lowered.hasPrefix("["),
              !lowered.unicodeScalars.contains(where: { $0.value < 0x21 || (0x7F...0x9F).contains($0.value) || $0.properties.isWhitespace })
        else { return nil }
        return lowered
    }

    /// Defanged spellings and what they stand for, matched without regard to ASCII case.
    private static let defangings: [(pattern: [UInt32], replacement: String)] = [
        ("hxxps[:]//", "https://"), ("hxxp[:]//", "http://"), ("hxxps://", "https://"), ("hxxp://", "http://"),
        ("h**ps://", "https://"), ("h**p://", "http://"), ("fxp://", "ftp://"),
        ("[://]", "://"), ("[:]", ":"), ("[.]", "."), ("(.)", "."), ("{.}", "."),
        ("[dot]", "."), ("(dot)", "."), ("{dot}", "."),
    ].map { (Array($0.0.unicodeScalars.map(\.value)), $0.1) }

    /// Returns the text with common defanging undone: hxxp, [.], (.), {.}, [dot], (dot), [:], [://].
    /// - Complexity: O(n) in the text length.
    public static func deobfuscated(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        scanning: while index < scalars.count {
            let scalar = scalars[index]
            let lowered = scalar.value | 0x20
            // Every pattern starts with "h", "f", "[", "(" or "{", so other characters skip the search.
            if lowered == 0x68 || lowered == 0x66 || scalar == "[" || scalar == "(" || scalar == "{" {
                for (pattern, replacement) in defangings where matches(pattern, scalars, at: index) {
                    result.append(contentsOf: replacement.unicodeScalars)
                    index += pattern.count
                    continue scanning
                }
            }
            result.append(scalars[index])
            index += 1
        }
        return String(result)
    }

    private static func matches(_ pattern: [UInt32], _ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + pattern.count <= scalars.count else { return false }
        for (offset, expected) in pattern.enumerated() {
            let value = scalars[index + offset].value
            let lowered = (0x41...0x5A).contains(value) ? value | 0x20 : value
            if lowered != expected { return false }
        }
        return true
    }

    private static let urlPrefixes: [[UInt32]] = ["https://", "http://", "ftp://", "www."].map { $0.unicodeScalars.map(\.value) }

    /// Returns the length of the URL start ("https://", "http://", "ftp://", "www.", any case) at `index`.
    private static func urlPrefixLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        let first = scalars[index].value | 0x20
        guard first == 0x68 || first == 0x66 || first == 0x77 else { return nil }  // "h", "f", "w"
        return urlPrefixes.first { matches($0, scalars, at: index) }?.count
    }

    /// Returns whether `scalar` continues a URL in text. Non-ASCII letters, symbols and invisible format
    /// characters continue it, so a lookalike slash or a zero-width space stays visible in the
    /// URL instead of silently cutting it. Japanese script, CJK and full-width punctuation and
    /// white space end it.
    private static func isURLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return scalar.value > 0x20 && scalar.value < 0x7F && !"<>\"'`{}|^".unicodeScalars.contains(scalar)
        }
        if scalar.properties.isWhitespace || (0x80...0x9F).contains(scalar.value) || MailTokenizer.isJapanese(scalar) {
            return false
        }
        switch scalar.value {
        case 0x3000...0x303F, 0xFF00...0xFFEF, 0x2018...0x201F, 0x300C...0x300F:
            return false
        default:
            return true
        }
    }
}
