import Foundation

/// URLs found in mail text and link attributes, de-obfuscated, with their hosts.
///
/// Spam and analysts' reports write URLs so that they do not click: "hxxp://", "example[.]com",
/// "example(dot)com", "[:]//". These are turned back into plain URLs before matching. A URL in
/// text starts at "http://", "https://", "ftp://" or "www." and ends at white space, a quote,
/// an angle bracket, or any non-ASCII character (Japanese text usually follows a URL without a
/// space); trailing punctuation is dropped. Nothing is ever fetched.
public enum URLExtractor {
    /// URLs in plain text, in order of appearance, de-obfuscated.
    /// - Complexity: O(n) in the text length.
    public static func urls(inText text: String) -> [String] {
        let plain = Array(deobfuscated(text).unicodeScalars)
        var found: [String] = []
        var index = 0
        while index < plain.count {
            guard let prefixLength = urlPrefixLength(plain, at: index),
                  index == 0 || !isURLCharacter(plain[index - 1]) || plain[index - 1] == "/" || plain[index - 1] == "=" else {
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

    /// The URL of a link attribute (href, action, src), de-obfuscated, or `nil` for links that
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

    /// The lower-case host of a URL (no user information, port or trailing dot).
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
              lowered.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || "-._[]:".unicodeScalars.contains($0) })
        else { return nil }
        return lowered
    }

    /// The text with common defanging undone: hxxp, [.], (.), {.}, [dot], (dot), [:], [://].
    public static func deobfuscated(_ text: String) -> String {
        var result = text
        let replacements: [(String, String)] = [
            ("hxxps://", "https://"), ("hxxp://", "http://"), ("hxxps[:]//", "https://"), ("hxxp[:]//", "http://"),
            ("h**ps://", "https://"), ("h**p://", "http://"), ("fxp://", "ftp://"),
            ("[://]", "://"), ("[:]", ":"), ("[.]", "."), ("(.)", "."), ("{.}", "."),
            ("[dot]", "."), ("(dot)", "."), ("{dot}", "."),
        ]
        for (pattern, replacement) in replacements where result.range(of: pattern, options: .caseInsensitive) != nil {
            result = result.replacingOccurrences(of: pattern, with: replacement, options: .caseInsensitive)
        }
        return result
    }

    private static func urlPrefixLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        for prefix in ["https://", "http://", "ftp://", "www."] {
            let count = prefix.unicodeScalars.count
            guard index + count <= scalars.count else { continue }
            let candidate = String(String.UnicodeScalarView(scalars[index..<index + count])).lowercased()
            if candidate == prefix { return count }
        }
        return nil
    }

    private static func isURLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII, scalar.value > 0x20, scalar.value < 0x7F else { return false }
        return !"<>\"'`{}|^".unicodeScalars.contains(scalar)
    }
}
