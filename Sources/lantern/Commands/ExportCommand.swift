import Foundation
import LanternStore
import LanternTriage

/// `lantern export labels|alerts|flags|mail`: one record per line, CSV with a header or JSON Lines.
enum ExportCommand {
    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .export)
        guard let what = arguments.positionals.first, ["labels", "alerts", "flags", "mail"].contains(what), arguments.positionals.count == 1 else {
            throw UsageError("export needs one of: labels, alerts, flags, mail (for example: lantern export labels --format csv)")
        }
        let format = arguments.value("format") ?? "jsonl"
        guard ["csv", "jsonl"].contains(format) else { throw UsageError("--format must be csv or jsonl, not '\(format)'") }
        let store = try StoreOpening.open(arguments.value("db"), mustExist: true)
        // Each kind names its header once, so an empty export still prints the CSV header.
        let rows: [[(String, String)]]
        let header: [String]
        switch what {
        case "labels": (rows, header) = (try LabelExport.rows(store), LabelExport.header)
        case "flags": (rows, header) = (try FlagExport.rows(store), FlagExport.header)
        case "mail": (rows, header) = (try MailExport.rows(store), MailExport.header)
        default: (rows, header) = (try store.alerts().map { alertFields(AlertLine($0)) }, alertHeader)
        }
        if format == "csv" {
            Output.line((rows.first?.map(\.0) ?? header).joined(separator: ","))
            for row in rows { Output.line(row.map { CSV.field($0.1) }.joined(separator: ",")) }
        } else {
            for row in rows { Output.line(JSONLine.object(row)) }
        }
        return 0
    }

    static let alertHeader = ["victim", "transport", "service_port", "first_seen", "last_seen", "packets", "windows", "score", "attack_rate_pps", "model_version"]

    static func alertFields(_ alert: AlertLine) -> [(String, String)] {
        [
            ("victim", alert.victim), ("transport", alert.transport), ("service_port", String(alert.servicePort)),
            ("first_seen", alert.firstSeen), ("last_seen", alert.lastSeen), ("packets", String(alert.packets)),
            ("windows", String(alert.windows)), ("score", String(alert.score)), ("attack_rate_pps", String(alert.attackRatePerSecond)),
            ("model_version", String(alert.modelVersion)),
        ]
    }
}

/// RFC 4180 fields: quoted when they hold a comma, quote or line break.
enum CSV {
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A flat JSON object of string values from ordered pairs; numbers stay strings only where the
/// value is not a plain number, so the output parses as typed JSON.
enum JSONLine {
    static func object(_ fields: [(String, String)]) -> String {
        let body = fields.map { key, value -> String in
            let isNumber = !value.isEmpty && Double(value) != nil && !value.contains("T") && value != "inf" && value != "nan"
            let json: String
            if value.isEmpty {
                json = "null"
            } else if isNumber {
                json = value
            } else {
                json = quoted(value)
            }
            return "\"\(key)\":" + json
        }
        return "{" + body.joined(separator: ",") + "}"
    }

    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
