import Foundation
import LanternDarknet
import LanternStore
import LanternTriage
import LanternUI

/// `lantern ingest`: captures into the store, then training unless `--no-train`.
enum IngestCommand {
    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .ingest)
        guard !arguments.positionals.isEmpty else {
            throw UsageError(.ingestNeedsInput)
        }
        // Labeller options are checked before anything is read, so a typo costs no ingest time.
        let labellers = try MailLabellerOptions.chain(arguments, language: LabelMessages.language)
        let path = arguments.value("db") ?? Store.defaultPath
        let isNewStore = !FileManager.default.fileExists(atPath: path)
        let store = try Store(path: path)
        do {
            return try ingest(arguments, into: store, labellers: labellers)
        } catch let error as UsageError where isNewStore && (try? store.containsNoData()) == true {
            // Some options are checked after the store is opened (--window 0, --darknet-prefix x).
            // Rejecting one must not leave behind a store the user never meant to create.
            StoreOpening.removeFiles(of: path)
            throw error
        }
    }

    private static func ingest(_ arguments: Arguments, into store: Store, labellers: LabellerChain?) throws -> Int32 {
        let lock = try IngestLock(storePath: store.path)
        defer { lock.release() }
        let mail = try MailIngestCommand.run(arguments.positionals, kind: arguments.value("kind"), store: store, labellers: labellers,
                                             train: !arguments.has("no-train"))
        if mail.capturePaths.isEmpty {
            // An empty folder, or one of files that are neither kind, would otherwise end silently.
            if mail.mailFiles.isEmpty && mail.failures == 0 {
                Output.note(.ingestNothingFound, ["paths": arguments.positionals.joined(separator: Output.text(.listSeparator))])
            }
            return mail.failures > 0 ? 1 : 0
        }
        let ingest = CaptureIngest(store: store)
        ingest.configuration.windowSeconds = Double(try arguments.integer("window", default: 30, range: 1...86_400))
        try WindowWidthSetting.check(ingest.configuration.windowSeconds, store: store)
        let darknet = try DarknetPrefixSetting.resolve(arguments.value("darknet-prefix"), store: store)
        ingest.configuration.ipv4DarknetPrefix = darknet.ipv4
        ingest.configuration.ipv6DarknetPrefix = darknet.ipv6
        ingest.subnetConfiguration = try SubnetIngestOptions.configuration(arguments, store: store)
        let bar = ProgressBar()
        ingest.progress = { path, read, total, records in bar.update(path: path, bytesRead: read, bytesTotal: total, records: records) }

        let source: CaptureSource
        do {
            source = try CaptureSource(paths: mail.capturePaths)
        } catch {
            Output.error(error)
            return 1
        }
        // The two passes name a file differently (as given, or under the folder's absolute
        // path), so they are compared as absolute paths: stored mail is not also "skipped".
        let mailFiles = Set(mail.mailFiles.map(absolutePath))
        let mailLooked = (arguments.value("kind") ?? "auto") == "auto"
        for skipped in source.skipped where !mailFiles.contains(absolutePath(skipped.path)) {
            let reason: MessageKey = mailLooked && skipped.kind == .notCapture ? .skipReasonNeitherKind : skipReason(skipped.kind)
            Output.note(.ingestSkippedFile, ["path": skipped.path, "reason": Output.text(reason)])
        }
        var failures = mail.failures > 0 ? 1 : 0
        var totals = (files: 0, skipped: 0, packets: 0, windows: 0)
        // What each file of this run added, so a later file that replaces it as a shorter copy
        // takes its packets and windows out of the totals again, as the store did.
        var readThisRun: [String: (packets: Int, windows: Int)] = [:]
        for path in source.files {
            let outcome = try ingest.ingest(path: path)
            bar.finish()
            if outcome.skippedAsDuplicate {
                totals.skipped += 1
                if let longer = outcome.copies.containedIn {
                    Output.note(.ingestSkippedShorterCopy, ["path": path, "longer": longer])
                } else {
                    Output.note(.ingestAlreadyIngested, ["path": path])
                }
                continue
            }
            for copy in outcome.copies.replaced {
                Output.note(.ingestReplacesCopy, ["path": path, "copy": copy])
                if let replaced = readThisRun.removeValue(forKey: copy) {
                    totals.packets -= replaced.packets
                    totals.windows -= replaced.windows
                }
            }
            let stats = outcome.statistics
            totals.files += 1
            totals.packets += stats.records
            totals.windows += outcome.windows
            readThisRun[path] = (stats.records, outcome.windows)
            if outcome.failure == nil || stats.records > 0 {
                Output.note(.ingestFileSummary, ["path": path, "records": stats.records, "ip": stats.packets, "notIP": stats.notIP,
                                                 "undecodable": stats.undecodable, "windows": outcome.windows])
                let anomalies = CaptureStatistics.anomalyNames.compactMap { anomaly, name -> String? in
                    let count = stats.count(of: anomaly)
                    return count > 0 ? (anomalyKey(anomaly).map { Output.text($0) } ?? name) + " \(count)" : nil
                }
                if !anomalies.isEmpty {
                    Output.note(.ingestAnomalies, ["list": anomalies.joined(separator: Output.text(.listSeparator))])
                }
                if stats.ipVersionMismatches > 0 {
                    Output.note(.ingestIPVersionMismatch, ["count": stats.ipVersionMismatches])
                }
                if outcome.reopenedWindows > 0 {
                    Output.note(.ingestReopenedWindows, ["count": outcome.reopenedWindows])
                }
            }
            if let failure = outcome.failure {
                failures += 1
                Output.error(ErrorText.failure(failure, Output.strings))
            }
        }
        if source.files.count > 1 {
            Output.note(.ingestTotals, ["read": totals.files, "skipped": totals.skipped, "failed": failures,
                                        "packets": totals.packets, "windows": totals.windows])
        }
        if let assignment = try SubnetAssignment.run(store: store) {
            Output.note(.ingestSubnets, ["subnetDays": assignment.subnetDays, "version": assignment.version, "flags": assignment.flags])
        }
        // A run that stored no window (every capture already ingested, empty or unreadable)
        // leaves the model as it is, rather than saving an identical model under a new version.
        if !arguments.has("no-train") {
            let saved = BackscatterScoring.savedSettings(in: store)
            if totals.windows == 0 && saved != nil {
                Output.note(.ingestNoNewCaptures)
            } else if totals.windows == 0 {
                Output.note(.ingestNoWindowsNoModel)
            } else {
                try TrainCommand.train(store: store, settings: saved ?? BackscatterSettings())
            }
        }
        if failures > 0 {
            Output.error(.ingestFilesFailed, ["failed": failures, "files": source.files.count])
            return 1
        }
        return 0
    }
}

extension IngestCommand {
    /// Returns the message naming an anomaly kind of `CaptureStatistics.anomalyNames`. A kind
    /// without one is printed with its English name from that list.
    static func anomalyKey(_ anomaly: PacketAnomalies) -> MessageKey? {
        switch anomaly {
        case .truncated: return .anomalyTruncated
        case .badIPv4HeaderLength: return .anomalyBadIPv4HeaderLength
        case .badIPLength: return .anomalyBadIPLength
        case .malformedTCPOptions: return .anomalyMalformedTCPOptions
        case .quotedTruncated: return .anomalyQuotedTruncated
        case .badLinkHeader: return .anomalyBadLinkHeader
        case .unknownICMPType: return .anomalyUnknownICMPType
        default: return nil
        }
    }

    /// Returns `path` made absolute against the current folder, with "." and ".." resolved.
    static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Returns the catalogue key for the reason a file in a folder was not read.
    static func skipReason(_ kind: CaptureSource.SkippedFile.Kind) -> MessageKey {
        switch kind {
        case .gitLFSPointer: return .skipReasonLFSPointer
        case .gzipWithoutCapture: return .skipReasonGzipNotCapture
        case .notCapture: return .skipReasonNotCapture
        case .unreadable: return .skipReasonUnreadable
        }
    }
}

/// A one-line progress bar on a terminal (packets per second and share read), nothing otherwise.
final class ProgressBar {
    private let enabled = Output.stderrIsTerminal
    private let started = Date()
    private var drawn = false

    func update(path: String, bytesRead: Int64, bytesTotal: Int64?, records: Int) {
        guard enabled else { return }
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        let share = bytesTotal.map { $0 > 0 ? min(1, Double(bytesRead) / Double($0)) : 1 } ?? 0
        let filled = Int(share * 30)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
        let rate = Double(records) / seconds
        let name = SafeText.escapingControls((path as NSString).lastPathComponent)
        let line = String(format: "\r[%@] %3.0f%%  %.0f pkt/s  %@", bar, share * 100, rate, String(name.prefix(30)))
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
        drawn = true
    }

    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}
