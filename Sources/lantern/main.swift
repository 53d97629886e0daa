import Foundation

// Entry point: dispatch the subcommand. Every failure ends with a message and a non-zero status:
// 2 for a usage error, 1 for any other failure (see EXIT STATUS in ManPage+Text.swift).
let words = Array(CommandLine.arguments.dropFirst())
Output.strings = Lantern.strings(for: words)
do {
    let status = try Lantern.run(words)
    exit(status)
} catch let error as UsageError {
    Output.error(error)
    Output.note(.runHelpHint)
    exit(2)
} catch {
    Output.error(error)
    exit(1)
}
