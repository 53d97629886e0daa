import Foundation
import LanternDarknet
import LanternMail
import LanternStore
import LanternTriage
import LanternUI

/// The wording of every error the command line reports, in the chosen language.
///
/// Library modules keep their errors as structured cases with an English `description`, which
/// the store and the logs keep. The command line words each case from the catalogue instead of
/// translating the English sentence. Reasons that come from libpcap, the C library
/// or SQLite are quoted as those libraries give them, which is English.
enum ErrorText {
    /// Returns the message for `error` in `strings`' language; an error type without a case
    /// here is printed with its English description.
    static func message(_ error: any Error, _ strings: Strings) -> String {
        switch error {
        case let error as any CatalogueError: return error.message(strings)
        case let error as CaptureError: return capture(error, strings)
        case let error as StoreError: return store(error, strings)
        case let error as SQLiteError: return sqlite(error, strings)
        case let error as MailError: return mail(error, strings)
        case let error as SignatureError: return signature(error, strings)
        case let error as SimulationError: return simulation(error, strings)
        case let error as LabellerError: return LabelMessages.error(error, strings.language)
        case let error as UIError: return error.message(strings)
        default: return String(describing: error)
        }
    }

    /// Returns the message for a capture file that stopped being read during an ingest.
    static func failure(_ failure: CaptureIngest.Failure, _ strings: Strings) -> String {
        switch failure {
        case let .unreadable(path, reason): return strings(.ingestUnreadable, ["path": path, "reason": reason])
        case let .capture(error): return capture(error, strings)
        }
    }

    static func capture(_ error: CaptureError, _ strings: Strings) -> String {
        switch error {
        case let .cannotOpen(path, reason):
            let advice: MessageKey = reason.contains("Git LFS pointer") ? .captureAdviceLFS : .captureAdviceFormat
            return sentences([strings(.captureCannotOpen, ["path": path, "reason": ownReason(reason, strings)]), strings(advice)], strings)
        case let .unsupportedLinkType(path, linkType, name):
            let supported = PacketDecoder.supportedLinkTypes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            return strings(.captureUnsupportedLinkType,
                           ["path": path, "linkType": linkType, "name": name, "supported": supported.joined(separator: ", ")])
        case let .readFailed(path, recordsRead, byteOffset, reason):
            return readFailed(path: path, recordsRead: recordsRead, byteOffset: byteOffset, reason: reason, strings)
        case let .invalidFilter(filter, reason):
            return strings(.captureInvalidFilter, ["filter": filter, "reason": reason])
        case let .liveCaptureFailed(interface, reason):
            return strings(.captureLiveFailed, ["interface": interface, "reason": reason])
        case let .cannotList(path, reason):
            return strings(.captureCannotList, ["path": path, "reason": reason])
        }
    }

    /// Words a read that stopped early: where it stopped, what was read, and what to do next.
    private static func readFailed(path: String, recordsRead: Int, byteOffset: Int64?, reason: String, _ strings: Strings) -> String {
        let stop = recordsRead == 0 ? strings(.captureStopBeforeFirst) : strings(.captureStopAfterRecord, ["record": recordsRead])
        let position = byteOffset.map { strings(.capturePosition, ["offset": $0]) } ?? ""
        let read: String
        switch recordsRead {
        case 0: read = strings(.captureReadNone)
        case 1: read = strings(.captureReadOne)
        default: read = strings(.captureReadMany, ["record": recordsRead])
        }
        // libpcap 1.10 supports one link type per pcapng file and reports a second one with this phrase.
        let advice: MessageKey = reason.contains("different from the type of the first interface")
            ? .captureAdviceLinkTypes : .captureAdviceTruncated
        let first = strings(.captureReadFailed, ["path": path, "stop": stop, "position": position, "reason": reason])
        return sentences([first, read, strings(advice)], strings)
    }

    /// Returns `reason` in `strings`' language when it is the one reason Lantern writes itself,
    /// for a path that does not exist. Reasons from libpcap and the system are returned as given.
    private static func ownReason(_ reason: String, _ strings: Strings) -> String {
        reason == Strings.en(.reasonNoSuchFile) ? strings(.reasonNoSuchFile) : reason
    }

    /// Joins whole sentences: with a space in English, with none after a Japanese full stop.
    private static func sentences(_ parts: [String], _ strings: Strings) -> String {
        parts.joined(separator: strings.language == .ja ? "" : " ")
    }

    /// Words an SQLite failure, with advice for the result codes a user can act on.
    static func sqlite(_ error: SQLiteError, _ strings: Strings) -> String {
        var values: [String: any CustomStringConvertible] = ["path": error.path, "function": error.function, "code": error.code, "reason": error.message]
        // The low byte of an extended result code is its primary code (SQLITE_READONLY is 8).
        let advice: MessageKey?
        switch error.code & 0xff {
        case 5: advice = .storeAdviceBusy
        case 8: advice = .storeAdviceReadOnly
        case 14: advice = .storeAdviceCannotOpen
        case 26: advice = .storeAdviceNotDatabase
        default: advice = nil
        }
        guard let advice else { return strings(.storeSQLite, values) }
        values["advice"] = strings(advice)
        return strings(.storeSQLiteWithAdvice, values)
    }

    static func store(_ error: StoreError, _ strings: Strings) -> String {
        switch error {
        case let .incompatibleSchema(path, found, expected):
            return strings(.storeSchema, ["path": path, "found": found, "expected": expected])
        case let .notAStore(path, tables):
            return strings(.storeNotLantern, ["path": path, "tables": StoreError.list(tables)])
        case let .corruptModel(path, version, reason):
            return strings(.storeCorruptModel, ["path": path, "version": version, "reason": reason])
        case let .invalidMailLabel(field, value, allowed):
            return strings(.storeInvalidMailLabel, ["field": field, "value": value, "allowed": allowed.joined(separator: ", ")])
        case let .damagedWindows(path, segment, reason):
            return strings(.storeDamagedWindows, ["path": path, "segment": segment, "reason": reason])
        }
    }

    static func mail(_ error: MailError, _ strings: Strings) -> String {
        switch error {
        case let .unparsable(reason): return strings(.mailUnparsable, ["reason": reason])
        case let .tooLarge(bytes, limit):
            return strings(.mailTooLarge, ["size": String(format: "%.1f", Double(bytes) / 1_048_576),
                                           "limit": String(format: "%.1f", Double(limit) / 1_048_576)])
        case let .headerTooLarge(limit): return strings(.mailHeaderTooLarge, ["limit": limit / 1024])
        case let .unreadable(path, reason): return strings(.mailUnreadable, ["path": path, "reason": ownReason(reason, strings)])
        case let .dictionaryNotFound(searched): return strings(.mailNoDictionary, ["searched": searched.joined(separator: ", ")])
        case let .tokenizerFailed(reason): return strings(.mailTokenizerFailed, ["reason": reason])
        }
    }

    static func signature(_ error: SignatureError, _ strings: Strings) -> String {
        switch error {
        case let .cannotRead(path, reason): return strings(.signatureCannotRead, ["path": path, "reason": reason])
        case let .malformedRule(file, line, reason): return strings(.signatureMalformed, ["path": file, "line": line, "reason": reason])
        case let .replacedRule(file, line, name, earlier):
            return strings(.signatureReplaced, ["path": file, "line": line, "name": name, "earlier": earlier])
        }
    }

    static func simulation(_ error: SimulationError, _ strings: Strings) -> String {
        switch error {
        case let .cannotOpen(path, code):
            return strings(.simulationCannotOpen, ["path": path, "reason": String(cString: strerror(code)), "code": code])
        case let .writeFailed(path, code):
            return strings(.simulationWriteFailed, ["path": path, "reason": String(cString: strerror(code)), "code": code])
        case let .invalidConfiguration(setting, value, expected):
            return strings(.simulationInvalidSetting, ["setting": setting, "value": value, "expected": expected])
        case let .invalidTruthLine(path, line, reason):
            return strings(.simulationInvalidTruthLine, ["path": path, "line": line, "reason": reason])
        case let .unsupportedPacket(reason):
            return strings(.simulationUnsupportedPacket, ["reason": reason])
        }
    }
}
