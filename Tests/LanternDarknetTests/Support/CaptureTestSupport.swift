import Foundation
import LanternProcess
import XCTest

@testable import LanternDarknet

/// Paths of the shared captures and helpers to run tcpdump and tshark on them.
enum CaptureTestSupport {
    /// The repository root, found from this file's path (Tests/LanternDarknetTests/Support/…).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let dataDirectory = repositoryRoot.appendingPathComponent("../shared/data/pcap").standardizedFileURL
    static let casesDirectory = repositoryRoot.appendingPathComponent("../shared/cases/pcap").standardizedFileURL

    /// Returns the shared capture collection, or skips the test naming where it was expected.
    static func requireDataDirectory() throws -> URL {
        try requireDirectory(dataDirectory, what: "the shared capture collection")
    }

    static func requireCasesDirectory() throws -> URL {
        try requireDirectory(casesDirectory, what: "the pcap bug-report cases")
    }

    static func caseFile(_ name: String) throws -> String {
        try requireCasesDirectory().appendingPathComponent(name).path
    }

    static func dataFile(_ name: String) throws -> String {
        try requireDataDirectory().appendingPathComponent(name).path
    }

    private static func requireDirectory(_ url: URL, what: String) throws -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw XCTSkip("\(what) is missing: expected a directory at \(url.path) (next to the repository, in shared/)")
        }
        return url
    }

    /// Files of the shared collection, sorted, without PROVENANCE.md.
    static func dataFiles() throws -> [String] {
        let directory = try requireDataDirectory()
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { !$0.hasSuffix(".md") }
            .sorted()
            .map { directory.appendingPathComponent($0).path }
    }

    /// Skips the test when `tool` is not installed, naming the Debian package to install.
    static func requireTool(_ tool: String, package: String) throws {
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            throw XCTSkip("\(tool) is not installed; install the Debian package \(package) (apt-get install \(package))")
        }
    }

    struct ToolOutput {
        var standardOutput: String
        var standardError: String
        var status: Int32
    }

    /// Runs a shell command with `arguments` as $1, $2, … and collects its output.
    static func runShell(_ script: String, _ arguments: [String]) throws -> ToolOutput {
        let result = try ChildProcess.run("/bin/sh", ["-c", script, "sh"] + arguments, timeout: 900)
        return ToolOutput(standardOutput: result.output, standardError: result.errorOutput, status: result.status)
    }

    /// tcpdump's view of a file: how many packets it printed and the error it stopped with.
    /// Continuation lines of a packet start with white space, so packets are the other lines.
    static func tcpdumpSummary(_ path: String) throws -> (packets: Int, error: String?) {
        try requireTool("/usr/bin/tcpdump", package: "tcpdump")
        let script = path.hasSuffix(".gz")
            ? "gzip -dc \"$1\" | /usr/bin/tcpdump -n -r -" : "/usr/bin/tcpdump -n -r \"$1\""
        let result = try runShell(script, [path])
        let packets = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: true)
            .filter { !($0.first?.isWhitespace ?? true) }.count
        let error = result.standardError.split(separator: "\n")
            .first { $0.hasPrefix("tcpdump: ") }.map { String($0.dropFirst("tcpdump: ".count)) }
        return (packets, error)
    }
}

/// Everything read from one file: the outcomes in order, the statistics and the error, if any.
struct ReadResult {
    var outcomes: [DecodeOutcome] = []
    var statistics = CaptureStatistics()
    var error: CaptureError?
    var linkType: Int32 = -1

    var packets: [Packet] { outcomes.compactMap(\.packet) }

    var details: [PacketDetails] {
        outcomes.compactMap { if case .packet(_, let details) = $0 { return details } else { return nil } }
    }

    /// Reads `path` to its end or its first error; open errors land in `error` too.
    static func read(_ path: String, keepOutcomes: Bool = true) -> ReadResult {
        var result = ReadResult()
        let decoder = PacketDecoder()
        do {
            let reader = try CaptureReader(path: path)
            result.linkType = reader.linkType
            while let record = try reader.next() {
                let outcome = decoder.decode(
                    linkType: reader.linkType, bytes: record.bytes, wireLength: record.wireLength,
                    timestamp: record.timestamp)
                result.statistics.add(record, outcome: outcome)
                if keepOutcomes { result.outcomes.append(outcome) }
            }
        } catch {
            result.error = error
        }
        return result
    }
}

/// Lists the summary names of the anomaly kinds in `anomalies`, for assertion messages.
func anomalyNames(_ anomalies: PacketAnomalies) -> String {
    "[" + CaptureStatistics.anomalyNames.filter { anomalies.contains($0.anomaly) }.map(\.name).joined(separator: ", ") + "]"
}
