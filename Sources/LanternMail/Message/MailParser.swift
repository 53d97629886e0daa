import Foundation

/// Turns the bytes of one message into a `MailMessage`.
///
/// GMime splits the MIME structure and undoes transfer encodings; Lantern's own code decodes
/// header text, parameters and charsets (see `HeaderText`, `MIMEParameters`, `CharsetDecoder`),
/// libxml2 turns HTML into text, libpsl reduces hosts to registered domains, and MeCab splits
/// Japanese. Attachments are recorded by type and name; their content is never decoded.
/// A parser serves one thread at a time, because its MeCab tagger does.
public final class MailParser {
    public var limits = MailLimits()
    public let tokenizer: MailTokenizer

    public init(tokenizer: MailTokenizer) {
        self.tokenizer = tokenizer
    }

    /// Parses one message.
    /// - Throws: `MailError.tooLarge`, `MailError.headerTooLarge` or `MailError.unparsable`.
    /// - Complexity: O(n) in the message size, plus MeCab's time on the text.
    public func parse(_ original: [UInt8]) throws(MailError) -> MailMessage {
        var notes: [String] = []
        let bytes = MailParser.withoutLeadingText(original, notes: &notes)
        guard bytes.count <= limits.maxMessageBytes else {
            throw .tooLarge(bytes: bytes.count, limit: limits.maxMessageBytes)
        }
        let headerBytes = MailParser.headerBlockLength(bytes, limit: limits.maxHeaderBytes + 1)
        guard headerBytes <= limits.maxHeaderBytes else {
            throw .headerTooLarge(limit: limits.maxHeaderBytes)
        }
        guard bytes.contains(0x3A) else {
            throw .unparsable(reason: "no header line (\"Name: value\") found")
        }
        let mime = try MIMEMessage(bytes: bytes)
        notes += mime.warnings

        let subject = decodeSubject(mime, notes: &notes)
        let sender = addresses(mime, header: "From", notes: &notes).first
        let recipients = addresses(mime, header: "To", notes: &notes)
        let body = readBody(mime, notes: &notes)

        let domains = MailParser.unique(body.urls.compactMap { URLExtractor.host(of: $0).flatMap(RegisteredDomain.of(host:)) })
        let attachmentTypes = body.attachments.map(\.mediaType)
        let termCounts = tokenizer.termCounts(text: subject + "\n" + body.text, domains: domains, attachmentTypes: attachmentTypes)

        return MailMessage(
            messageID: mime.messageID.flatMap { $0.isEmpty ? nil : $0 },
            contentHash: MailParser.contentHash(original),
            date: mime.date ?? MailParser.receivedDate(mime),
            sender: sender,
            recipients: recipients,
            subject: subject,
            text: body.text,
            urls: body.urls,
            domains: domains,
            attachments: body.attachments,
            termCounts: termCounts,
            notes: notes)
    }

    /// Returns the content hash stored with a message: SHA-256 of its bytes in lower-case hex.
    public static func contentHash(_ bytes: [UInt8]) -> String {
        SHA256.hex(bytes)
    }

    // MARK: - Headers

    private func decodeSubject(_ mime: MIMEMessage, notes: inout [String]) -> String {
        guard let raw = mime.rawHeaders(named: "Subject").first else { return "" }
        let decoded = HeaderText.decode(raw)
        notes += decoded.notes.map { "Subject: " + $0 }
        let line = HeaderText.singleLine(decoded.text)
        guard line.count > limits.maxSubjectCharacters else { return line }
        notes.append("Subject: cut at \(limits.maxSubjectCharacters) of \(line.count) characters")
        return String(line.prefix(limits.maxSubjectCharacters))
    }

    private func addresses(_ mime: MIMEMessage, header: String, notes: inout [String]) -> [MailAddress] {
        mime.rawHeaders(named: header).flatMap { raw -> [MailAddress] in
            let normalised = HeaderText.normalisedForParsing(raw)
            notes += normalised.notes.map { "\(header): " + $0 }
            return MIMEMessage.parseAddresses(normalised.text).map { address in
                MailAddress(address: address.address, displayName: HeaderText.singleLine(address.displayName))
            }
        }
    }

    /// Returns the time of the topmost Received header: the date after its last ";".
    private static func receivedDate(_ mime: MIMEMessage) -> Date? {
        guard let raw = mime.rawHeaders(named: "Received").first else { return nil }
        let text = String(decoding: HeaderText.unfolded(raw), as: UTF8.self)
        guard let semicolon = text.lastIndex(of: ";") else { return nil }
        return MIMEMessage.parseDate(String(text[text.index(after: semicolon)...]).trimmingCharacters(in: .whitespaces))
    }

    // MARK: - Body

    private struct Body {
        var text = ""
        var urls: [String] = []
        var attachments: [MailAttachment] = []
    }

    private func readBody(_ mime: MIMEMessage, notes: inout [String]) -> Body {
        var body = Body()
        let (leaves, depthNote) = mime.leaves(maxDepth: limits.maxNestingDepth, maxTextBytes: limits.maxTextBytesPerPart)
        if let depthNote { notes.append(depthNote) }
        var urls: [String] = []
        for leaf in leaves {
            let contentType = MIMEParameters(raw: leaf.rawContentType)
            let disposition = MIMEParameters(raw: leaf.rawDisposition)
            notes += (contentType.defects + disposition.defects).map { "\(leaf.mediaType): " + $0 }
            guard let content = leaf.content else {
                let name = disposition["filename"] ?? contentType["name"]
                body.attachments.append(MailAttachment(mediaType: leaf.mediaType, rawName: name))
                continue
            }
            if leaf.truncated { notes.append("\(leaf.mediaType) part cut at \(limits.maxTextBytesPerPart) bytes") }
            let isHTML = leaf.mediaType == "text/html"
            let label = contentType["charset"] ?? (isHTML ? MailParser.metaCharset(content) : nil)
            let decoded = CharsetDecoder.decode(content, label: label)
            if let note = decoded.note { notes.append("\(leaf.mediaType): " + note) }
            if isHTML {
                let html = HTMLText(html: decoded.text)
                body.text += html.text + "\n"
                urls += html.links.compactMap(URLExtractor.url(fromLink:))
                urls += URLExtractor.urls(inText: html.text)
            } else {
                body.text += decoded.text + "\n"
                urls += URLExtractor.urls(inText: decoded.text)
            }
        }
        body.urls = MailParser.unique(urls)
        return body
    }

    /// Returns the message without up to three lines of text before its header block (a log line that
    /// some tools write at the top of saved mail), or unchanged when none is found.
    static func withoutLeadingText(_ bytes: [UInt8], notes: inout [String]) -> [UInt8] {
        let head = bytes.prefix(MailFileFormat.sniffLength)
        let lines = head.split(separator: 0x0A, maxSplits: 40, omittingEmptySubsequences: false).prefix(40)
        guard let first = lines.first, MailFileFormat.fieldName(first) == nil,
              let start = MailFileFormat.headerBlockStart(lines: Array(lines)), start > 0 else { return bytes }
        let offset = lines[start].startIndex
        notes.append("\(start) line\(start == 1 ? "" : "s") of text before the first header ignored")
        return Array(bytes[offset...])
    }

    /// Returns the charset an HTML document declares in a `<meta>` tag, read from its ASCII bytes.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        guard let range = head.range(of: "charset=") else { return nil }
        let rest = head[range.upperBound...].drop(while: { $0 == "\"" || $0 == "'" || $0 == " " })
        let label = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        return label.isEmpty ? nil : String(label)
    }

    /// Bytes before the blank line that ends the header block, counted up to `limit`.
    static func headerBlockLength(_ bytes: [UInt8], limit: Int) -> Int {
        var index = 0
        let end = min(bytes.count, limit)
        while index < end {
            if bytes[index] == 0x0A {
                let next = index + 1
                if next < bytes.count, bytes[next] == 0x0A { return index }
                if next + 1 < bytes.count, bytes[next] == 0x0D, bytes[next + 1] == 0x0A { return index }
            }
            index += 1
        }
        return end
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
