import Foundation
import LanternEngine

/// Writes the mail a spam trap collects, for demos and tests that need mail without shipping
/// anyone's real messages: malicious mail (phishing links, macro and archive attachments) in
/// `malicious/`, other spam (advertising, newsletters, dating, SEO, stock tips) in `spam/`,
/// in English and Japanese, spread over days, and a reputation list that contains part of the
/// malicious domains, as a real feed would.
///
/// The folder names are the labels `lantern evaluate mail` reads. The same seed always writes
/// the same bytes.
public struct SpamTrapSimulator {
    public struct Configuration: Sendable {
        public var messages = 300
        public var days = 90
        public var seed: UInt64 = 1
        /// The share of malicious messages; real spam traps see about five in six.
        public var maliciousShare = 0.8
        /// The first day's midnight, UTC.
        public var start = Date(timeIntervalSince1970: 1_767_225_600)

        public init() {}
    }

    /// The counts of one run.
    public struct Summary: Sendable, Equatable {
        public var malicious = 0
        public var spam = 0
        /// Domains listed in the reputation list.
        public var listedDomains = 0
    }

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Writes `malicious/`, `spam/` and `reputation.txt` under `directory`, creating it.
    /// - Throws: a Foundation error when a folder or file cannot be written.
    public func write(to directory: String) throws -> Summary {
        var generator = SeededGenerator(seed: configuration.seed)
        var summary = Summary()
        for folder in ["malicious", "spam"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
        }
        let spacing = Double(max(1, configuration.days)) * 86_400 / Double(max(1, configuration.messages))
        for number in 0..<configuration.messages {
            let malicious = Double.random(in: 0..<1, using: &generator) < configuration.maliciousShare
            let pool = malicious ? SpamTrapTemplates.malicious : SpamTrapTemplates.nonMalicious
            let template = pool[Int.random(in: 0..<pool.count, using: &generator)]
            let jitter = Double.random(in: 0..<spacing, using: &generator)
            let date = configuration.start.addingTimeInterval(Double(number) * spacing + jitter)
            let text = SpamTrapMessage.render(template, number: number, date: date, seed: configuration.seed, using: &generator)
            let folder = malicious ? "malicious" : "spam"
            let name = String(format: "%@/%@/%06d.eml", directory, folder, number)
            try Data(text.utf8).write(to: URL(fileURLWithPath: name))
            if malicious { summary.malicious += 1 } else { summary.spam += 1 }
        }
        summary.listedDomains = try writeReputationList(to: directory + "/reputation.txt")
        return summary
    }

    /// Lists every other malicious link domain. A real feed lists only part of them, so the
    /// analyst and the model still have work.
    private func writeReputationList(to path: String) throws -> Int {
        let domains = Array(Set(SpamTrapTemplates.malicious.flatMap(\.linkDomains))).sorted()
            .filter { $0 != "sho.rt.test" }
            .enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let lines = ["# Simulated reputation list written by lantern simulate mail", "# One registered domain per line"] + domains
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return domains.count
    }
}
