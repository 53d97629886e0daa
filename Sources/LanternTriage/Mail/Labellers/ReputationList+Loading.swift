import Foundation
import LanternMail

// Reading the two list formats.
//
// Plain lists hold one URL or domain per line. Blank lines and lines whose first non-blank
// character is "#" are ignored. A line with "://" or "/" is a URL; anything else is a domain,
// optionally written as "*.example.com" or as a hosts-file line ("0.0.0.0 example.com").
// Defanged spellings ("hxxp", "[.]") are undone as `URLExtractor` undoes them in mail.
//
// URLhaus-style CSV has "# " comment lines, one of which may be the header
// "# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter", then rows of
// quoted fields. The "url" column is read (the third field without a header), and every row
// must have as many fields as the header, or at least three without one. A file is CSV when
// its first data line starts with a double quote or a comment line names the "id,dateadded"
// header.
extension ReputationList {
    func load(_ contents: Data) {
        var format: Format?
        var lineNumber = 0
        var start = contents.startIndex
        while start < contents.endIndex {
            let end = contents[start...].firstIndex(of: UInt8(ascii: "\n")) ?? contents.endIndex
            lineNumber += 1
            var line = Substring(String(decoding: contents[start..<end], as: UTF8.self))
            start = end < contents.endIndex ? contents.index(after: end) : end
            if line.hasSuffix("\r") { line = line.dropLast() }

            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if text.hasPrefix("#") {
                if format == nil, let header = Self.csvHeader(comment: text) { format = .csv(header) }
                continue
            }
            if format == nil { format = text.hasPrefix("\"") ? .csv(nil) : .plain }
            switch format {
            case .csv(let header):
                loadRow(text, header: header, line: lineNumber)
            default:
                loadPlainLine(text, line: lineNumber)
            }
        }
    }

    private enum Format {
        case plain
        /// The header's column names when a comment line gave them.
        case csv([String]?)
    }

    private static func csvHeader(comment: String) -> [String]? {
        let text = comment.drop(while: { $0 == "#" || $0 == " " })
        guard text.hasPrefix("id,dateadded") else { return nil }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private func loadRow(_ text: String, header: [String]?, line: Int) {
        guard let fields = Self.csvFields(text) else { return warn(line: line, .unterminatedQuote) }
        let expected = header?.count ?? 3
        guard header == nil ? fields.count >= expected : fields.count == expected else {
            return warn(line: line, .fieldCount(found: fields.count, expected: expected))
        }
        let column = header?.firstIndex(of: "url") ?? 2
        let url = fields[column].trimmingCharacters(in: .whitespaces)
        guard let canonical = URLNormalizer.normalize(URLExtractor.deobfuscated(url)) else {
            return warn(line: line, .notURLOrDomain(url))
        }
        urls.insert(canonical)
    }

    private func loadPlainLine(_ text: String, line: Int) {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        // A hosts-file line sends a name to a sink address; the name is the entry.
        if words.count == 2, ["0.0.0.0", "127.0.0.1", "::", "::1"].contains(words[0]) { words.removeFirst() }
        guard words.count == 1 else { return warn(line: line, .notURLOrDomain(text)) }

        let entry = URLExtractor.deobfuscated(String(words[0]))
        if entry.contains("://") || entry.contains("/") {
            guard let canonical = URLNormalizer.normalize(entry) else { return warn(line: line, .notURLOrDomain(entry)) }
            urls.insert(canonical)
            return
        }
        let host = entry.hasPrefix("*.") ? String(entry.dropFirst(2)) : entry
        guard Self.isHostName(host), let checked = URLExtractor.host(of: host) else {
            return warn(line: line, .notURLOrDomain(entry))
        }
        guard let domain = RegisteredDomain.of(host: checked) else { return warn(line: line, .noRegisteredDomain(entry)) }
        domains.insert(domain)
    }

    /// Letters, digits, "-", "_" and "." (any script, for internationalised names), or an
    /// IPv6 address in brackets.
    private static func isHostName(_ text: String) -> Bool {
        if text.hasPrefix("[") && text.hasSuffix("]") { return true }
        return !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "-_.".unicodeScalars.contains(scalar)
        }
    }

    /// Splits one CSV line into fields; a quoted field may contain commas and doubled quotes.
    /// Returns `nil` when a quoted field is not closed.
    static func csvFields(_ line: String) -> [String]? {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending = iterator.next()
        while let character = pending {
            pending = iterator.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        guard !quoted else { return nil }
        fields.append(field)
        return fields
    }
}
