import LanternMail

/// The canonical spelling of a URL for exact comparison with a reputation list.
///
/// Two spellings of one resource compare equal when they differ only in these parts: the case
/// of the scheme or host, user information, a default port (80 for http, 443 for https, 21 for
/// ftp), dots after the host, a fragment, or an empty path. The path and query keep their case and
/// percent-encoding, because servers may treat them as case-sensitive.
enum URLNormalizer {
    private static let defaultPorts = ["http": 80, "https": 443, "ftp": 21]

    /// Returns the canonical text of `url`, or `nil` when it has no host. A URL without a scheme
    /// ("www.example.com/a") is taken as http, as `URLExtractor` finds such URLs in text.
    /// - Complexity: O(n) in the URL length.
    static func normalize(_ url: String) -> String? {
        var rest = Substring(url)
        var scheme = "http"
        if let separator = rest.range(of: "://") {
            let name = rest[..<separator.lowerBound]
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else {
                return nil
            }
            scheme = name.lowercased()
            rest = rest[separator.upperBound...]
        } else if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
        }

        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0 == "\\" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        guard let host = URLExtractor.host(of: "x://" + authority) else { return nil }

        // The port follows the host's closing bracket (IPv6) or its first colon.
        var port: Substring = ""
        let afterHost = authority.hasPrefix("[") ? authority.firstIndex(of: "]").map { authority[$0...].dropFirst() } : authority[...]
        if let afterHost, let colon = afterHost.firstIndex(of: ":") {
            port = afterHost[afterHost.index(after: colon)...]
        }
        var portText = ""
        if let number = Int(port) {
            if defaultPorts[scheme] != number { portText = ":" + String(number) }
        } else if !port.isEmpty {
            return nil
        }

        var pathAndQuery = rest[authorityEnd...]
        if let fragment = pathAndQuery.firstIndex(of: "#") { pathAndQuery = pathAndQuery[..<fragment] }
        let path = pathAndQuery.hasPrefix("/") ? String(pathAndQuery) : "/" + pathAndQuery
        return scheme + "://" + host + portText + path
    }
}
