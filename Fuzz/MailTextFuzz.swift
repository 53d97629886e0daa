// libFuzzer entry point for Lantern's own mail parsing around GMime, compiled by `scripts/fuzz`
// together with the LanternMail sources it needs (not through SwiftPM).
//
// One input drives every pure-Swift front-end parser: mbox splitting and ">From " unescaping
// on the raw bytes, RFC 2047 header decoding, RFC 2231 parameters, Maildir file names and URL
// extraction on the decoded text. GMime, libxml2 and libpsl are not linked, so MIME structure,
// HTML text and registered domains are not fuzzed here. The charset decoders call glibc iconv
// and uchardet, which run uninstrumented.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMailText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = UnsafeRawBufferPointer(start: data, count: size)
    let bytes = Array(buffer)

    for range in MboxSplitter.messageRanges(buffer) {
        _ = MboxSplitter.unescaped(buffer, range: range)
    }

    let header = HeaderText.decode(bytes)
    _ = HeaderText.singleLine(header.text)
    let parameters = MIMEParameters(raw: bytes)
    _ = parameters["filename"]

    let text = String(decoding: bytes, as: UTF8.self)
    _ = MaildirName(fileName: text)
    for url in URLExtractor.urls(inText: text) + URLExtractor.urls(inText: header.text) {
        _ = URLExtractor.host(of: url)
    }
    _ = URLExtractor.url(fromLink: text)
    return 0
}
