import Foundation
import LanternTriage

/// The daily accuracy of `lantern evaluate mail` as CSV and as an SVG line chart.
enum MailAccuracySeries {
    /// Writes `mail-daily-accuracy.csv` and `mail-daily-accuracy.svg` into `folder`, creating it.
    /// - Throws: the file system's error when the folder or a file cannot be written.
    static func write(_ days: [MailEvaluation.Day], to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        var csv = "date,messages,accuracy_with_detection,accuracy_without_detection\n"
        for day in days {
            csv += "\(formatter.string(from: day.date)),\(day.messages),"
                + String(format: "%.4f,%.4f\n", day.accuracyWithDetection, day.accuracyWithoutDetection)
        }
        try csv.write(toFile: folder + "/mail-daily-accuracy.csv", atomically: true, encoding: .utf8)
        try svg(days).write(toFile: folder + "/mail-daily-accuracy.svg", atomically: true, encoding: .utf8)
    }

    /// A 800×300 chart: day number across, accuracy 0 to 1 up, one line per method.
    static func svg(_ days: [MailEvaluation.Day]) -> String {
        let width = 800.0, height = 300.0, margin = 40.0
        func point(_ index: Int, _ value: Double) -> String {
            let x = margin + (width - 2 * margin) * Double(index) / Double(max(1, days.count - 1))
            let y = height - margin - (height - 2 * margin) * value
            return String(format: "%.1f,%.1f", x, y)
        }
        let with = days.indices.map { point($0, days[$0].accuracyWithDetection) }.joined(separator: " ")
        let without = days.indices.map { point($0, days[$0].accuracyWithoutDetection) }.joined(separator: " ")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <line x1="\(margin)" y1="\(height - margin)" x2="\(width - margin)" y2="\(height - margin)" stroke="black"/>
            <line x1="\(margin)" y1="\(margin)" x2="\(margin)" y2="\(height - margin)" stroke="black"/>
            <text x="4" y="\(margin + 4)">1.0</text><text x="4" y="\(height - margin + 4)">0.0</text>
            <text x="\(width / 2 - 60)" y="\(height - 10)">day (\(days.count) days with mail)</text>
            <polyline fill="none" stroke="#1f77b4" stroke-width="1.5" points="\(with)"/>
            <polyline fill="none" stroke="#d62728" stroke-width="1.5" stroke-dasharray="4 3" points="\(without)"/>
            <text x="\(width - 250)" y="20" fill="#1f77b4">accuracy with unknown detection</text>
            <text x="\(width - 250)" y="36" fill="#d62728">accuracy without detection</text>
            </svg>

            """
    }
}
