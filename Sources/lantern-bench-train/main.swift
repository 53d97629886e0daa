import Glibc
import LanternEngine

// Trains the mail models as the reference tools do, and compares the solutions: the timed half
// of the mail benchmark. `scripts/bench-mail` runs the reference tools and this program on the
// files `lantern-bench-mail export` writes; docs/benchmarks.md explains the measures. Every
// command prints one line of `name=value` pairs for the script.
//
// The training commands read the data, train, and write the solution in the reference tool's
// model format, as the reference tools do, so that timing the two commands compares the same
// work. This program links only the engine and the C library, so that its start-up costs about
// what a C program's does. The `objective` command, which the script does not time, computes
// both tools' objectives the same way from the two model files.
//
//   lantern-bench-train l2 DATA OUT                  train LinearSVM as LIBLINEAR -s 1 -B 1 (C = 1)
//   lantern-bench-train l1 DATA OUT                  train L1LinearSVM as LIBLINEAR -s 5 -B 1 (C = 1)
//   lantern-bench-train oneclass DATA NU GAMMA OUT   train OneClassSVM as LIBSVM -s 2 -t 2
//   lantern-bench-train objective l2|l1 DATA OURS REFERENCE           compare two LIBLINEAR models
//   lantern-bench-train objective oneclass DATA GAMMA OURS REFERENCE  compare two LIBSVM models
//   lantern-bench-train update DATA WINDOW UPDATES   one label added to a WINDOW-sample LinearSVM

/// Returns the seconds that `body` takes on the monotonic clock.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    var start = timespec()
    var end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    try body()
    clock_gettime(CLOCK_MONOTONIC, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}

/// Returns `(ours − reference) / |reference|`: negative when ours is lower, which for these
/// minimisation objectives means closer to the optimum.
func relative(_ ours: Double, _ reference: Double) -> Double {
    (ours - reference) / max(abs(reference), 1e-12)
}

func runL2(data: String, out: String) throws {
    var loaded: (samples: [SparseVector], labels: [Bool]) = ([], [])
    let readSeconds = try seconds { loaded = try LibSVMFile.read(data) }
    var svm = LinearSVM()
    let trainSeconds = try seconds { svm = try LinearSVM(samples: loaded.samples, labels: loaded.labels) }
    try ReferenceModels.writeLiblinear(weights: svm.weights, bias: svm.intercept, solver: "L2R_L2LOSS_SVC_DUAL", to: out)
    print("read=\(readSeconds) train=\(trainSeconds) iterations=\(svm.lastReport.iterations) converged=\(svm.lastReport.converged)")
}

func runL1(data: String, out: String) throws {
    var loaded: (samples: [SparseVector], labels: [Bool]) = ([], [])
    let readSeconds = try seconds { loaded = try LibSVMFile.read(data) }
    var svm = L1LinearSVM()
    let trainSeconds = try seconds { try svm.train(samples: loaded.samples, labels: loaded.labels) }
    try ReferenceModels.writeLiblinear(weights: svm.weights, bias: svm.intercept, solver: "L1R_L2LOSS_SVC", to: out)
    print("read=\(readSeconds) train=\(trainSeconds) iterations=\(svm.lastReport.iterations) converged=\(svm.lastReport.converged)")
}

func runOneClass(data: String, nu: Double, gamma: Double, out: String) throws {
    var loaded: (samples: [SparseVector], labels: [Bool]) = ([], [])
    let readSeconds = try seconds { loaded = try LibSVMFile.read(data) }
    var svm: OneClassSVM?
    let parameters = OneClassSVM.Parameters(kernel: .rbf(gamma: gamma), nu: nu)
    let trainSeconds = try seconds { svm = try OneClassSVM(samples: loaded.samples, parameters: parameters) }
    guard let svm else { throw BenchError("one-class training produced no model") }
    let support = svm.dualCoefficients.indices.filter { svm.dualCoefficients[$0] > 0 }
    try ReferenceModels.writeLibsvmOneClass(
        coefficients: support.map { svm.dualCoefficients[$0] }, vectors: support.map { loaded.samples[$0] },
        gamma: gamma, rho: svm.rho, to: out)
    print("read=\(readSeconds) train=\(trainSeconds) iterations=\(svm.report.iterations) converged=\(svm.report.converged)")
}

/// Prints both objectives of a linear problem (`l2` or `l1`) from two LIBLINEAR model files,
/// and the features each selects.
func compareLinear(kind: String, data: String, ours: String, reference: String) throws {
    let loaded = try LibSVMFile.read(data)
    let objective = kind == "l2" ? Objectives.l2SquaredHinge : Objectives.l1SquaredHinge
    let models = (ours: try ReferenceModels.liblinear(ours), reference: try ReferenceModels.liblinear(reference))
    let value = objective(models.ours.weights, models.ours.bias, 1, loaded.samples, loaded.labels)
    let referenceValue = objective(models.reference.weights, models.reference.bias, 1, loaded.samples, loaded.labels)
    print("objective=\(value) reference_objective=\(referenceValue) relative_difference=\(relative(value, referenceValue)) "
        + "selected=\(models.ours.weights.filter { $0 != 0 }.count) "
        + "reference_selected=\(models.reference.weights.filter { $0 != 0 }.count)")
}

/// Prints both one-class dual objectives from two LIBSVM model files, and their support vectors.
func compareOneClass(gamma: Double, ours: String, reference: String) throws {
    let models = (ours: try ReferenceModels.libsvmOneClass(ours), reference: try ReferenceModels.libsvmOneClass(reference))
    let value = Objectives.oneClassDual(coefficients: models.ours.coefficients, vectors: models.ours.vectors, gamma: gamma)
    let referenceValue = Objectives.oneClassDual(
        coefficients: models.reference.coefficients, vectors: models.reference.vectors, gamma: gamma)
    print("objective=\(value) reference_objective=\(referenceValue) relative_difference=\(relative(value, referenceValue)) "
        + "support_vectors=\(models.ours.vectors.count) reference_support_vectors=\(models.reference.vectors.count)")
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
    case ("l2", 3):
        try runL2(data: words[1], out: words[2])
    case ("l1", 3):
        try runL1(data: words[1], out: words[2])
    case ("oneclass", 5):
        guard let nu = Double(words[2]), let gamma = Double(words[3]) else { throw BenchError("NU and GAMMA must be numbers") }
        try runOneClass(data: words[1], nu: nu, gamma: gamma, out: words[4])
    case ("objective", 5) where words[1] == "l2" || words[1] == "l1":
        try compareLinear(kind: words[1], data: words[2], ours: words[3], reference: words[4])
    case ("objective", 6) where words[1] == "oneclass":
        guard let gamma = Double(words[3]) else { throw BenchError("GAMMA must be a number, not '\(words[3])'") }
        try compareOneClass(gamma: gamma, ours: words[4], reference: words[5])
    case ("update", 4):
        guard let window = Int(words[2]), let updates = Int(words[3]), updates > 0 else {
            throw BenchError("WINDOW and UPDATES must be whole numbers")
        }
        try runUpdate(data: words[1], window: window, updates: updates)
    default:
        throw BenchError("usage: lantern-bench-train l2 DATA OUT | l1 DATA OUT | oneclass DATA NU GAMMA OUT "
            + "| objective l2|l1 DATA OURS REFERENCE | objective oneclass DATA GAMMA OURS REFERENCE "
            + "| update DATA WINDOW UPDATES")
    }
} catch {
    fputs("lantern-bench-train: \(error)\n", stderr)
    exit(1)
}
