// libFuzzer entry point for `Theme.parse`, compiled by `scripts/fuzz` together with the theme
// sources it needs (not through SwiftPM).
//
// The input is taken as theme-file text, repaired to UTF-8 as `String(decoding:as:)` does.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    switch Theme.parse(text, path: "fuzz.theme", name: "fuzz") {
    case .success(let theme):
        for role in ColorRole.allCases {
            _ = theme[role]
        }
    case .failure(let error):
        _ = error.message(Strings.en)
    }
    return 0
}
