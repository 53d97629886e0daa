import Foundation
import LanternEngine

/// The RFC 5322 text of one simulated message: encoded words for non-ASCII headers, base64
/// for non-ASCII bodies, and MIME parts for attachments and HTML.
enum SpamTrapMessage {
    static func render(_ template: SpamTemplate, number: Int, date: Date, seed: UInt64,
                       using generator: inout SeededGenerator) -> String {
        func pick(_ choices: [String]) -> String { choices[Int.random(in: 0..<choices.count, using: &generator)] }
        let serial = String(Int.random(in: 10_000...99_999, using: &generator))
        let fill = { (text: String) in text.replacingOccurrences(of: "{n}", with: serial) }

        let senderDomain = pick(template.senderDomains)
        let local = ["info", "no-reply", "support", "news", "service"][Int.random(in: 0..<5, using: &generator)]
        let subject = fill(pick(template.subjects))
        let paragraphCount = Int.random(in: 2...template.paragraphs.count, using: &generator)
        var paragraphs = Array(template.paragraphs.shuffled(using: &generator).prefix(paragraphCount))
        var links: [String] = []
        if !template.links.isEmpty {
            let domain = pick(template.linkDomains)
            links = [fill(pick(template.links)).replacingOccurrences(of: "{domain}", with: domain)]
        }

        var lines = [
            "From: " + encodedWord(pick(template.senderNames)) + " <\(local)@\(senderDomain)>",
            "To: trap\(number % 40)@spamtrap.test",
            "Subject: " + encodedWord(subject),
            "Date: " + rfc5322Date(date),
            "Message-ID: <\(seed).\(number).\(serial)@\(senderDomain)>",
            "MIME-Version: 1.0",
        ]
        if template.htmlOnly {
            let anchors = links.map { "<p><a href=\"\($0)\">Verify your account now</a></p>" }
            let html = "<html><body>" + paragraphs.map { "<p>\(escapeHTML($0))</p>" }.joined() + anchors.joined() + "</body></html>"
            lines += textPart(html, subtype: "html")
            return lines.joined(separator: "\r\n") + "\r\n"
        }
        paragraphs += links
        let body = paragraphs.joined(separator: "\n\n")
        guard case .file(let namePattern, let type) = template.attachment else {
            lines += textPart(body, subtype: "plain")
            return lines.joined(separator: "\r\n") + "\r\n"
        }

        let boundary = "=_lantern_\(seed)_\(number)"
        let fileName = fill(namePattern)
        let content = (0..<384).map { _ in UInt8.random(in: 0...255, using: &generator) }
        lines += ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "", "--" + boundary]
        lines += textPart(body, subtype: "plain")
        lines += ["--" + boundary, "Content-Type: \(type); " + parameter("name", fileName),
                  "Content-Disposition: attachment; " + parameter("filename", fileName),
                  "Content-Transfer-Encoding: base64", ""]
        lines += wrapped(Data(content).base64EncodedString())
        lines += ["--" + boundary + "--", ""]
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Headers and body of a text part: 7bit when ASCII, else UTF-8 in base64.
    private static func textPart(_ text: String, subtype: String) -> [String] {
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        if text.allSatisfy(\.isASCII) {
            return ["Content-Type: text/\(subtype); charset=us-ascii", "Content-Transfer-Encoding: 7bit", "", crlf]
        }
        return ["Content-Type: text/\(subtype); charset=UTF-8", "Content-Transfer-Encoding: base64", ""]
            + wrapped(Data(crlf.utf8).base64EncodedString())
    }

    /// Encodes non-ASCII text as RFC 2047 encoded words, split so no word passes 75 characters.
    static func encodedWord(_ text: String) -> String {
        guard !text.allSatisfy(\.isASCII) else { return text }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if Data((chunk + String(character)).utf8).base64EncodedString().count > 60 {
                words.append("=?UTF-8?B?" + Data(chunk.utf8).base64EncodedString() + "?=")
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk.utf8).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `name="value"`, or the RFC 2231 form `name*=UTF-8''percent-encoded` for non-ASCII values.
    private static func parameter(_ name: String, _ value: String) -> String {
        guard !value.allSatisfy(\.isASCII) else { return "\(name)=\"\(value)\"" }
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._")
        return "\(name)*=UTF-8''" + (value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value)
    }

    private static func wrapped(_ base64: String) -> [String] {
        stride(from: 0, to: base64.count, by: 76).map { offset in
            let start = base64.index(base64.startIndex, offsetBy: offset)
            let end = base64.index(start, offsetBy: min(76, base64.count - offset))
            return String(base64[start..<end])
        }
    }

    private static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    private static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
