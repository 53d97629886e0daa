import Foundation

/// The parameters of a Content-Type or Content-Disposition value, decoded per RFC 2231 and,
/// where senders break the rules, RFC 2047.
///
/// RFC 2231 continuations (`name*0*=`, `name*1*=` …) are joined as bytes in section order and
/// converted once with the charset of section 0, so a character cut between sections survives.
/// Defects never throw. They are listed in `defects`: a parameter with no value is ignored, and
/// a missing section is skipped while the rest are joined as a best effort.
struct MIMEParameters {
    /// The value before the first ";" (for example "attachment" or "text/plain"), lower-cased.
    private(set) var value = ""
    /// Decoded parameters by lower-case name.
    private(set) var parameters: [String: String] = [:]
    private(set) var defects: [String] = []

    subscript(name: String) -> String? { parameters[name.lowercased()] }

    private struct Section {
        var bytes: [UInt8]
        var percentEncoded: Bool
    }

    /// Parses a raw header value (folding allowed).
    /// - Complexity: O(n) in the value length.
    init(raw: [UInt8]) {
        let items = MIMEParameters.split(HeaderText.unfolded(raw))
        value = String(decoding: items.first ?? [], as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
        var plain: [String: [UInt8]] = [:]
        var extended: [String: [Int: Section]] = [:]
        var order: [String] = []

        for item in items.dropFirst() {
            guard let equals = item.firstIndex(of: 0x3D) else {
                let name = String(decoding: item, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if !name.isEmpty { defects.append("parameter '\(name)' has no value; ignored") }
                continue
            }
            let rawName = String(decoding: item[..<equals], as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
            let rawValue = MIMEParameters.unquoted(Array(item[(equals + 1)...]))
            guard !rawName.isEmpty else { continue }
            let parts = rawName.split(separator: "*", omittingEmptySubsequences: false)
            let name = String(parts[0])
            if !order.contains(name) { order.append(name) }
            if parts.count == 1 {
                plain[name] = rawValue
                continue
            }
            // name*=…  (one encoded section), name*N=…  or name*N*=…
            let isEncoded = rawName.hasSuffix("*")
            let sectionNumber = parts.count >= 2 ? Int(parts[1]) : nil
            let section = sectionNumber ?? 0
            if sectionNumber == nil, !(parts.count == 2 && parts[1].isEmpty) {
                defects.append("parameter '\(rawName)' has an invalid section number; ignored")
                continue
            }
            extended[name, default: [:]][section] = Section(bytes: rawValue, percentEncoded: isEncoded)
        }

        for name in order {
            if let sections = extended[name], let decoded = joined(name: name, sections: sections) {
                parameters[name] = decoded
            } else if let bytes = plain[name] {
                parameters[name] = MIMEParameters.decodePlain(bytes)
            }
        }
    }

    /// Joins RFC 2231 sections as bytes and converts them with section 0's charset.
    private mutating func joined(name: String, sections: [Int: Section]) -> String? {
        let numbers = sections.keys.sorted()
        guard let last = numbers.last else { return nil }
        let missing = (0...last).filter { sections[$0] == nil }
        if !missing.isEmpty {
            defects.append("parameter '\(name)' is missing section\(missing.count == 1 ? "" : "s") "
                + missing.map(String.init).joined(separator: ", ") + "; joined the others")
        }
        var charset: String?
        var bytes: [UInt8] = []
        for number in numbers {
            guard let section = sections[number] else { continue }
            var payload = section.bytes
            if section.percentEncoded, number == numbers.first {
                // charset'language'value; the quotes may be missing in broken mail.
                let quotes = payload.indices.filter { payload[$0] == 0x27 }
                if quotes.count >= 2 {
                    charset = String(decoding: payload[..<quotes[0]], as: UTF8.self)
                    payload = Array(payload[(quotes[1] + 1)...])
                }
            }
            bytes += section.percentEncoded ? MIMEParameters.percentDecoded(payload) : payload
        }
        if let charset, !charset.isEmpty {
            return CharsetDecoder.decode(bytes, label: charset).text
        }
        return MIMEParameters.decodePlain(bytes)
    }

    /// Decodes a plain value: RFC 2047 words inside are decoded (a common violation), and raw 8-bit
    /// bytes are decoded as undeclared text.
    private static func decodePlain(_ bytes: [UInt8]) -> String {
        HeaderText.decode(bytes).text
    }

    /// Splits at ";" outside quoted strings and keeps the quotes for `unquoted`.
    private static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var items: [[UInt8]] = []
        var current: [UInt8] = []
        var inQuotes = false
        var escaped = false
        for byte in bytes {
            if escaped {
                current.append(byte)
                escaped = false
                continue
            }
            switch byte {
            case 0x5C where inQuotes:
                escaped = true
                current.append(byte)
            case 0x22:
                inQuotes.toggle()
                current.append(byte)
            case 0x3B where !inQuotes:
                items.append(current)
                current = []
            default:
                current.append(byte)
            }
        }
        items.append(current)
        return items
    }

    /// Returns the value without surrounding white space and quotes, with backslash escapes undone.
    private static func unquoted(_ bytes: [UInt8]) -> [UInt8] {
        var trimmed = ArraySlice(bytes)
        while let first = trimmed.first, first == 0x20 || first == 0x09 { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
        guard trimmed.first == 0x22 else { return Array(trimmed) }
        trimmed = trimmed.dropFirst()
        if trimmed.last == 0x22 { trimmed = trimmed.dropLast() }
        var output: [UInt8] = []
        var escaped = false
        for byte in trimmed {
            if !escaped, byte == 0x5C { escaped = true; continue }
            output.append(byte)
            escaped = false
        }
        return output
    }

    private static func percentDecoded(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x25, index + 2 < bytes.count,
               let high = HeaderText.hexValue(bytes[index + 1]), let low = HeaderText.hexValue(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }
}
