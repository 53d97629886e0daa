extension SafeText {
    /// Returns a URL in the defanged form analysts paste into tickets, so that neither the
    /// terminal nor a chat client turns it into a live link. The scheme `http`, `https` or
    /// `ftp` becomes `hxxp`, `hxxps` or `fxp`, and every "." in the host becomes "[.]".
    /// Path, query and fragment keep their dots, but a URL inside them (a redirector's
    /// `?link=https://…`) is defanged too. Text without a scheme is treated as starting with
    /// its host. The result is also escaped like `line(_:)`.
    ///
    /// Already defanged input is returned unchanged ("[.]" is not wrapped again).
    ///
    /// - Complexity: O(n) in the length of `url`.
    public static func defang(_ url: String) -> String {
        let text = line(url)
        var scheme = ""
        var rest = Substring(text)
        if let separator = text.firstRange(of: "://") {
            scheme = String(text[..<separator.lowerBound])
            rest = text[separator.upperBound...]
        }

        // The authority ends at the first "/", "?" or "#"; the host is after any userinfo "@".
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let tail = rest[authorityEnd...]
        var userinfo = Substring("")
        var host = authority
        if let at = authority.lastIndex(of: "@") {
            userinfo = authority[...at]
            host = authority[authority.index(after: at)...]
        }

        var output = ""
        if !scheme.isEmpty {
            output += defangScheme(scheme) + "://"
        }
        output += userinfo
        output += defangDots(host)
        output += tail.contains("://") ? defangingURLs(inText: String(tail)) : String(tail)
        return output
    }

    static func defangScheme(_ scheme: String) -> String {
        switch scheme.lowercased() {
        case "http": return "hxxp"
        case "https": return "hxxps"
        case "ftp": return "fxp"
        default: return scheme
        }
    }

    /// Replaces "." with "[.]" unless it already sits between "[" and "]".
    static func defangDots(_ host: Substring) -> String {
        let characters = Array(host)
        var output = ""
        for (index, character) in characters.enumerated() {
            let wrapped = index > 0 && index + 1 < characters.count
                && characters[index - 1] == "[" && characters[index + 1] == "]"
            output += (character == "." && !wrapped) ? "[.]" : String(character)
        }
        return output
    }
}

extension SafeText {
    /// Returns `text` with every `scheme://…` run defanged as `defang(_:)` does, so a URL in a
    /// message body is never drawn as a live link. A run ends at white space or a quote or
    /// angle bracket. A known scheme glued to the word before it ("time.https://",
    /// "^Ghttp://") is found at the end of that word. Host names without a scheme
    /// ("www.example.com") are left as they are.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public static func defangingURLs(inText text: String) -> String {
        var output = ""
        var remaining = Substring(text)
        while let separator = remaining.range(of: "://") {
            var schemeStart = separator.lowerBound
            while schemeStart > remaining.startIndex {
                let previous = remaining.index(before: schemeStart)
                let character = remaining[previous]
                guard character.isASCII, character.isLetter || character.isNumber || "+-.".contains(character) else { break }
                schemeStart = previous
            }
            guard schemeStart < separator.lowerBound else {
                output += remaining[..<separator.upperBound]
                remaining = remaining[separator.upperBound...]
                continue
            }
            schemeStart = knownSchemeStart(remaining[schemeStart..<separator.lowerBound])
            var end = separator.upperBound
            while end < remaining.endIndex, !remaining[end].isWhitespace {
                // An escaped invisible character ("<U+200B>") is part of the run, so the host
                // after it is defanged too. Any other angle bracket or quote ends the run.
                if remaining[end] == "<", let escape = escapeEnd(in: remaining, at: end) {
                    end = escape
                    continue
                }
                if "\"'<>`".contains(remaining[end]) { break }
                end = remaining.index(after: end)
            }
            output += remaining[..<schemeStart]
            output += defang(String(remaining[schemeStart..<end]))
            remaining = remaining[end...]
        }
        return output + remaining
    }

    /// Returns where a known scheme starts in `word`. A word that is a known scheme starts it.
    /// Otherwise the longest known scheme that ends the word starts there ("time.https" gives
    /// the index of "https"); with none, the result is the word's start.
    static func knownSchemeStart(_ word: Substring) -> Substring.Index {
        guard defangScheme(String(word)) == String(word) else { return word.startIndex }
        let lowered = word.lowercased()
        for scheme in ["https", "http", "ftp"] where lowered.hasSuffix(scheme) {
            return word.index(word.endIndex, offsetBy: -scheme.count)
        }
        return word.startIndex
    }

    /// Returns the index after a `<U+XXXX>` escape starting at `start`, or nil when none does.
    static func escapeEnd(in text: Substring, at start: Substring.Index) -> Substring.Index? {
        let rest = text[start...]
        guard rest.hasPrefix("<U+"), let close = rest.firstIndex(of: ">") else { return nil }
        let digits = rest[rest.index(start, offsetBy: 3)..<close]
        guard (4...6).contains(digits.count), digits.allSatisfy(\.isHexDigit) else { return nil }
        return text.index(after: close)
    }
}
