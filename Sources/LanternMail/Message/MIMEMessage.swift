import CGMime
import Foundation

/// A MIME message parsed by GMime 3.
///
/// The wrapper owns the `GMimeMessage` and releases it exactly once, in `deinit`. GMime pointers
/// are used only in this file and `MIMEMessage+Parts.swift`. The parser runs in GMime's loose
/// mode, which accepts broken RFC 2047 words, parameters and addresses. The first 50 warnings
/// it raises are kept in `warnings`, among them GMime's own guard against deep MIME nesting.
///
/// Header text is not taken from GMime's decoded values: GMime maps charset labels through
/// iconv as written, so "shift_jis" would lose CP932's NEC rows and ISO-2022-JP its CP50220
/// extensions. Callers read raw header bytes and decode them with `HeaderText`.
final class MIMEMessage {
    private let message: UnsafeMutablePointer<GMimeMessage>
    /// GMime's parser warnings, as "offset N: what" lines.
    private(set) var warnings: [String] = []

    /// Initialises GMime once per process; `g_mime_init` is not safe to call twice.
    private static let initialised: Bool = {
        g_mime_init()
        return true
    }()

    /// Parses one message from its bytes.
    /// - Throws: `MailError.unparsable` when GMime finds no message at all.
    /// - Complexity: O(n) in the message size; GMime copies the bytes once into its stream.
    init(bytes: [UInt8]) throws(MailError) {
        precondition(MIMEMessage.initialised)
        let collector = WarningCollector()
        let options = g_mime_parser_options_new()
        defer { g_mime_parser_options_free(options) }
        g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        g_mime_parser_options_set_address_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        g_mime_parser_options_set_parameter_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        g_mime_parser_options_set_allow_addresses_without_domain(options, 1)
        let context = Unmanaged.passRetained(collector)
        defer { context.release() }
        g_mime_parser_options_set_warning_callback(options, { offset, code, item, userData in
            guard let userData else { return }
            let collector = Unmanaged<WarningCollector>.fromOpaque(userData).takeUnretainedValue()
            collector.add(offset: Int64(offset), code: code, item: item.map { String(cString: $0) })
        }, context.toOpaque())

        let parsed: UnsafeMutablePointer<GMimeMessage>? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let stream = g_mime_stream_mem_new_with_buffer(chars.baseAddress, chars.count) else { return nil }
                defer { lantern_gobject_unref(stream) }
                guard let parser = g_mime_parser_new_with_stream(stream) else { return nil }
                defer { lantern_gobject_unref(parser) }
                g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE)
                return g_mime_parser_construct_message(parser, options)
            }
        }
        guard let parsed else {
            throw .unparsable(reason: collector.lines.first ?? "no message headers found")
        }
        message = parsed
        warnings = collector.lines
    }

    deinit {
        lantern_gobject_unref(message)
    }

    /// The message as a GMime object, for the part walk.
    var object: UnsafeMutablePointer<GMimeObject> {
        UnsafeMutableRawPointer(message).assumingMemoryBound(to: GMimeObject.self)
    }

    /// The top-level MIME part, or `nil` for a message with headers only.
    var body: UnsafeMutablePointer<GMimeObject>? { g_mime_message_get_mime_part(message) }

    /// Returns the raw bytes of every header named `name` (case-insensitive), in order, folding kept.
    func rawHeaders(named name: String) -> [[UInt8]] {
        MIMEMessage.rawHeaders(of: object, named: name)
    }

    static func rawHeaders(of object: UnsafeMutablePointer<GMimeObject>, named name: String) -> [[UInt8]] {
        guard let list = g_mime_object_get_header_list(object) else { return [] }
        var values: [[UInt8]] = []
        for index in 0..<g_mime_header_list_get_count(list) {
            guard let header = g_mime_header_list_get_header_at(list, index),
                  let headerName = g_mime_header_get_name(header),
                  String(cString: headerName).caseInsensitiveCompare(name) == .orderedSame,
                  let raw = g_mime_header_get_raw_value(header) else { continue }
            values.append(Array(UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))))
        }
        return values
    }

    /// The Date header as GMime parses it (RFC 5322 with common deviations), if present and valid.
    var date: Date? {
        guard let dateTime = g_mime_message_get_date(message) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(g_date_time_to_unix(dateTime)))
    }

    /// The Message-ID without angle brackets, if present.
    var messageID: String? {
        g_mime_message_get_message_id(message).map { String(cString: $0) }
    }

    /// Parses a date as mail writes it (for example the tail of a Received header).
    static func parseDate(_ text: String) -> Date? {
        precondition(initialised)
        guard let dateTime = g_mime_utils_header_decode_date(text) else { return nil }
        defer { g_date_time_unref(dateTime) }
        return Date(timeIntervalSince1970: TimeInterval(g_date_time_to_unix(dateTime)))
    }

    /// Mailboxes in an address header whose encoded words were already rewritten to UTF-8 by
    /// `HeaderText.normalisedForParsing`, so GMime splits the syntax before any name is decoded.
    static func parseAddresses(_ text: String) -> [MailAddress] {
        precondition(initialised)
        let options = g_mime_parser_options_new()
        defer { g_mime_parser_options_free(options) }
        g_mime_parser_options_set_address_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        g_mime_parser_options_set_allow_addresses_without_domain(options, 1)
        guard let list = internet_address_list_parse(options, text) else { return [] }
        defer { lantern_gobject_unref(list) }
        var result: [MailAddress] = []
        collectMailboxes(list, into: &result, depth: 0)
        return result
    }

    private static func collectMailboxes(_ list: UnsafeMutablePointer<InternetAddressList>, into result: inout [MailAddress], depth: Int) {
        for index in 0..<internet_address_list_length(list) {
            guard let address = internet_address_list_get_address(list, index) else { continue }
            let name = internet_address_get_name(address).map { String(cString: $0) } ?? ""
            if lantern_gmime_is_mailbox(address) != 0 {
                let mailbox = UnsafeMutableRawPointer(address).assumingMemoryBound(to: InternetAddressMailbox.self)
                let addr = internet_address_mailbox_get_addr(mailbox).map { String(cString: $0) } ?? ""
                result.append(MailAddress(address: addr, displayName: name))
            } else if lantern_gmime_is_group(address) != 0, depth < 4 {
                let group = UnsafeMutableRawPointer(address).assumingMemoryBound(to: InternetAddressGroup.self)
                if let members = internet_address_group_get_members(group) {
                    collectMailboxes(members, into: &result, depth: depth + 1)
                }
            }
        }
    }
}

/// Collects GMime parser warnings; passed to the C callback as its user-data pointer.
private final class WarningCollector {
    private(set) var lines: [String] = []

    func add(offset: Int64, code: GMimeParserWarning, item: String?) {
        // A hostile message can raise thousands of warnings, and the first 50 are enough to diagnose it.
        guard lines.count < 50 else { return }
        let what = WarningCollector.describe(code)
        let detail = item.map { ": " + String($0.prefix(120)) } ?? ""
        lines.append((offset >= 0 ? "offset \(offset): " : "") + what + detail)
    }

    static func describe(_ code: GMimeParserWarning) -> String {
        switch code {
        case GMIME_WARN_DUPLICATED_HEADER: return "duplicated header"
        case GMIME_WARN_DUPLICATED_PARAMETER: return "duplicated parameter"
        case GMIME_WARN_UNENCODED_8BIT_HEADER: return "unencoded 8-bit header"
        case GMIME_WARN_INVALID_CONTENT_TYPE: return "invalid content type"
        case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE: return "invalid RFC 2047 header value"
        case GMIME_WARN_MALFORMED_MULTIPART: return "malformed multipart"
        case GMIME_WARN_TRUNCATED_MESSAGE: return "truncated message"
        case GMIME_WARN_MALFORMED_MESSAGE: return "malformed message"
        case GMIME_CRIT_INVALID_HEADER_NAME: return "invalid header name"
        case GMIME_CRIT_CONFLICTING_HEADER: return "conflicting header"
        case GMIME_CRIT_CONFLICTING_PARAMETER: return "conflicting parameter"
        case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: return "multipart without boundary"
        case GMIME_WARN_INVALID_PARAMETER: return "invalid parameter"
        case GMIME_WARN_INVALID_ADDRESS_LIST: return "invalid address list"
        case GMIME_CRIT_NESTING_OVERFLOW: return "MIME nesting too deep; deeper parts ignored"
        case GMIME_WARN_PART_WITHOUT_CONTENT: return "part without content"
        case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: return "part without headers or content"
        default: return "parser warning \(code.rawValue)"
        }
    }
}
