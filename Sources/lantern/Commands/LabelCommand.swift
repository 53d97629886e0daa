import Foundation
import LanternStore
import LanternTriage
import LanternUI

/// `lantern label mail`: stored messages without a label in force, labelled by reputation lists
/// and a labeller program, with counts per answer; the mail models are retrained when a label
/// was stored.
enum LabelCommand {
    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .label)
        guard arguments.positionals == ["mail"] else {
            guard !arguments.positionals.isEmpty else { throw UsageError(.labelNeedsWhat, ["usage": CommandSpec.label.usage]) }
            throw UsageError(.labelNeedsMail, ["words": arguments.positionals.joined(separator: " "), "usage": CommandSpec.label.usage])
        }
        let language = LabelMessages.language
        guard let chain = try MailLabellerOptions.chain(arguments, language: language) else {
            throw UsageError(worded: LabelMessages.noLabeller(language))
        }
        let store = try StoreOpening.open(arguments.value("db"), mustExist: true)
        let outcome = try MailLabellerOptions.label(store: store, chain: chain, mailIDs: nil, language: language)
        // New labels change what the models learn from, so the verdicts are refreshed at once
        // rather than at the next ingest or train.
        if outcome.storedTotal > 0 { try MailTrainingCommand.train(store: store) }
        return 0
    }
}

/// The labeller options shared by `label mail` and `ingest`.
enum MailLabellerOptions {
    /// Builds the chain the options describe, lists before the program, or `nil` when no
    /// labeller is given. Reports each list's size and its malformed lines.
    static func chain(_ arguments: Arguments, language: Strings.Language) throws -> LabellerChain? {
        let program = arguments.value("labeller-cmd")
        if program == nil && (!arguments.values("labeller-arg").isEmpty || arguments.value("labeller-timeout") != nil) {
            throw UsageError(worded: LabelMessages.labellerArgumentsWithoutCommand(language))
        }
        var labellers: [any MailLabeller] = []
        for path in arguments.values("reputation") {
            let list: ReputationList
            do {
                list = try ReputationList(path: path)
            } catch let error as LabellerError {
                throw CommandFailure(worded: LabelMessages.error(error, language))
            }
            for warning in list.takeWarnings() { Output.note(LabelMessages.warning(warning, language)) }
            Output.note(LabelMessages.listLoaded(list, language))
            labellers.append(list)
        }
        if let program {
            let timeoutText = arguments.value("labeller-timeout") ?? "10"
            guard let timeout = Double(timeoutText), timeout > 0, timeout.isFinite else {
                throw UsageError(worded: LabelMessages.invalidTimeout(timeoutText, language))
            }
            do {
                labellers.append(try CommandLabeller(program: program, arguments: arguments.values("labeller-arg"), timeout: timeout))
            } catch LabellerError.invalidTimeout(let value) {
                throw UsageError(worded: LabelMessages.error(.invalidTimeout(value), language))
            } catch let error as LabellerError {
                throw CommandFailure(worded: LabelMessages.error(error, language))
            }
        }
        return labellers.isEmpty ? nil : LabellerChain(labellers)
    }

    /// Labels the stored messages without a label in force (only `mailIDs` when given) and
    /// prints the counts.
    @discardableResult
    static func label(store: Store, chain: LabellerChain, mailIDs: Set<Int64>?, language: Strings.Language) throws -> MailLabelling.Outcome {
        let outcome = try MailLabelling.run(store: store, chain: chain, mailIDs: mailIDs, modelVersion: 0) { warning in
            Output.note(LabelMessages.warning(warning, language))
        }
        Output.note(LabelMessages.summary(outcome, language))
        return outcome
    }
}

/// `--nu` and `--gamma`, the one-class settings of the mail models.
enum MailModelOptions {
    /// Returns `base` with the values the options give, checked.
    static func settings(_ arguments: Arguments, base: MailModel.Settings = MailModel.Settings()) throws -> MailModel.Settings {
        var settings = base
        let language = LabelMessages.language
        if let text = arguments.value("nu") {
            guard let nu = Double(text), nu > 0, nu <= 1 else { throw UsageError(worded: LabelMessages.invalidNu(text, language)) }
            settings.nu = nu
        }
        if let text = arguments.value("gamma") {
            guard let gamma = Double(text), gamma > 0, gamma.isFinite else { throw UsageError(worded: LabelMessages.invalidGamma(text, language)) }
            settings.gamma = gamma
        }
        return settings
    }
}
