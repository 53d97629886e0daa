import Foundation
import LanternEngine
import LanternMail
import LanternTriage

// Writes the mail benchmark's data: the labelled messages of a mail stream as one libsvm-format
// file, optionally repeated to a scaled copy. `scripts/bench-mail` runs it, then times
// `lantern-bench-train` and the reference tools on the files; docs/benchmarks.md explains the
// measures. The training lives in that other program because this one loads the mail libraries
// (GMime, MeCab, libxml2, Foundation), whose start-up would count in every timed run.
//
//   lantern-bench-mail export STREAM OUT [COPIES]   write the stream's vectors, COPIES times

/// Writes the labelled messages dated 2003 or later (the older SpamAssassin files are a
/// different corpus), each copy after the first with its values scaled by a seeded factor in
/// [0.9, 1.1] and normalised again, so copies are near, not equal.
func export(stream path: String, to out: String, copies: Int) throws {
    let parser = MailParser(tokenizer: MailTokenizer(morphological: try? MorphologicalTokenizer()))
    let stream = try MailStream(path: path, since: MailStream.fileNameDate("2003-01-01"), parser: parser)
    var dictionary = MailFeatureDictionary()
    let originals = stream.entries.map { dictionary.vector($0.termCounts) }
    let originalLabels = stream.entries.map(\.malicious)
    var generator = SeededGenerator(seed: 7)
    var samples: [SparseVector] = []
    var labels: [Bool] = []
    for copy in 0..<copies {
        for (sample, label) in zip(originals, originalLabels) {
            labels.append(label)
            guard copy > 0 else {
                samples.append(sample)
                continue
            }
            var values = sample.values.map { $0 * Double.random(in: 0.9...1.1, using: &generator) }
            let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            values = values.map { $0 / norm }
            samples.append(SparseVector(indices: sample.indices, values: values) ?? sample)
        }
    }
    try writeLibSVM(samples, labels: labels, to: out)
    let nonzeros = samples.reduce(0) { $0 + $1.nonzeroCount }
    print("messages=\(samples.count) malicious=\(labels.filter { $0 }.count) features=\(dictionary.count) nonzeros=\(nonzeros)")
}

/// Writes `samples` in the libsvm format, with +1 for malicious and -1 for not malicious.
func writeLibSVM(_ samples: [SparseVector], labels: [Bool], to path: String) throws {
    var text = ""
    text.reserveCapacity(samples.count * 400)
    for (sample, label) in zip(samples, labels) {
        text += label ? "+1" : "-1"
        for (index, value) in zip(sample.indices, sample.values) {
            text += " \(index + 1):\(value)"
        }
        text += "\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

/// A failure of the benchmark tool, printed and ending it with status 1.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

let words = Array(CommandLine.arguments.dropFirst())
do {
    switch (words.first, words.count) {
    case ("export", 3), ("export", 4):
        guard let copies = words.count == 4 ? Int(words[3]) : 1, copies >= 1 else {
            throw BenchError("COPIES must be a whole number of at least 1, not '\(words[3])'")
        }
        try export(stream: words[1], to: words[2], copies: copies)
    default:
        throw BenchError("usage: lantern-bench-mail export STREAM OUT [COPIES]")
    }
} catch {
    FileHandle.standardError.write(Data("lantern-bench-mail: \(error)\n".utf8))
    exit(1)
}
