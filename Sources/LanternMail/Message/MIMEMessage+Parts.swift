import CGMime

/// One leaf of a message's MIME tree: a text part to read or an attachment to record.
struct MIMELeaf {
    /// Lower-case media type, such as "text/plain" or "application/pdf".
    var mediaType: String
    /// Raw Content-Type header value, for parameters GMime would decode with the wrong charset.
    var rawContentType: [UInt8]
    /// Raw Content-Disposition header value; empty when absent.
    var rawDisposition: [UInt8]
    /// Transfer-decoded bytes of a text part (at most `maxBytes`); `nil` for attachments.
    var content: [UInt8]?
    /// Whether `content` was cut at `maxBytes`.
    var truncated: Bool
    /// Depth in the MIME tree, 0 for a single-part message.
    var depth: Int
}

extension MIMEMessage {
    /// Walks the MIME tree depth first and returns its leaves, reading the content of inline
    /// text parts only. Parts nested deeper than `maxDepth` are skipped and counted in the
    /// returned note; embedded `message/rfc822` parts are walked like multiparts.
    /// - Complexity: O(parts + bytes of text parts).
    func leaves(maxDepth: Int, maxTextBytes: Int) -> (leaves: [MIMELeaf], note: String?) {
        var leaves: [MIMELeaf] = []
        var skippedDeep = 0
        var recoveredPrologues = 0
        guard let body else { return ([], nil) }
        // An explicit stack: recursion depth would follow the attacker's nesting.
        var stack: [(UnsafeMutablePointer<GMimeObject>, Int)] = [(body, 0)]
        while let (object, depth) = stack.popLast() {
            if depth > maxDepth {
                skippedDeep += 1
                continue
            }
            if lantern_gmime_is_multipart(object) != 0 {
                let multipart = UnsafeMutableRawPointer(object).assumingMemoryBound(to: GMimeMultipart.self)
                let count = g_mime_multipart_get_count(multipart)
                if count == 0, let prologue = g_mime_multipart_get_prologue(multipart) {
                    // No boundary line was found, so GMime left the whole body in the prologue:
                    // read it as the multipart's only text.
                    leaves.append(MIMELeaf(
                        mediaType: "text/plain", rawContentType: MIMEMessage.rawHeaders(of: object, named: "Content-Type").first ?? [],
                        rawDisposition: [], content: Array(UnsafeRawBufferPointer(start: prologue, count: min(strlen(prologue), maxTextBytes))),
                        truncated: strlen(prologue) > maxTextBytes, depth: depth))
                    recoveredPrologues += 1
                }
                for index in stride(from: count - 1, through: 0, by: -1) {
                    if let child = g_mime_multipart_get_part(multipart, index) { stack.append((child, depth + 1)) }
                }
            } else if lantern_gmime_is_message_part(object) != 0 {
                let part = UnsafeMutableRawPointer(object).assumingMemoryBound(to: GMimeMessagePart.self)
                leaves.append(leaf(object, depth: depth, readContent: false, maxTextBytes: 0))
                if let inner = g_mime_message_part_get_message(part), let innerBody = g_mime_message_get_mime_part(inner) {
                    stack.append((innerBody, depth + 1))
                }
            } else if lantern_gmime_is_part(object) != 0 {
                var leaf = leaf(object, depth: depth, readContent: false, maxTextBytes: maxTextBytes)
                if MIMEMessage.isInlineText(leaf) {
                    leaf = self.leaf(object, depth: depth, readContent: true, maxTextBytes: maxTextBytes)
                }
                leaves.append(leaf)
            }
        }
        var notes: [String] = []
        if skippedDeep > 0 { notes.append("MIME nesting deeper than \(maxDepth) levels; \(skippedDeep) deeper part(s) ignored") }
        if recoveredPrologues > 0 { notes.append("multipart without parts; its body was read as plain text") }
        return (leaves, notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    private static func isInlineText(_ leaf: MIMELeaf) -> Bool {
        guard leaf.mediaType == "text/plain" || leaf.mediaType == "text/html" else { return false }
        let disposition = String(decoding: leaf.rawDisposition, as: UTF8.self).lowercased()
        return !disposition.trimmingCharacters(in: .whitespaces).hasPrefix("attachment")
    }

    private func leaf(_ object: UnsafeMutablePointer<GMimeObject>, depth: Int, readContent: Bool, maxTextBytes: Int) -> MIMELeaf {
        var mediaType = "application/octet-stream"
        if let contentType = g_mime_object_get_content_type(object), let mime = g_mime_content_type_get_mime_type(contentType) {
            mediaType = String(cString: mime).lowercased()
            g_free(mime)
        }
        var content: [UInt8]?
        var truncated = false
        if readContent {
            let part = UnsafeMutableRawPointer(object).assumingMemoryBound(to: GMimePart.self)
            (content, truncated) = MIMEMessage.decodedContent(part, maxBytes: maxTextBytes)
        }
        return MIMELeaf(
            mediaType: mediaType,
            rawContentType: MIMEMessage.rawHeaders(of: object, named: "Content-Type").first ?? [],
            rawDisposition: MIMEMessage.rawHeaders(of: object, named: "Content-Disposition").first ?? [],
            content: content, truncated: truncated, depth: depth)
    }

    /// Returns whether the start of a raw base64 stream has a line with a space or tab between other
    /// characters, which base64 never writes.
    private static func looksLikeText(_ raw: UnsafeMutablePointer<GMimeStream>) -> Bool {
        g_mime_stream_reset(raw)
        defer { g_mime_stream_reset(raw) }
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = g_mime_stream_read(raw, &buffer, buffer.count)
        guard count > 0 else { return false }
        let bytes = buffer[0..<count].map { UInt8(bitPattern: $0) }
        return bytes.split(separator: 0x0A).contains { line in
            let trimmed = line.drop(while: { $0 == 0x20 || $0 == 0x09 }).reversed().drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
            return trimmed.contains(0x20) || trimmed.contains(0x09)
        }
    }

    /// Returns the part's content with its transfer encoding (base64, quoted-printable, uuencode)
    /// undone, cut at `maxBytes`.
    private static func decodedContent(_ part: UnsafeMutablePointer<GMimePart>, maxBytes: Int) -> ([UInt8], Bool) {
        guard let wrapper = g_mime_part_get_content(part), let stream = g_mime_stream_mem_new() else { return ([], false) }
        defer { lantern_gobject_unref(stream) }
        if g_mime_part_get_content_encoding(part) == GMIME_CONTENT_ENCODING_BASE64, let raw = g_mime_data_wrapper_get_stream(wrapper),
           looksLikeText(raw) {
            // Declared base64 but written as plain text (a space inside a line never occurs in
            // base64): decoding would turn the words into binary noise, so keep them as written.
            g_mime_stream_reset(raw)
            g_mime_stream_write_to_stream(raw, stream)
            g_mime_stream_reset(raw)
        } else {
            g_mime_data_wrapper_write_to_stream(wrapper, stream)
        }
        let memory = UnsafeMutableRawPointer(stream).assumingMemoryBound(to: GMimeStreamMem.self)
        guard let array = g_mime_stream_mem_get_byte_array(memory), let data = array.pointee.data else { return ([], false) }
        let count = Int(array.pointee.len)
        let kept = min(count, maxBytes)
        return (Array(UnsafeBufferPointer(start: data, count: kept)), kept < count)
    }
}
