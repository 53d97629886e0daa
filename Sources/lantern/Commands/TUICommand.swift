import Foundation
import LanternStore
import LanternTriage
import LanternUI

/// `lantern tui`: the review queue in the terminal.
enum TUICommand {
    static func run(_ words: [String]) throws -> Int32 {
        try run(words, openedFile: false)
    }

    /// - Parameter openedFile: whether the store is the temporary one of `tui FILE`. Such a store
    ///   with mail and no traffic windows opens on the Mail screen, since the file was mail.
    private static func run(_ words: [String], openedFile: Bool) throws -> Int32 {
        let arguments = try Arguments(words, spec: .tui)
        var options = UIOptions()
        options.language = arguments.value("lang")
        // Checked here, before any store or screen is opened, so that a wrong value is a usage
        // error (exit 2) like every other option value.
        if let language = options.language, !["en", "ja"].contains(language) {
            throw UsageError(.invalidLanguage, ["value": language])
        }
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
        if try openedFile && mail != nil && store.windowCounts().windows == 0 { options.firstScreen = .mail }
        let status = try present(session, options: options, subnets: try SubnetTimeline.load(store: store), mail: mail)
        try session.close()
        return status
    }

    /// Ingests one capture or mail file or folder into a new temporary store and opens it, for a
    /// quick look without choosing a store. The store is removed on the way out, on an error
    /// and on SIGINT, SIGTERM or SIGHUP too, unless the analyst stored a label in it: then it
    /// is kept and its path printed, so no decision is lost.
    private static func openFile(_ file: String, words: [String]) throws -> Int32 {
        let temporary = try TemporaryStore()
        // Checked on every way out, so labels stored before a later error are kept too.
        defer {
            if (try? hasAnalystLabels(Store(path: temporary.database))) == true {
                temporary.keep()
                Output.note(keptStoreNote(file: file, database: temporary.database, language: LabelMessages.language))
            } else {
                temporary.remove()
            }
        }

        // A file with errors still opens with what was read before the error, but a missing or
        // unreadable one leaves nothing to look at.
        let status = try IngestCommand.run(["--db", temporary.database, file])
        guard try status == 0 || hasContent(Store(path: temporary.database)) else { return status }
        let rest = words.filter { $0 != file }
        return try run(rest + ["--db", temporary.database], openedFile: true)
    }

    /// Returns the note that names the kept store of `tui FILE`, in the environment's language.
    static func keptStoreNote(file: String, database: String, language: Strings.Language) -> String {
        Strings.catalogue(for: language)(.tuiKeptStore, ["file": file, "path": database])
    }

    /// Returns whether the store contains a traffic window or a message.
    private static func hasContent(_ store: Store) throws -> Bool {
        try store.windowCounts().windows > 0 || !store.mailCountsByFolderLabel().isEmpty
    }

    /// Returns whether the analyst stored a window or mail label that is still in force.
    private static func hasAnalystLabels(_ store: Store) throws -> Bool {
        try !store.labelsInForce().isEmpty || store.mailLabels().contains { $0.source == "analyst" }
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
