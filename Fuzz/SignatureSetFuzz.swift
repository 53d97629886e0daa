// libFuzzer entry point for the signatures rules parser, compiled by `scripts/fuzz` together
// with the darknet sources it needs (not through SwiftPM).
//
// The input is taken as rules-file text. Bytes that are not UTF-8 are repaired to U+FFFD, as
// `String(decoding:as:)` does, because `SignatureSet.load` rejects such files before parsing.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSignatureSet(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var rules = SignatureSet.builtIn
    rules.append(SignatureSet.parse(text, file: "fuzz.rules"))
    for signature in rules.signatures {
        _ = signature.portsText
    }
    return 0
}
