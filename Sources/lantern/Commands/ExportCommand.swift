import Foundation
import LanternStore
import LanternTriage

/// `lantern export labels|alerts|flags|mail`: one record per line, CSV with a header or JSON Lines.
enum ExportCommand {
    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .export)
        guard let what = arguments.positionals.first, ["labels", "alerts", "flags", "mail"].contains(what), arguments.positionals.count == 1 else {
            throw UsageError(.exportNeedsKind)
        }
        let format = arguments.value("format") ?? "jsonl"
        guard ["csv", "jsonl"].contains(format) else { throw UsageError(.formatInvalid, ["value": format]) }
        let store = try StoreOpening.open(arguments.value("db"), mustExist: true)
        // Each kind names its header once, so an empty export still prints the CSV header.
        let rows: [[(String, ExportValue)]]
        let header: [String]
        switch what {
        case "labels": (rows, header) = (try LabelExport.rows(store), LabelExport.header)
        case "flags": (rows, header) = (try FlagExport.rows(store), FlagExport.header)
        case "mail": (rows, header) = (try MailExport.rows(store), MailExport.header)
        default: (rows, header) = (try store.alerts().map { alertFields(AlertLine($0)) }, alertHeader)
        }
        if format == "csv" {
            Output.line((rows.first?.map(\.0) ?? header).joined(separator: ","))
            for row in rows { Output.line(row.map { CSV.field($0.1.csvText) }.joined(separator: ",")) }
        } else {
            for row in rows { Output.line(JSONLine.object(row)) }
        }
        return 0
    }

    static let alertHeader = ["victim", "transport", "service_port", "first_seen", "last_seen", "packets", "windows", "score", "attack_rate_pps", "model_version"]

    static func alertFields(_ alert: AlertLine) -> [(String, ExportValue)] {
        [
            ("victim", .text(alert.victim)), ("transport", .text(alert.transport)), ("service_port", .integer(alert.servicePort)),
            ("first_seen", .text(alert.firstSeen)), ("last_seen", .text(alert.lastSeen)), ("packets", .integer(alert.packets)),
            ("windows", .integer(alert.windows)), ("score", .double(alert.score)), ("attack_rate_pps", .double(alert.attackRatePerSecond)),
            ("model_version", .integer(alert.modelVersion)),
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

/// A flat JSON object from ordered pairs: text as JSON strings, numbers as JSON numbers,
/// flags as `true` or `false`, and missing or empty values as `null`.
enum JSONLine {
    static func object(_ fields: [(String, ExportValue)]) -> String {
        "{" + fields.map { key, value in quoted(key) + ":" + value.json }.joined(separator: ",") + "}"
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
