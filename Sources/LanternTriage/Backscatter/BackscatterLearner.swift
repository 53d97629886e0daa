import LanternDarknet
import LanternEngine
import LanternStore

/// The backscatter SVM with its training set in memory, so an analyst label updates it by a
/// warm start from the current solution instead of a retrain.
///
/// Training rows are the mechanically labelled windows (a capped, class-stratified subsample)
/// plus every analyst label, each repeated `analystWeight` times. An analyst label on a window that
/// also has a mechanical label replaces it. While the labels hold one class only there is no
/// boundary to learn: the learner stays inactive and the packet-type rule scores.
public final class BackscatterLearner {
    public let settings: BackscatterSettings
    public private(set) var state: BackscatterModelState
    private var svm: BackscatterSolver?
    private let transform: FeatureTransform
    /// Analyst-labelled window keys and the positions of their rows in the SVM.
    private var analystRows: [String: (label: Bool, rows: [Int])] = [:]
    private var counts = TrainingCounts()
    private var mechanicalRows: [(features: [Double], label: Bool)] = []

    /// Fits the transform on `windows`, picks the cost by cross-validation on the mechanical
    /// labels and trains on them plus `labels`.
    /// - Complexity: O(n d) for the transform plus the solver on at most
    ///   `2 * mechanicalCapPerClass + analystWeight * labels.count` rows per grid cell and fold.
    public init(windows: [StoredWindow], labels: [StoredLabel], settings: BackscatterSettings = BackscatterSettings()) {
        self.settings = settings
        let transform = FeatureTransform(fitting: windows.map(\.features), indices: settings.featureIndices, logScaled: WindowFeatures.logScaled)
        self.transform = transform
        let labelled = Dictionary(labels.map { (BackscatterLearner.key($0.source, $0.windowStart), $0) }, uniquingKeysWith: { $1 })
        var counts = TrainingCounts()
        counts.mechanicalAvailable = windows.lazy.filter { $0.mechanicalLabel != nil }.count
        let mechanicalRows = BackscatterLearner.mechanicalSample(windows, excluding: labelled, cap: settings.mechanicalCapPerClass, seed: settings.seed)
            .map { (features: transform.apply($0.features), label: $0.mechanicalLabel == .backscatter) }
        counts.mechanicalBackscatter = mechanicalRows.lazy.filter { $0.label }.count
        counts.mechanicalNotBackscatter = mechanicalRows.count - counts.mechanicalBackscatter
        self.mechanicalRows = mechanicalRows
        self.counts = counts

        var analyst = [(key: String, features: [Double], label: Bool)]()
        let byKey = Dictionary(windows.map { (BackscatterLearner.key($0.source, $0.windowStart), $0) }, uniquingKeysWith: { first, _ in first })
        for (key, label) in labelled {
            guard let window = byKey[key] else { continue }
            analyst.append((key, transform.apply(window.features), label.label == AnalystLabel.backscatter.rawValue))
        }
        state = BackscatterModelState(
            active: false, settings: settings, transform: transform, weights: [], intercept: 0, cost: 1, costScores: [],
            backscatterMean: [], notBackscatterMean: [], trainedOn: counts, hitIterationLimit: false)
        train(analyst: analyst.sorted { $0.key < $1.key })
    }

    static func key(_ source: String, _ windowStart: Double) -> String { "\(source)|\(windowStart)" }

    /// Decision value of a window: the SVM's when active, else the packet-type rule's.
    public func score(_ window: StoredWindow) -> Double {
        state.active ? state.decisionValue(window.features) : PacketTypeRule.score(window)
    }

    /// Adds (or changes) the analyst label of a window and updates the model from its current
    /// solution. Returns false when the update hit the iteration limit.
    @discardableResult
    public func update(window: StoredWindow, label: AnalystLabel) -> Bool {
        let key = BackscatterLearner.key(window.source, window.windowStart)
        let positive = label == .backscatter
        removeAnalystRows(key)
        counts[analyst: positive] += 1
        let x = transform.apply(window.features)
        guard var model = svm else {
            // No model yet: this label may complete the second class.
            analystPending.append((key, x, positive))
            retrainIfPossible()
            return true
        }
        let first = model.sampleCount
        let converged = model.add(samples: Array(repeating: SparseVector(dense: x), count: settings.analystWeight),
                                  labels: Array(repeating: positive, count: settings.analystWeight))
        analystRows[key] = (positive, Array(first..<(first + settings.analystWeight)))
        svm = model
        refreshState(converged: converged)
        return converged
    }

    /// Adds analyst labels for several windows with one solver call, as the evaluation's rounds
    /// answer a batch at a time. Windows already labelled are relabelled.
    public func update(windows: [StoredWindow], labels: [AnalystLabel]) {
        guard svm != nil, windows.count > 1 else {
            for (window, label) in zip(windows, labels) { update(window: window, label: label) }
            return
        }
        var samples = [SparseVector](), positives = [Bool]()
        // Two windows can share a key (a window reopened by late packets); the later answer wins,
        // and each key's old rows are removed before any new row is added.
        var latest = [String: (StoredWindow, AnalystLabel)]()
        var order = [String]()
        for (window, label) in zip(windows, labels) {
            let key = BackscatterLearner.key(window.source, window.windowStart)
            if latest[key] == nil { order.append(key) }
            latest[key] = (window, label)
        }
        for key in order { removeAnalystRows(key) }
        for key in order {
            guard let (window, label) = latest[key] else { continue }
            let positive = label == .backscatter
            counts[analyst: positive] += 1
            let first = (svm?.sampleCount ?? 0) + samples.count
            samples += Array(repeating: SparseVector(dense: transform.apply(window.features)), count: settings.analystWeight)
            positives += Array(repeating: positive, count: settings.analystWeight)
            analystRows[key] = (positive, Array(first..<(first + settings.analystWeight)))
        }
        let converged = svm?.add(samples: samples, labels: positives) ?? false
        refreshState(converged: converged)
    }

    /// Withdraws the analyst label of a window and re-optimises.
    public func withdraw(window: StoredWindow) {
        let key = BackscatterLearner.key(window.source, window.windowStart)
        removeAnalystRows(key)
        analystPending.removeAll { $0.key == key }
        if svm != nil { refreshState(converged: svm?.converged ?? true) }
    }

    private var analystPending = [(key: String, features: [Double], label: Bool)]()

    private func removeAnalystRows(_ key: String) {
        if let pending = analystPending.firstIndex(where: { $0.key == key }) {
            counts[analyst: analystPending[pending].label] -= 1
            analystPending.remove(at: pending)
        }
        guard let existing = analystRows.removeValue(forKey: key), var model = svm else { return }
        counts[analyst: existing.label] -= 1
        model.remove(at: existing.rows)
        // Rows after the removed ones moved down; keep the recorded positions right.
        let removed = existing.rows.count, firstRemoved = existing.rows.min() ?? 0
        for (other, entry) in analystRows {
            analystRows[other] = (entry.label, entry.rows.map { $0 > firstRemoved ? $0 - removed : $0 })
        }
        svm = model
    }

    private func retrainIfPossible() {
        let analyst = analystPending
        analystPending = []
        train(analyst: analyst)
    }

    /// Cold training: cross-validated cost on the mechanical rows, then the full training set.
    private func train(analyst: [(key: String, features: [Double], label: Bool)]) {
        counts.analystBackscatter = analyst.lazy.filter(\.label).count
        counts.analystNotBackscatter = analyst.count - counts.analystBackscatter
        guard counts.hasBothClasses else {
            analystPending = analyst
            svm = nil
            state.active = false
            state.trainedOn = counts
            return
        }
        let choice = chooseModel()
        var rows = mechanicalRows
        if choice.kernel == .rbf { rows = BackscatterLearner.stratifiedPrefix(rows, cap: settings.rbfTrainingCap, seed: settings.seed) }
        counts.mechanicalBackscatter = rows.lazy.filter(\.label).count
        counts.mechanicalNotBackscatter = rows.count - counts.mechanicalBackscatter
        var samples = rows.map { SparseVector(dense: $0.features) }
        var labels = rows.map(\.label)
        analystRows = [:]
        for entry in analyst {
            let first = samples.count
            samples += Array(repeating: SparseVector(dense: entry.features), count: settings.analystWeight)
            labels += Array(repeating: entry.label, count: settings.analystWeight)
            analystRows[entry.key] = (entry.label, Array(first..<samples.count))
        }
        switch choice.kernel {
        case .linear:
            let parameters = LinearSVM.Parameters(seed: settings.seed).balanced(cost: choice.cost, labels: labels)
            svm = (try? LinearSVM(samples: samples, labels: labels, parameters: parameters)).map { .linear($0) }
        case .rbf:
            var parameters = KernelSVM.Parameters(kernel: .rbf(gamma: choice.gamma), cost: choice.cost)
            let positives = max(1, labels.lazy.filter { $0 }.count), negatives = max(1, labels.count - positives)
            parameters.positiveCost = choice.cost * Double(labels.count) / Double(2 * positives)
            parameters.negativeCost = choice.cost * Double(labels.count) / Double(2 * negatives)
            svm = (try? KernelSVM(samples: samples, labels: labels, parameters: parameters)).map { .rbf($0, gamma: choice.gamma) }
        }
        state.cost = choice.cost
        state.costScores = choice.scores
        refreshState(converged: svm?.converged ?? false)
    }

    /// Chooses kernel, cost and gamma by cross-validation on the mechanical rows; also returns
    /// the linear cost scores (in `costGrid` order) for the record.
    private func chooseModel() -> (kernel: BackscatterModelState.Kernel, cost: Double, gamma: Double, scores: [Double]) {
        let linearScores = chooseCost()
        let best = linearScores.enumerated().max { ($0.element, -$0.offset) < ($1.element, -$1.offset) }
        let linearCost = settings.costGrid[best?.offset ?? 0]
        let linear = (kernel: BackscatterModelState.Kernel.linear, cost: linearCost, gamma: 0.0, scores: linearScores)
        guard settings.kernel != .linear else { return linear }
        let rows = BackscatterLearner.stratifiedPrefix(mechanicalRows, cap: settings.rbfTrainingCap, seed: settings.seed)
        let labels = rows.map(\.label)
        let positives = labels.lazy.filter { $0 }.count
        guard positives > 0, positives < labels.count else { return linear }
        let dimension = Double(max(1, transform.indices.count))
        guard let result = try? CrossValidation.searchKernel(
            samples: rows.map { SparseVector(dense: $0.features) }, labels: labels, costs: settings.costGrid,
            gammas: settings.gammaGrid.map { $0 / dimension }, positiveWeight: Double(labels.count - positives) / Double(positives),
            foldCount: settings.folds, seed: settings.seed) else { return linear }
        let rbf = (kernel: BackscatterModelState.Kernel.rbf, cost: result.best.cost, gamma: result.best.gamma ?? 1 / dimension, scores: linearScores)
        if settings.kernel == .rbf { return rbf }
        return result.best.score > (best?.element ?? 0) + settings.rbfMargin ? rbf : linear
    }

    /// At most `cap` rows, classes in their original proportion, chosen by a seeded shuffle.
    static func stratifiedPrefix(_ rows: [(features: [Double], label: Bool)], cap: Int, seed: UInt64) -> [(features: [Double], label: Bool)] {
        guard rows.count > cap else { return rows }
        var generator = SeededGenerator(seed: seed)
        var result = [(features: [Double], label: Bool)]()
        for value in [true, false] {
            var members = rows.filter { $0.label == value }
            members.shuffle(using: &generator)
            result += members.prefix(max(1, members.count * cap / rows.count))
        }
        return result
    }

    /// Cross-validated F1 of each cost in `settings.costGrid` on the mechanical rows; all zero
    /// when a class is missing there.
    private func chooseCost() -> [Double] {
        let labels = mechanicalRows.map(\.label)
        let positives = labels.lazy.filter { $0 }.count
        guard positives > 0, positives < labels.count else { return settings.costGrid.map { _ in 0 } }
        let result = try? CrossValidation.searchLinear(
            samples: mechanicalRows.map { SparseVector(dense: $0.features) }, labels: labels, costs: settings.costGrid,
            parameters: LinearSVM.Parameters(seed: settings.seed),
            positiveWeight: Double(labels.count - positives) / Double(positives), foldCount: settings.folds, seed: settings.seed)
        let byCost = Dictionary((result?.cells ?? []).map { ($0.cost, $0.score) }, uniquingKeysWith: { first, _ in first })
        return settings.costGrid.map { byCost[$0] ?? 0 }
    }

    private func refreshState(converged: Bool) {
        guard let model = svm else { return }
        state.active = true
        model.export(into: &state, dimension: transform.indices.count)
        state.hitIterationLimit = !converged
        state.trainedOn = counts
        let dimension = transform.indices.count
        var sums = [true: [Double](repeating: 0, count: dimension), false: [Double](repeating: 0, count: dimension)]
        var totals = [true: 0, false: 0]
        let labels = model.labels
        for index in 0..<model.sampleCount {
            let row = model.sample(at: index).dense(dimension: dimension)
            for i in 0..<dimension { sums[labels[index]]?[i] += row[i] }
            totals[labels[index], default: 0] += 1
        }
        state.backscatterMean = (sums[true] ?? []).map { $0 / Double(max(totals[true] ?? 1, 1)) }
        state.notBackscatterMean = (sums[false] ?? []).map { $0 / Double(max(totals[false] ?? 1, 1)) }
    }

    /// Draws a deterministic, class-stratified subsample of the mechanically labelled windows,
    /// leaving out windows the analyst has labelled.
    static func mechanicalSample(_ windows: [StoredWindow], excluding labelled: [String: StoredLabel], cap: Int, seed: UInt64) -> [StoredWindow] {
        var result = [StoredWindow]()
        for label in [MechanicalLabel.backscatter, .notBackscatter] {
            var pool = windows.filter { $0.mechanicalLabel == label && labelled[key($0.source, $0.windowStart)] == nil }
            var generator = SeededGenerator(seed: seed)
            pool.shuffle(using: &generator)
            result += pool.prefix(cap)
        }
        return result
    }
}

extension TrainingCounts {
    subscript(analyst positive: Bool) -> Int {
        get { positive ? analystBackscatter : analystNotBackscatter }
        set { if positive { analystBackscatter = newValue } else { analystNotBackscatter = newValue } }
    }
}
