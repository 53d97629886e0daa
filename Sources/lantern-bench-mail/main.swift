import Foundation
import LanternEngine
import LanternMail
import LanternTriage

// Measures the mail models against LIBLINEAR and LIBSVM on one libsvm-format file.
// `scripts/bench-mail` runs the reference tools and this program; docs/benchmarks.md explains
// the measures. Every timed command prints one line of `name=value` pairs for the script.
//
//   lantern-bench-mail export STREAM OUT [COPIES]  write the stream's vectors, COPIES times
//   lantern-bench-mail l2 DATA [MODEL]             LinearSVM vs LIBLINEAR -s 1 -B 1 (C = 1)
//   lantern-bench-mail l1 DATA [MODEL]             L1LinearSVM vs LIBLINEAR -s 5 -B 1 (C = 1)
//   lantern-bench-mail oneclass DATA NU GAMMA [MODEL]  OneClassSVM vs LIBSVM -s 2 -t 2
//   lantern-bench-mail update DATA WINDOW UPDATES  one label added to a WINDOW-sample LinearSVM

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func relative(_ ours: Double, _ reference: Double) -> Double {
    abs(ours - reference) / max(abs(reference), 1e-12)
}

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
    try LibSVMFile.write(samples, labels: labels, to: out)
    let nonzeros = samples.reduce(0) { $0 + $1.nonzeroCount }
    print("messages=\(samples.count) malicious=\(labels.filter { $0 }.count) features=\(dictionary.count) nonzeros=\(nonzeros)")
}

func runL2(data: String, model: String?) throws {
    var loaded: (samples: [SparseVector], labels: [Bool]) = ([], [])
    let readSeconds = try seconds { loaded = try LibSVMFile.read(data) }
    var svm = LinearSVM()
    let trainSeconds = try seconds { svm = try LinearSVM(samples: loaded.samples, labels: loaded.labels) }
    let ours = Objectives.l2SquaredHinge(weights: svm.weights, bias: svm.intercept, cost: 1, samples: loaded.samples, labels: loaded.labels)
    var line = "read=\(readSeconds) train=\(trainSeconds) objective=\(ours) iterations=\(svm.lastReport.iterations) converged=\(svm.lastReport.converged)"
    if let model {
        let reference = try ReferenceModels.liblinear(model)
        let theirs = Objectives.l2SquaredHinge(weights: reference.weights, bias: reference.bias, cost: 1,
                                               samples: loaded.samples, labels: loaded.labels)
        line += " reference_objective=\(theirs) relative_difference=\(relative(ours, theirs))"
    }
    print(line)
}

func runL1(data: String, model: String?) throws {
    var loaded: (samples: [SparseVector], labels: [Bool]) = ([], [])
    let readSeconds = try seconds { loaded = try LibSVMFile.read(data) }
    var svm = L1LinearSVM()
    let trainSeconds = try seconds { try svm.train(samples: loaded.samples, labels: loaded.labels) }
    let ours = Objectives.l1SquaredHinge(weights: svm.weights, bias: svm.intercept, cost: 1, samples: loaded.samples, labels: loaded.labels)
    var line = "read=\(readSeconds) train=\(trainSeconds) objective=\(ours) iterations=\(svm.lastReport.iterations) "
        + "converged=\(svm.lastReport.converged) selected=\(svm.selectedFeatures.count)"
    if let model {
        let reference = try ReferenceModels.liblinear(model)
        let theirs = Objectives.l1SquaredHinge(weights: reference.weights, bias: reference.bias, cost: 1,
                                               samples: loaded.samples, labels: loaded.labels)
        line += " reference_objective=\(theirs) relative_difference=\(relative(ours, theirs))"
            + " reference_selected=\(reference.weights.filter { $0 != 0 }.count)"
    }
    print(line)
}

func runOneClass(data: String, nu: Double, gamma: Double, model: String?) throws {
    var loaded: (samples: [SparseVector], labels: [Bool]) = ([], [])
    let readSeconds = try seconds { loaded = try LibSVMFile.read(data) }
    var svm: OneClassSVM?
    let parameters = OneClassSVM.Parameters(kernel: .rbf(gamma: gamma), nu: nu)
    let trainSeconds = try seconds { svm = try OneClassSVM(samples: loaded.samples, parameters: parameters) }
    guard let svm else { throw BenchError("one-class training produced no model") }
    let support = svm.dualCoefficients.indices.filter { svm.dualCoefficients[$0] > 0 }
    let ours = Objectives.oneClassDual(coefficients: support.map { svm.dualCoefficients[$0] },
                                       vectors: support.map { loaded.samples[$0] }, gamma: gamma)
    var line = "read=\(readSeconds) train=\(trainSeconds) objective=\(ours) support_vectors=\(support.count) "
        + "iterations=\(svm.report.iterations) converged=\(svm.report.converged)"
    if let model {
        let reference = try ReferenceModels.libsvmOneClass(model)
        let theirs = Objectives.oneClassDual(coefficients: reference.coefficients, vectors: reference.vectors, gamma: gamma)
        line += " reference_objective=\(theirs) relative_difference=\(relative(ours, theirs)) reference_support_vectors=\(reference.vectors.count)"
    }
    print(line)
}

/// Trains on the first `window` samples, then adds each of the next `updates` samples as a new
/// label and drops the oldest, timing each add-and-drop: the verdict model's work per label.
func runUpdate(data: String, window: Int, updates: Int) throws {
    let loaded = try LibSVMFile.read(data)
    guard loaded.samples.count >= window + updates else {
        throw BenchError("\(data) has \(loaded.samples.count) samples; the window and updates need \(window + updates)")
    }
    var svm = try LinearSVM(samples: Array(loaded.samples[0..<window]), labels: Array(loaded.labels[0..<window]))
    var addTimes: [Double] = []
    var removeTimes: [Double] = []
    var passes: [Int] = []
    var steps: [Int] = []
    for index in window..<(window + updates) {
        var report = svm.lastReport
        addTimes.append(try seconds { report = try svm.add(samples: [loaded.samples[index]], labels: [loaded.labels[index]]) })
        var removeReport = svm.lastReport
        removeTimes.append(seconds { removeReport = svm.removeOldest(1) })
        passes.append(report.iterations)
        steps.append(report.coordinateSteps + removeReport.coordinateSteps)
    }
    let supportVectors = svm.dualCoefficients.filter { $0 > 0 }.count
    let median = { (values: [Double]) in values.sorted()[values.count / 2] * 1000 }
    let totals = zip(addTimes, removeTimes).map { $0 + $1 }
    print("window=\(window) updates=\(updates) median_ms=\(median(totals)) max_ms=\((totals.max() ?? 0) * 1000) "
        + "add_median_ms=\(median(addTimes)) remove_median_ms=\(median(removeTimes)) median_passes=\(passes.sorted()[passes.count / 2]) "
        + "median_steps=\(steps.sorted()[steps.count / 2]) support_vectors=\(supportVectors)")
}

let words = Array(CommandLine.arguments.dropFirst())
do {
    switch (words.first, words.count) {
    case ("export", 3), ("export", 4):
        try export(stream: words[1], to: words[2], copies: words.count == 4 ? Int(words[3]) ?? 1 : 1)
    case ("l2", 2), ("l2", 3):
        try runL2(data: words[1], model: words.count == 3 ? words[2] : nil)
    case ("l1", 2), ("l1", 3):
        try runL1(data: words[1], model: words.count == 3 ? words[2] : nil)
    case ("oneclass", 4), ("oneclass", 5):
        guard let nu = Double(words[2]), let gamma = Double(words[3]) else { throw BenchError("NU and GAMMA must be numbers") }
        try runOneClass(data: words[1], nu: nu, gamma: gamma, model: words.count == 5 ? words[4] : nil)
    case ("update", 4):
        guard let window = Int(words[2]), let updates = Int(words[3]), updates > 0 else {
            throw BenchError("WINDOW and UPDATES must be whole numbers")
        }
        try runUpdate(data: words[1], window: window, updates: updates)
    default:
        throw BenchError("usage: lantern-bench-mail export STREAM OUT [COPIES] | l2 DATA [MODEL] | l1 DATA [MODEL] "
            + "| oneclass DATA NU GAMMA [MODEL] | update DATA WINDOW UPDATES")
    }
} catch {
    FileHandle.standardError.write(Data("lantern-bench-mail: \(error)\n".utf8))
    exit(1)
}
