import Foundation
import LanternProcess
import XCTest

/// Running the release `lantern` binary and the reference tools from tests.
enum EndToEnd {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sharedData = repository.deletingLastPathComponent().appendingPathComponent("shared/data")

    /// The binary `make test` built; LANTERN_BIN overrides.
    static var binary: String {
        ProcessInfo.processInfo.environment["LANTERN_BIN"] ?? repository.appendingPathComponent(".build/release/lantern").path
    }

    static func requireBinary() throws {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw XCTSkip("lantern binary not found at \(binary); run 'make test', which builds it first")
        }
    }

    static func requireTool(_ path: String, package: String) throws {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw XCTSkip("\(path) is missing; install the Debian package \(package) (make test-deps does)")
        }
    }

    static func requireSharedData(_ folder: String) throws -> URL {
        let url = sharedData.appendingPathComponent(folder)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("shared test data not found at \(url.path); it lives beside the repository in ../shared/data")
        }
        return url
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A private tmux server folder for this test process, so tests never talk to (or hang on)
    /// a server the user runs, and the server they start ends with its last session.
    static let tmuxDirectory: String = {
        let path = NSTemporaryDirectory() + "lantern-tmux-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Runs a program directly and returns its status and output. A run longer than `timeout`
    /// seconds is stopped and reported with status 137 and a note in `stderr`, so a hung child
    /// fails one test instead of the whole suite.
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], directory: String? = nil, environment: [String: String]? = nil,
        timeout: Double = 900
    ) throws -> Result {
        var childEnvironment = environment ?? ProcessInfo.processInfo.environment
        childEnvironment["TMUX_TMPDIR"] = tmuxDirectory
        let result = try ChildProcess.run(executable, arguments, environment: childEnvironment, directory: directory, timeout: timeout)
        let note = result.timedOut ? "\n[test support: \(executable) stopped after \(Int(timeout)) s]" : ""
        return Result(status: result.status, stdout: result.output, stderr: result.errorOutput + note)
    }

    /// Runs lantern with its messages in English: a locale variable that selects Japanese is
    /// replaced by C.UTF-8, so tests that assert English text pass in a Japanese shell too.
    static func lantern(_ arguments: [String], directory: String? = nil) throws -> Result {
        var environment = ProcessInfo.processInfo.environment
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] where environment[name]?.lowercased().hasPrefix("ja") == true {
            environment[name] = "C.UTF-8"
        }
        return try run(binary, arguments, directory: directory, environment: environment)
    }

    /// Runs lantern as an analyst with LANG=ja_JP.UTF-8 would, with LC_ALL and LC_MESSAGES unset
    /// so that LANG decides the language.
    static func lanternJapanese(_ arguments: [String], directory: String? = nil) throws -> Result {
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = nil
        environment["LC_MESSAGES"] = nil
        environment["LANG"] = "ja_JP.UTF-8"
        return try run(binary, arguments, directory: directory, environment: environment)
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "lantern-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `name: value` lines of `lantern stats`.
    static func stats(db: String) throws -> [String: String] {
        var result = [String: String]()
        for line in try lantern(["stats", "--db", db]).stdout.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }
}

extension EndToEnd {
    /// Exit status of a command, ignoring its output; -1 when it could not start.
    @discardableResult
    static func run2(_ executable: String, _ arguments: [String]) -> Int32 {
        (try? run(executable, arguments).status) ?? -1
    }
}
