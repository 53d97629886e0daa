import Foundation

/// The signatures in force: the built-in rules plus any rules files the analyst adds, and the
/// problems found while reading them.
///
/// Reading never fails on a bad rule: each malformed line becomes an entry of `issues`, naming
/// file and line, and the other rules are used. A rule whose name is already defined replaces
/// the earlier one, so an analyst's file can retune a built-in rule.
public struct SignatureSet: Sendable {
    public private(set) var signatures: [Signature] = []
    /// Malformed or replaced rules, in the order found.
    public private(set) var issues: [SignatureError] = []

    public init() {}

    /// The rules shipped with Lantern (`Signatures/default.rules`, compiled in).
    public static let builtIn = SignatureSet.parse(DefaultSignatures.text, file: "default.rules")

    /// Reads a rules file.
    /// - Throws: `SignatureError.cannotRead` when the file cannot be opened or is not UTF-8.
    public static func load(path: String) throws -> SignatureSet {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SignatureError.cannotRead(path: path, reason: "no such file or no permission to read it")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SignatureError.cannotRead(path: path, reason: "the file is not UTF-8 text")
        }
        return parse(text, file: path)
    }

    /// Parses rules text; `file` names it in issues.
    /// - Complexity: O(n) in the text length.
    public static func parse(_ text: String, file: String) -> SignatureSet {
        var set = SignatureSet()
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            do {
                if let signature = try SignatureRuleParser.parse(line: String(line), origin: "\(file):\(offset + 1)") {
                    set.add(signature, file: file, line: offset + 1)
                }
            } catch let reason as SignatureRuleParser.Failure {
                set.issues.append(.malformedRule(file: file, line: offset + 1, reason: reason.text))
            } catch {
                set.issues.append(.malformedRule(file: file, line: offset + 1, reason: String(describing: error)))
            }
        }
        return set
    }

    /// Adds the rules of `other` after these, later names replacing earlier ones.
    public mutating func append(_ other: SignatureSet) {
        issues += other.issues
        for signature in other.signatures {
            let location = signature.origin.split(separator: ":")
            add(signature, file: location.dropLast().joined(separator: ":"), line: Int(location.last ?? "") ?? 0)
        }
    }

    private mutating func add(_ signature: Signature, file: String, line: Int) {
        if let index = signatures.firstIndex(where: { $0.name == signature.name }) {
            issues.append(.replacedRule(file: file, line: line, name: signature.name, earlier: signatures[index].origin))
            signatures[index] = signature
        } else {
            signatures.append(signature)
        }
    }

    /// Names of the signatures, in order.
    public var names: [String] { signatures.map(\.name) }

    /// Looks a signature up by name.
    public func signature(named name: String) -> Signature? {
        signatures.first { $0.name == name }
    }
}

/// The parser of one rules-file line:
/// `NAME proto=tcp|udp|icmp ports=LIST [destinations=BUCKETS] [port-count=BUCKETS] [share=S] [title="TEXT"]`.
enum SignatureRuleParser {
    struct Failure: Error {
        var text: String
    }

    static let keys = ["proto", "ports", "destinations", "port-count", "share", "title"]
    static let bucketNames = ["one": 0, "few": 1, "many": 2]

    /// Returns the rule on `line`, nil for a blank or comment line.
    static func parse(line: String, origin: String) throws -> Signature? {
        let tokens = try tokenize(line)
        guard let name = tokens.first else { return nil }
        guard name.range(of: "^[a-z0-9][a-z0-9._-]*$", options: .regularExpression) != nil else {
            throw Failure(text: "signature name '\(name)' must start with a lower-case letter or digit and use only a-z, 0-9, '.', '_' and '-'")
        }
        var fields: [String: String] = [:]
        for token in tokens.dropFirst() {
            guard let equals = token.firstIndex(of: "=") else {
                throw Failure(text: "expected KEY=VALUE after the name, found '\(token)'")
            }
            let key = String(token[..<equals])
            guard keys.contains(key) else {
                let nearest = keys.min { editDistance($0, key) < editDistance($1, key) } ?? "proto"
                throw Failure(text: "unknown key '\(key)'; did you mean '\(nearest)'? (keys: \(keys.joined(separator: ", ")))")
            }
            guard fields[key] == nil else { throw Failure(text: "key '\(key)' is given twice") }
            fields[key] = String(token[token.index(after: equals)...])
        }
        guard let protoText = fields["proto"] else { throw Failure(text: "missing proto=tcp|udp|icmp") }
        guard let proto = TAPProtocol(name: protoText) else {
            throw Failure(text: "proto must be tcp, udp or icmp, not '\(protoText)'")
        }
        guard let portsText = fields["ports"] else {
            throw Failure(text: proto == .icmp ? "missing ports=TYPE/CODE, for example ports=8/0" : "missing ports=LIST, for example ports=23,2323")
        }
        let share = try parseShare(fields["share"])
        return Signature(
            name: name, title: fields["title"] ?? name, proto: proto, ports: try parsePorts(portsText, icmp: proto == .icmp),
            destinationBuckets: try parseBuckets(fields["destinations"], key: "destinations"),
            portBuckets: try parseBuckets(fields["port-count"], key: "port-count"), minimumShare: share, origin: origin)
    }

    /// Splits on blanks, keeps `"quoted text"` together, and drops a `#` comment outside quotes.
    static func tokenize(_ line: String) throws -> [String] {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        var started = false
        for character in line {
            if quoted {
                if character == "\"" { quoted = false } else { current.append(character) }
                continue
            }
            if character == "#" { break }
            if character == "\"" {
                quoted = true
                started = true
            } else if character.isWhitespace {
                if started { tokens.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        if quoted { throw Failure(text: "a quoted value is not closed with '\"'") }
        if started { tokens.append(current) }
        return tokens
    }

    static func parsePorts(_ text: String, icmp: Bool) throws -> [ClosedRange<UInt16>] {
        let example = icmp ? "8/0 or 3/0-3/15" : "23,2323 or 8000-8010"
        var ranges: [ClosedRange<UInt16>] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count) else { throw Failure(text: "port item '\(item)' is not a port or a range such as \(example)") }
            let values = try bounds.map { try parsePort(String($0), icmp: icmp, example: example) }
            guard values[0] <= values[values.count - 1] else {
                throw Failure(text: "port range '\(item)' runs backwards; write the lower port first")
            }
            ranges.append(values[0]...values[values.count - 1])
        }
        return ranges
    }

    private static func parsePort(_ text: String, icmp: Bool, example: String) throws -> UInt16 {
        if icmp {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let type = UInt8(parts[0]), let code = UInt8(parts[1]) else {
                throw Failure(text: "ICMP ports are TYPE/CODE pairs from 0/0 to 255/255, such as \(example), not '\(text)'")
            }
            return UInt16(type) << 8 | UInt16(code)
        }
        guard let port = UInt16(text), port > 0 else {
            throw Failure(text: "port '\(text)' is not a number from 1 to 65535 (write lists as \(example))")
        }
        return port
    }

    static func parseBuckets(_ text: String?, key: String) throws -> Set<Int> {
        guard let text, text != "any" else { return [0, 1, 2] }
        var buckets = Set<Int>()
        for item in text.split(separator: ",") {
            guard let bucket = bucketNames[String(item)] else {
                throw Failure(text: "\(key) takes one, few, many (comma-separated) or any, not '\(item)'")
            }
            buckets.insert(bucket)
        }
        guard !buckets.isEmpty else { throw Failure(text: "\(key) is empty; write one, few, many or any") }
        return buckets
    }

    static func parseShare(_ text: String?) throws -> Double {
        guard let text else { return 0.5 }
        guard let value = Double(text), value > 0, value <= 1 else {
            throw Failure(text: "share must be a number above 0 and at most 1, not '\(text)'")
        }
        return value
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
