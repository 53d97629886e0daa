import Foundation
import LanternDarknet
import LanternStore

/// Reads capture files into the store: decode, aggregate into windows, write.
///
/// Each file is one capture row. A file read to its end before is skipped, so ingesting the
/// same input twice doubles nothing. A file that failed part-way keeps what was read (status
/// `partial`) and is replaced when ingested again. Windows are encoded as they close and written
/// in batches, each batch one transaction, so memory holds only the open windows and one batch.
public final class CaptureIngest {
    /// The result of ingesting one file.
    public struct FileOutcome: Sendable {
        public var path: String
        public var skippedAsDuplicate = false
        public var statistics = CaptureStatistics()
        public var windows = 0
        public var reopenedWindows = 0
        /// Earlier captures this file replaced, or the one that already contains it.
        public var copies = CaptureCopies()
        /// The error that stopped the file, with the file and offset in its message, in English
        /// as the store keeps it.
        public var error: String? {
            switch failure {
            case nil: return nil
            case let .unreadable(path, reason)?: return "cannot read \(path): \(reason); check the path and its permissions"
            case let .capture(error)?: return error.description
            }
        }
        /// The error that stopped the file as a case, so a caller can word it in the user's language.
        public var failure: Failure?
    }

    /// The cause that stopped a capture file from being read.
    public enum Failure: Sendable, Equatable {
        /// The file could not be read to compute its identity; `reason` is the system's message.
        case unreadable(path: String, reason: String)
        /// libpcap could not open the file or stopped reading it.
        case capture(CaptureError)
    }

    /// Progress of the file being read: bytes read, bytes in all, packets so far.
    public typealias Progress = (_ path: String, _ bytesRead: Int64, _ bytesTotal: Int64?, _ records: Int) -> Void

    private let store: Store
    public var configuration = WindowAggregator.Configuration()
    /// Subnet prefix, day boundaries and signatures of the subnet-day counts written beside the windows.
    public var subnetConfiguration = SubnetDayAccumulator.Configuration()
    /// Windows per transaction. Windows wait encoded (about 170 bytes each), and each commit
    /// also rewrites the subnet-day rows it touched, so larger batches write fewer bytes per window.
    public var batchSize = 50_000
    /// Called about every 64k records.
    public var progress: Progress?
    /// Host histories left by the previous file, so that the files of one run (a sensor's rotated
    /// captures, given in time order) form one history per host.
    private var histories = HostHistories()

    public init(store: Store) {
        self.store = store
    }

    /// Ingests one capture file. Never throws for a bad capture: the error is in the outcome.
    /// - Throws: only store failures, which leave earlier files intact.
    public func ingest(path: String) throws -> FileOutcome {
        var outcome = FileOutcome(path: path)
        let identity: (identity: String, size: Int64, prefix: String?)
        do {
            identity = try CaptureIdentity.of(path: path)
        } catch {
            outcome.failure = .unreadable(path: path, reason: error.localizedDescription)
            return outcome
        }
        let reader: CaptureReader
        do {
            reader = try CaptureReader(path: path)
        } catch {
            outcome.failure = .capture(error)
            return outcome
        }
        defer { reader.close() }
        guard let captureID = try store.beginCapture(path: path, identity: identity.identity, size: identity.size,
                                                     prefixHash: identity.prefix, copies: &outcome.copies) else {
            outcome.skippedAsDuplicate = true
            return outcome
        }
        try read(reader, captureID: captureID, label: path, into: &outcome)
        return outcome
    }

    /// Captures live from `interface` until `reader.breakLoop()` is called (from a signal
    /// handler or a timer), storing closed windows as they close.
    ///
    /// The capture is one store row named `live:INTERFACE` with the start time in its identity,
    /// so every run is kept. Windows are written at least every `liveFlushSeconds`, so a quiet
    /// sensor's windows reach the store without waiting for a full batch.
    /// - Throws: store failures; a capture error ends the run and is in the outcome.
    public func ingestLive(_ reader: CaptureReader, interface: String) throws -> FileOutcome {
        let label = "live:\(interface)"
        var outcome = FileOutcome(path: label)
        let started = Date().timeIntervalSince1970
        guard let captureID = try store.beginCapture(path: label, identity: "\(label)@\(started)", size: 0) else {
            outcome.skippedAsDuplicate = true
            return outcome
        }
        try read(reader, captureID: captureID, label: label, into: &outcome, flushEvery: liveFlushSeconds)
        return outcome
    }

    /// Maximum time, in seconds, that closed windows of a live capture wait before they are written.
    public var liveFlushSeconds = 5.0

    /// Reads every record of `reader` into the store under `captureID`, then marks the capture
    /// complete, or partial when reading stopped on an error.
    private func read(_ reader: CaptureReader, captureID: Int64, label: String, into outcome: inout FileOutcome,
                      flushEvery interval: Double? = nil) throws {
        // Window batches commit with synchronous=NORMAL, which in WAL mode skips the fsync of each
        // commit. WAL keeps the durable state a prefix of the commit order, and finishCapture
        // commits under FULL, which syncs the whole log, so a power loss either keeps the complete
        // capture or leaves it `partial` for the next ingest to replace. The setting belongs to
        // this connection only, so labels written by other connections keep FULL.
        try store.database.execute("PRAGMA synchronous=NORMAL")
        // Checkpoint the write-ahead log every 16,384 pages (64 MiB) instead of SQLite's default
        // of 1,000. Each checkpoint copies the log into the database and syncs both, so fewer
        // checkpoints mean fewer syncs and fewer copies of index pages the next batches change again.
        try store.database.execute("PRAGMA wal_autocheckpoint=16384")
        defer { try? store.database.execute("PRAGMA wal_autocheckpoint=1000") }
        // NOTE: on a thrown store error this restore is best effort, because SQLite rejects the
        // pragma while a failed ROLLBACK leaves a transaction open; callers stop after such errors.
        defer { try? store.database.execute("PRAGMA synchronous=FULL") }

        var pending = WindowBatch()
        var storeError: Error?
        let subnetDays = SubnetDayAccumulator(configuration: subnetConfiguration)
        let aggregator = WindowAggregator(configuration: configuration, histories: histories) { window in
            pending.append(window)
            subnetDays.add(window)
        }
        let decoder = PacketDecoder()
        let prefix = subnetConfiguration.prefix
        var finished = false
        var windowsWritten = 0
        var lastFlush = Date()
        let flush = { [store] in
            lastFlush = Date()
            guard !pending.isEmpty || finished, storeError == nil else { return }
            let count = pending.count
            do {
                try store.database.transaction {
                    try store.insert(&pending, captureID: captureID)
                    let closed = finished ? subnetDays.takeAll() : subnetDays.takeClosed()
                    try store.addSubnetDays(closed, prefix: prefix, captureID: captureID)
                }
                windowsWritten += count
            } catch {
                storeError = error
            }
        }

        // Reused for every frame, so the decoder writes in place instead of returning copies.
        var packet = Packet.unset
        var details = PacketDetails()
        do {
            while let record = try reader.next() {
                let kind = decoder.decode(
                    linkType: reader.linkType, bytes: record.bytes, wireLength: record.wireLength, timestamp: record.timestamp,
                    into: &packet, details: &details)
                outcome.statistics.add(record, kind: kind, packet: packet, details: details)
                if kind == .packet { aggregator.add(packet) }
                if pending.count >= batchSize { flush() }
                if let interval, !pending.isEmpty, Date().timeIntervalSince(lastFlush) >= interval { flush() }
                if outcome.statistics.records & 0xFFFF == 0 {
                    progress?(label, reader.bytesRead, reader.streamSize, outcome.statistics.records)
                }
                if storeError != nil { break }
            }
        } catch {
            outcome.failure = .capture(error)
        }
        aggregator.finish()
        histories = aggregator.histories
        finished = true
        flush()
        outcome.windows = windowsWritten
        if let storeError { throw storeError }
        progress?(label, reader.streamSize ?? reader.bytesRead, reader.streamSize, outcome.statistics.records)
        outcome.reopenedWindows = aggregator.reopenedWindows

        var counts = CaptureCounts()
        counts.records = outcome.statistics.records
        counts.ipPackets = outcome.statistics.packets
        counts.notIP = outcome.statistics.notIP
        counts.undecodable = outcome.statistics.undecodable
        try store.database.execute("PRAGMA synchronous=FULL")
        try store.finishCapture(id: captureID, status: outcome.error == nil ? .complete : .partial, counts: counts, error: outcome.error)
    }
}
