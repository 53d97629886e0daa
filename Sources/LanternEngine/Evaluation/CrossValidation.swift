/// Stratified k-fold cross-validation and grid search over SVM costs (and RBF gamma).
///
/// Each cell of the grid is scored on the confusion counts pooled over all folds, not on the
/// mean of per-fold scores. With a few hundred positives a fold's F1 is noisy, and it is
/// undefined when the fold predicts no positive. Folds are drawn once per search from the seed,
/// so every cell sees the same split and the same seed gives the same result.
///
/// The linear search warm-starts each fold's model from the previous, smaller cost
/// (`LinearSVM.updateCosts`), which is what makes a grid on 20,000 rows take seconds.
/// The kernel search retrains every cell, so callers subsample to a few thousand rows.
public enum CrossValidation {
    /// One grid cell: the parameters tried and how they scored.
    public struct Cell: Sendable, Equatable {
        /// The cost `C` of negative samples; positive samples get `cost × positiveWeight`.
        public var cost: Double
        /// The RBF gamma, or `nil` for the linear search.
        public var gamma: Double?
        /// Confusion counts pooled over the folds' held-out rows.
        public var metrics: BinaryMetrics
        /// The caller's score of `metrics`.
        public var score: Double
        /// Whether every fold's solver converged; a false cell's score may be understated.
        public var converged: Bool
    }

    /// The result of a grid search.
    public struct SearchResult: Sendable, Equatable {
        /// The cell with the highest score. Ties go to the higher balanced accuracy, then to the
        /// earlier cell (smaller gamma, then smaller cost), which generalises better.
        public var best: Cell
        /// Every cell, by increasing gamma then increasing cost.
        public var cells: [Cell]
    }

    /// Returns the fold (in `0..<foldCount`) of each row, with each class spread evenly.
    ///
    /// Each class is shuffled with the seed and dealt round-robin, the negatives continuing
    /// where the positives stopped, so fold sizes differ by at most one.
    /// - Complexity: O(*n*).
    public static func stratifiedFolds(labels: [Bool], foldCount: Int, seed: UInt64) -> [Int] {
        precondition(foldCount >= 2, "cross-validation needs at least two folds")
        var generator = SeededGenerator(seed: seed)
        var positives = labels.indices.filter { labels[$0] }
        var negatives = labels.indices.filter { !labels[$0] }
        positives.shuffle(using: &generator)
        negatives.shuffle(using: &generator)

        var folds = [Int](repeating: 0, count: labels.count)
        for (position, row) in (positives + negatives).enumerated() {
            folds[row] = position % foldCount
        }
        return folds
    }

    /// Grid-searches the cost of a `LinearSVM` by stratified k-fold cross-validation.
    ///
    /// - Parameters:
    ///   - parameters: everything but the costs (loss, bias, tolerance, seed).
    ///   - positiveWeight: the ratio `C+ / C−`, for example `n− / n+` for imbalanced labels.
    ///   - score: higher is better; the default is the positive class's F1.
    /// - Throws: `EngineError.nonFiniteFeature` for a NaN or infinite feature value.
    /// - Complexity: `foldCount` trainings with one warm-started update per further cost.
    public static func searchLinear(
        samples: [SparseVector], labels: [Bool], costs: [Double], parameters: LinearSVM.Parameters = .init(),
        positiveWeight: Double = 1, foldCount: Int = 5, seed: UInt64 = 1,
        score: (BinaryMetrics) -> Double = { $0.f1 }
    ) throws -> SearchResult {
        precondition(samples.count == labels.count, "one label per sample")
        precondition(!costs.isEmpty && costs.allSatisfy { $0 > 0 }, "costs must be positive")
        let sortedCosts = costs.sorted()
        let folds = stratifiedFolds(labels: labels, foldCount: foldCount, seed: seed)
        var pooled = [BinaryMetrics](repeating: BinaryMetrics(), count: sortedCosts.count)
        var converged = [Bool](repeating: true, count: sortedCosts.count)

        for fold in 0..<foldCount {
            let split = Split(folds: folds, fold: fold)
            var foldParameters = parameters
            foldParameters.negativeCost = sortedCosts[0]
            foldParameters.positiveCost = sortedCosts[0] * positiveWeight
            var model = try LinearSVM(
                samples: split.training.map { samples[$0] }, labels: split.training.map { labels[$0] },
                parameters: foldParameters)
            for (position, cost) in sortedCosts.enumerated() {
                let report = position == 0
                    ? model.lastReport : model.updateCosts(positive: cost * positiveWeight, negative: cost)
                converged[position] = converged[position] && report.converged
                pooled[position] = pooled[position]
                    + evaluate(split.held, samples: samples, labels: labels) { model.decisionValue($0) }
            }
        }
        let cells = sortedCosts.indices.map { position in
            Cell(
                cost: sortedCosts[position], gamma: nil, metrics: pooled[position],
                score: score(pooled[position]), converged: converged[position])
        }
        return SearchResult(best: bestCell(of: cells), cells: cells)
    }

    /// Grid-searches cost and gamma of an RBF `KernelSVM` by stratified k-fold cross-validation.
    ///
    /// - Parameters: as `searchLinear`, with `parameters.kernel` replaced by `.rbf(gamma:)`.
    /// - Throws: `EngineError.nonFiniteFeature` for a NaN or infinite feature value.
    /// - Complexity: one training per cell and fold, each O(*n*²) kernel evaluations at worst.
    public static func searchKernel(
        samples: [SparseVector], labels: [Bool], costs: [Double], gammas: [Double],
        parameters: KernelSVM.Parameters = .init(kernel: .rbf(gamma: 1)), positiveWeight: Double = 1,
        foldCount: Int = 5, seed: UInt64 = 1, score: (BinaryMetrics) -> Double = { $0.f1 }
    ) throws -> SearchResult {
        precondition(samples.count == labels.count, "one label per sample")
        precondition(!costs.isEmpty && costs.allSatisfy { $0 > 0 }, "costs must be positive")
        precondition(!gammas.isEmpty && gammas.allSatisfy { $0 > 0 }, "gammas must be positive")
        let folds = stratifiedFolds(labels: labels, foldCount: foldCount, seed: seed)
        var cells: [Cell] = []
        for gamma in gammas.sorted() {
            for cost in costs.sorted() {
                var cellParameters = parameters
                cellParameters.kernel = .rbf(gamma: gamma)
                cellParameters.negativeCost = cost
                cellParameters.positiveCost = cost * positiveWeight
                var metrics = BinaryMetrics()
                var converged = true
                for fold in 0..<foldCount {
                    let split = Split(folds: folds, fold: fold)
                    let model = try KernelSVM(
                        samples: split.training.map { samples[$0] }, labels: split.training.map { labels[$0] },
                        parameters: cellParameters)
                    converged = converged && model.lastReport.converged
                    metrics = metrics + evaluate(split.held, samples: samples, labels: labels) { model.decisionValue($0) }
                }
                cells.append(Cell(cost: cost, gamma: gamma, metrics: metrics, score: score(metrics), converged: converged))
            }
        }
        return SearchResult(best: bestCell(of: cells), cells: cells)
    }

    /// Training and held-out rows of one fold.
    private struct Split {
        var training: [Int] = []
        var held: [Int] = []

        init(folds: [Int], fold: Int) {
            for (row, rowFold) in folds.enumerated() {
                if rowFold == fold { held.append(row) } else { training.append(row) }
            }
        }
    }

    private static func evaluate(
        _ rows: [Int], samples: [SparseVector], labels: [Bool], decision: (SparseVector) -> Double
    ) -> BinaryMetrics {
        var metrics = BinaryMetrics()
        for row in rows {
            metrics.record(predicted: decision(samples[row]) > 0, actual: labels[row])
        }
        return metrics
    }

    /// Returns the first cell with the highest score, ties broken by balanced accuracy. Cells
    /// come in increasing gamma and cost, so an exact tie keeps the earlier cell.
    private static func bestCell(of cells: [Cell]) -> Cell {
        var best = cells[0]
        for cell in cells.dropFirst() {
            let better = cell.score > best.score
                || (cell.score == best.score && cell.metrics.balancedAccuracy > best.metrics.balancedAccuracy)
            if better { best = cell }
        }
        return best
    }
}
