// libFuzzer entry point for the whole mail parser, compiled by `scripts/fuzz` with every
// LanternMail source (not through SwiftPM).
//
// One input is parsed as one message: GMime builds the MIME tree, every part is decoded with
// its charset (uchardet guesses undeclared ones), HTML goes through libxml2's parser, URLs are
// reduced to registered domains with libpsl, and Japanese text is split by MeCab when its
// dictionary is installed. The C libraries run uninstrumented, so the sanitizer sees only
// Lantern's side of each call; a crash inside a library still stops the run and is reported.

private let parser: MailParser = {
    let morphological = try? MorphologicalTokenizer()
    return MailParser(tokenizer: MailTokenizer(morphological: morphological))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMailParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let message = try? parser.parse(bytes) else { return 0 }
    _ = message.excerpt(length: 500)
    _ = message.termCounts.count
    return 0
}
