import Foundation
import LanternStore
import LanternTriage
import LanternUI

/// `lantern tui`: the review queue in the terminal.
enum TUICommand {
    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .tui)
        var options = UIOptions()
        options.language = arguments.value("lang")
        options.themeName = arguments.value("theme")
        options.configPath = arguments.value("config")
        if arguments.has("ascii") { options.glyphs = .ascii }
        if arguments.has("preview") {
            options.preview = true
            return try present(PreviewReview(), options: options, subnets: nil, mail: nil)
        }
        if let file = arguments.positionals.first {
            return try openFile(file, words: words)
        }
        let store = try StoreOpening.open(arguments.value("db"), mustExist: true)
        let analyst = arguments.value("analyst") ?? ProcessInfo.processInfo.environment["USER"] ?? "analyst"
        let settings = BackscatterScoring.savedSettings(in: store) ?? BackscatterSettings()
        let session = try BackscatterSession(store: store, settings: settings, analyst: analyst,
                                             alertsPath: AlertFile.path(forStore: store.path))
        // The Mail screen gets a session only when the store contains mail, so a capture-only store
        // pays nothing for it.
        let mail = try store.mailCountsByFolderLabel().isEmpty ? nil : try MailSession(store: store, analyst: analyst)
        let status = try present(session, options: options, subnets: try SubnetTimeline.load(store: store), mail: mail)
        try session.close()
        return status
    }

    /// Ingests one file into a new store in the temporary folder and opens it, for a quick look
    /// at a capture without choosing a store; the store's path is printed so its labels can be kept.
    private static func openFile(_ file: String, words: [String]) throws -> Int32 {
        let directory = NSTemporaryDirectory() + "lantern-open-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let database = (directory as NSString).appendingPathComponent("open.db")
        let status = try IngestCommand.run(["--db", database, file])
        guard status == 0 || FileManager.default.fileExists(atPath: database) else { return status }
        let rest = words.filter { $0 != file }
        let result = try run(rest + ["--db", database])
        Output.note("the store of \(file) is \(database); open it again with 'lantern tui --db \(database)'")
        return result
    }

    /// Runs the UI; an interrupt ends with the shell's usual status (128 + signal), after the
    /// terminal has been restored.
    private static func present(_ review: BackscatterReview, options: UIOptions, subnets: SubnetTimeline?,
                                mail: MailReview?) throws -> Int32 {
        do {
            try runReviewUI(review: review, options: options, subnets: subnets, mail: mail)
            return 0
        } catch let error as UIError {
            if case .interrupted(let signal) = error { return 128 + signal }
            let strings = (try? Strings.select(explicit: options.language, environment: ProcessInfo.processInfo.environment)) ?? Strings.en
            Output.error(error.message(strings))
            return 1
        }
    }
}
