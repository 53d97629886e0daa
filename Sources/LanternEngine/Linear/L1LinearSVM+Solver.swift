extension L1LinearSVM {
    /// The training set by feature, in compressed sparse column layout, with each value
    /// multiplied by its sample's `y_i √C_i`, so that the scaled slack `√C_i (1 − y_i wᵀx_i)`
    /// changes by `−d·value` when `w_j` changes by `d`. The bias feature is the last column.
    struct ColumnStore {
        /// Offset of each column's first entry; `columnStart[count]` ends the last column.
        var columnStart: [Int]
        var rows: [Int32]
        var values: [Double]

        var count: Int { columnStart.count - 1 }

        /// Builds the columns in two passes over the samples: count, then fill.
        /// - Complexity: O(nnz + *d*).
        init(samples: [SparseVector], scales: [Double], dimension: Int, bias: Double) {
            var lengths = [Int](repeating: 0, count: dimension + 2)
            for sample in samples {
                for index in sample.indices { lengths[Int(index) + 1] += 1 }
            }
            lengths[dimension + 1] = bias != 0 ? samples.count : 0
            for j in 0...dimension { lengths[j + 1] += lengths[j] }
            columnStart = lengths

            var next = lengths
            rows = [Int32](repeating: 0, count: lengths[dimension + 1])
            values = [Double](repeating: 0, count: lengths[dimension + 1])
            for (row, sample) in samples.enumerated() {
                for (index, value) in zip(sample.indices, sample.values) {
                    let position = next[Int(index)]
                    rows[position] = Int32(row)
                    values[position] = scales[row] * value
                    next[Int(index)] += 1
                }
                if bias != 0 {
                    rows[next[dimension]] = Int32(row)
                    values[next[dimension]] = scales[row] * bias
                    next[dimension] += 1
                }
            }
        }

        func range(_ j: Int) -> Range<Int> { columnStart[j]..<columnStart[j + 1] }
    }

    /// Trains on `samples` with `labels` (true marks the positive class), starting from the
    /// current weights; features past the current weights start at 0.
    ///
    /// A call that starts from `w = 0` measures the stopping rule's scale in its first pass,
    /// as LIBLINEAR does, and stores it per sample. A warm start uses that stored scale times
    /// its own sample count, because its first pass is already near the optimum and a scale
    /// taken there would demand far more reduction than a cold start. A warm start with other
    /// costs or bias than the stored scale's measures its own first pass instead.
    /// - Throws: `EngineError.nonFiniteFeature` when a sample contains NaN or infinity.
    /// - Complexity: O(nnz + *d*) to build the columns, plus O(nnz of the active features) per
    ///   pass. Line searches usually accept the first step without touching the samples.
    public mutating func train(samples: [SparseVector], labels: [Bool]) throws {
        precondition(samples.count == labels.count, "one label per sample")
        var dimension = weights.count
        for (position, sample) in samples.enumerated() {
            if let entry = sample.firstNonFiniteEntry() {
                throw EngineError.nonFiniteFeature(sample: position, feature: entry.feature, value: entry.value)
            }
            dimension = max(dimension, sample.minimumDimension)
        }
        weights += [Double](repeating: 0, count: dimension - weights.count)
        guard !samples.isEmpty else { return }

        let scales = labels.map { ($0 ? 1.0 : -1.0) * cost($0).squareRoot() }
        var descent = CoordinateDescent(
            columns: ColumnStore(samples: samples, scales: scales, dimension: dimension, bias: parameters.bias),
            scales: scales.map(abs), w: weights + [biasWeight])
        let coldStart = descent.w.allSatisfy { $0 == 0 }
        let problem = [parameters.positiveCost, parameters.negativeCost, parameters.bias]
        var scale: Double?
        if !coldStart, let stored = violationScale, stored.problem == problem {
            scale = stored.perSample * Double(samples.count)
        }
        // LIBLINEAR's `train` scales `-e` for its primal solvers by the smaller class's share,
        // max(min(positives, negatives), 1) / n, so the rule is tighter than `tolerance` alone.
        let positives = labels.lazy.filter { $0 }.count
        let smallerClass = max(min(positives, labels.count - positives), 1)
        let tolerance = parameters.tolerance * Double(smallerClass) / Double(labels.count)
        let outcome = descent.run(
            tolerance: tolerance, maxIterations: parameters.maxIterations, violationScale: scale)
        if scale == nil, outcome.firstPassViolation > 0 {
            violationScale = (problem, outcome.firstPassViolation / Double(samples.count))
        }
        biasWeight = descent.w[dimension]
        weights = Array(descent.w[0..<dimension])
        lastReport = outcome.report
    }
}

/// Primal coordinate descent with a Newton direction (CDN) for the L1-regularised squared
/// hinge loss, with shrinking.
///
/// Problem: `min_w ‖w‖₁ + Σ_i C_i max(0, b_i)²` with `b_i = 1 − y_i wᵀx_i`, over the columns of
/// the training set (bias included as a column). The solver works with the scaled slack
/// `u_i = √C_i b_i`, so the loss is `Σ max(0, u_i)²` and the inner loops read no costs.
/// Given: the columns scaled by `y_i √C_i`, the scales `√C_i` and a starting `w`.
/// Returns: the final `w` in `w`, the number of passes, whether the stopping rule held, and the
/// first pass's violation sum.
///
/// Each pass visits the active features in a random order. For feature `j` it takes the loss's
/// first and generalised second derivatives `g` and `h`, steps to the minimum of
/// `g·d + ½h·d² + |w_j + d|`, and backtracks by halves until the Armijo condition with σ = 0.01
/// holds. The stopping rule is the 1-norm of the minimum-norm subgradient over the pass,
/// at most `tolerance` times the scale. A feature at 0 whose derivative lies well inside
/// [−1, 1], by more than the previous pass's largest violation divided by the sample count,
/// leaves the active set. When the active set meets the rule, every feature is reactivated
/// and checked again, so `converged` refers to the full problem.
/// Source: Yuan, Chang, Hsieh, Lin, "A comparison of optimization methods and software for
/// large-scale L1-regularized linear classification", JMLR 11 (2010), section 4.1.1 and
/// appendix F; the shrinking, the stopping rule and the cheap line-search bound follow the
/// description there of LIBLINEAR's `solve_l1r_l2_svc`.
struct CoordinateDescent {
    let columns: L1LinearSVM.ColumnStore
    var w: [Double]
    /// `u_i = √C_i (1 − y_i wᵀx_i)`, kept current after every accepted step.
    var slack: [Double]
    /// `Σ_i C_i x_ij²` per feature. The squared hinge's second derivative is at most `2 C_i`,
    /// so `g·d + xSquared[j]·d²` bounds the loss change of a step `d` from above, and a step
    /// that meets the Armijo condition under that bound needs no pass over the column.
    let xSquared: [Double]
    let sampleCount: Int

    static let sigma = 0.01
    static let maxLineSearchSteps = 20

    init(columns: L1LinearSVM.ColumnStore, scales: [Double], w: [Double]) {
        self.columns = columns
        self.w = w
        sampleCount = scales.count
        slack = scales
        var xSquared = [Double](repeating: 0, count: columns.count)
        for j in 0..<columns.count {
            for k in columns.range(j) {
                slack[Int(columns.rows[k])] -= w[j] * columns.values[k]
                xSquared[j] += columns.values[k] * columns.values[k]
            }
        }
        self.xSquared = xSquared
    }

    struct Outcome {
        var report: L1LinearSVM.TrainingReport
        var firstPassViolation: Double
    }

    /// Runs passes until the stopping rule is met or `maxIterations` passes are spent. A nil
    /// `violationScale` takes the first pass's violation sum as the scale.
    mutating func run(tolerance: Double, maxIterations: Int, violationScale: Double?) -> Outcome {
        var generator = SeededGenerator(seed: 1)
        let featureCount = columns.count
        var order = Array(0..<featureCount)
        var activeCount = featureCount
        // Largest violation of the previous pass; ∞ disables shrinking.
        var previousMax = Double.infinity
        let sampleCount = Double(self.sampleCount)
        var scale = violationScale
        var outcome = Outcome(report: .init(iterations: 0, converged: false), firstPassViolation: 0)

        while outcome.report.iterations < maxIterations {
            for s in 0..<activeCount {
                let pick = s + Int(generator.next() % UInt64(activeCount - s))
                order.swapAt(s, pick)
            }
            var violationSum = 0.0
            var violationMax = 0.0
            let shrinkMargin = previousMax / sampleCount
            var s = 0
            while s < activeCount {
                let j = order[s]
                let derivatives = lossDerivatives(j)
                let violation = Self.violation(weight: w[j], gradient: derivatives.gradient)
                if w[j] == 0, abs(derivatives.gradient) < 1 - shrinkMargin {
                    activeCount -= 1
                    order.swapAt(s, activeCount)
                    continue
                }
                violationSum += violation
                violationMax = max(violationMax, violation)
                step(j, gradient: derivatives.gradient, hessian: derivatives.hessian)
                s += 1
            }
            outcome.report.iterations += 1
            if outcome.report.iterations == 1 {
                outcome.firstPassViolation = violationSum
                if scale == nil { scale = violationSum }
            }

            if violationSum <= tolerance * (scale ?? 0) {
                if activeCount == featureCount {
                    outcome.report.converged = true
                    break
                }
                activeCount = featureCount
                previousMax = .infinity
                continue
            }
            previousMax = violationMax
        }
        return outcome
    }

    /// Returns the size of the minimum-norm subgradient of `‖w‖₁ + loss` along one coordinate.
    static func violation(weight: Double, gradient: Double) -> Double {
        if weight > 0 { return abs(gradient + 1) }
        if weight < 0 { return abs(gradient - 1) }
        return max(0, abs(gradient) - 1)
    }

    /// Returns the loss's derivative along feature `j` and its generalised second derivative
    /// (the squared hinge is only once differentiable), floored at 1e-12 so a Newton step exists.
    func lossDerivatives(_ j: Int) -> (gradient: Double, hessian: Double) {
        var gradient = 0.0
        var hessian = 0.0
        columns.rows.withUnsafeBufferPointer { rows in
            columns.values.withUnsafeBufferPointer { values in
                slack.withUnsafeBufferPointer { slack in
                    for k in columns.range(j) {
                        let margin = slack[Int(rows[k])]
                        guard margin > 0 else { continue }
                        gradient -= values[k] * margin
                        hessian += values[k] * values[k]
                    }
                }
            }
        }
        return (2 * gradient, max(2 * hessian, 1e-12))
    }

    /// Takes one Newton step with Armijo backtracking on feature `j`. A step that fails
    /// `maxLineSearchSteps` halvings is dropped and the slack restored.
    mutating func step(_ j: Int, gradient: Double, hessian: Double) {
        let weight = w[j]
        // Minimiser of g·d + ½h·d² + |w_j + d|, by the sign of w_j + d.
        var d: Double
        if gradient + 1 <= hessian * weight {
            d = -(gradient + 1) / hessian
        } else if gradient - 1 >= hessian * weight {
            d = -(gradient - 1) / hessian
        } else {
            d = -weight
        }
        guard abs(d) > 1e-12 else { return }

        // The Armijo bound σ·(g·d + |w_j + d| − |w_j|) halves with d.
        var bound = Self.sigma * (gradient * d + abs(weight + d) - abs(weight))
        var applied = 0.0
        var lossBefore = 0.0
        for attempt in 0..<Self.maxLineSearchSteps {
            let normChange = abs(weight + d) - abs(weight)
            if normChange + gradient * d + xSquared[j] * d * d <= bound {
                shiftSlack(j, by: d - applied)
                w[j] = weight + d
                return
            }
            let losses = shiftSlackMeasuringLoss(j, by: d - applied, measuringBefore: attempt == 0)
            if attempt == 0 { lossBefore = losses.before }
            applied = d
            if normChange + losses.after - lossBefore <= bound {
                w[j] = weight + d
                return
            }
            d /= 2
            bound /= 2
        }
        shiftSlack(j, by: -applied)
    }

    /// Shifts the slack for a change of `d` in `w_j` and returns the loss `Σ max(0, u_i)²` over
    /// the column's samples after the shift. With `measuringBefore` it also returns the loss
    /// before the shift (0 otherwise), still in one pass over the column.
    mutating func shiftSlackMeasuringLoss(_ j: Int, by d: Double, measuringBefore: Bool) -> (before: Double, after: Double) {
        var before = 0.0
        var after = 0.0
        let range = columns.range(j)
        columns.rows.withUnsafeBufferPointer { rows in
            columns.values.withUnsafeBufferPointer { values in
                slack.withUnsafeMutableBufferPointer { slack in
                    for k in range {
                        let i = Int(rows[k])
                        let old = slack[i]
                        if measuringBefore, old > 0 { before += old * old }
                        let new = old - d * values[k]
                        slack[i] = new
                        if new > 0 { after += new * new }
                    }
                }
            }
        }
        return (before, after)
    }

    /// Updates the slack for a change of `d` in `w_j`.
    mutating func shiftSlack(_ j: Int, by d: Double) {
        guard d != 0 else { return }
        let range = columns.range(j)
        columns.rows.withUnsafeBufferPointer { rows in
            columns.values.withUnsafeBufferPointer { values in
                slack.withUnsafeMutableBufferPointer { slack in
                    for k in range { slack[Int(rows[k])] -= d * values[k] }
                }
            }
        }
    }
}
