import Dispatch
import Foundation
import LanternDarknet
import LanternStore
import LanternTriage
import LanternUI

/// `lantern capture`: live capture from an interface into the store until Ctrl-C, SIGTERM or
/// `--duration`, then training unless `--no-train`.
enum CaptureCommand {
    /// The reader a signal handler stops; signal handlers cannot capture context.
    nonisolated(unsafe) static var activeReader: CaptureReader?

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .capture)
        guard let interface = arguments.value("interface") else {
            throw UsageError(.captureNeedsInterface)
        }
        let seconds = try arguments.integer("duration", default: 0, range: 0...31_622_400)
        let store = try Store(path: arguments.value("db") ?? Store.defaultPath)
        let lock = try IngestLock(storePath: store.path)
        defer { lock.release() }
        let ingest = CaptureIngest(store: store)
        ingest.configuration.windowSeconds = Double(try arguments.integer("window", default: 30, range: 1...86_400))
        try WindowWidthSetting.check(ingest.configuration.windowSeconds, store: store)
        let darknet = try DarknetPrefixSetting.resolve(arguments.value("darknet-prefix"), store: store)
        ingest.configuration.ipv4DarknetPrefix = darknet.ipv4
        ingest.configuration.ipv6DarknetPrefix = darknet.ipv6

        let reader: CaptureReader
        do {
            reader = try CaptureReader(interface: interface, filter: arguments.value("filter"))
        } catch {
            Output.error(error)
            return 1
        }
        activeReader = reader
        defer { activeReader = nil }
        // pcap_breakloop only sets a flag, which is safe in a signal handler; the reader sees it
        // within its buffer timeout and ends the capture cleanly.
        signal(SIGINT) { _ in CaptureCommand.activeReader?.breakLoop() }
        signal(SIGTERM) { _ in CaptureCommand.activeReader?.breakLoop() }
        if seconds > 0 {
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds)) { reader.breakLoop() }
        }
        let started: MessageKey
        switch (arguments.value("filter") != nil, seconds > 0) {
        case (false, false): started = .captureStartedUntilInterrupt
        case (true, false): started = .captureStartedFilterUntilInterrupt
        case (false, true): started = .captureStartedForSeconds
        case (true, true): started = .captureStartedFilterForSeconds
        }
        Output.note(started, ["interface": interface, "filter": arguments.value("filter") ?? "", "seconds": seconds])
        let outcome = try ingest.ingestLive(reader, interface: interface)
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        let stats = outcome.statistics
        Output.note(.captureSummary, ["path": outcome.path, "records": stats.records, "ip": stats.packets, "windows": outcome.windows])
        if let failure = outcome.failure {
            Output.error(ErrorText.failure(failure, Output.strings))
        }
        if !arguments.has("no-train") {
            try TrainCommand.train(store: store, settings: BackscatterScoring.savedSettings(in: store) ?? BackscatterSettings())
        }
        return outcome.error == nil ? 0 : 1
    }
}
