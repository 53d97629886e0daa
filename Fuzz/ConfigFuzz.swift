// libFuzzer entry point for `Config.parse` and the key-table rebinding it feeds, compiled by
// `scripts/fuzz` together with the config, key and string sources it needs (not through
// SwiftPM).
//
// The input is taken as config-file text, repaired to UTF-8 as `String(decoding:as:)` does.
// Every error message is built, so hostile values also pass through the on-screen escaping.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (config, errors) = Config.parse(text, path: "fuzz.config")
    let (review, reviewErrors) = KeyMap.review.applying(config)
    let (subnets, subnetErrors) = KeyMap.subnets.applying(config)
    for error in errors + reviewErrors + subnetErrors {
        _ = error.message(Strings.en)
        _ = error.message(Strings.ja)
    }
    _ = review.helpEntries(Strings.ja)
    _ = subnets.keyBarEntries(Strings.en)
    return 0
}
