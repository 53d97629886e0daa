extension L1LinearSVM {
    /// One feature's column: the samples where it is non-zero and its values there.
    struct Column {
        var rows: [Int32] = []
        var values: [Double] = []
    }

    /// Trains on `samples` with `labels` (true marks the positive class), starting from the
    /// current weights; features past the current weights start at 0.
    /// - Throws: `EngineError.nonFiniteFeature` when a sample contains NaN or infinity.
    /// - Complexity: O(*p* · (nnz + *d*) · *t*) for *p* passes and *t* line-search trials,
    ///   usually one.
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

        // The bias is the last column, so the loop treats it as any other feature.
        var columns = [Column](repeating: Column(), count: dimension + 1)
        for (row, sample) in samples.enumerated() {
            for (index, value) in zip(sample.indices, sample.values) {
                columns[Int(index)].rows.append(Int32(row))
                columns[Int(index)].values.append(value)
            }
            if parameters.bias != 0 {
                columns[dimension].rows.append(Int32(row))
                columns[dimension].values.append(parameters.bias)
            }
        }
        var w = weights + [biasWeight]
        let signs = labels.map { $0 ? 1.0 : -1.0 }
        let costs = labels.map { cost($0) }
        // slack[i] = 1 − y_i wᵀx_i, kept current after every coordinate step.
        var slack = [Double](repeating: 1, count: samples.count)
        for (j, column) in columns.enumerated() where w[j] != 0 {
            for (row, value) in zip(column.rows, column.values) { slack[Int(row)] -= signs[Int(row)] * w[j] * value }
        }

        let initialNorm = zeroWeightViolation(columns: columns, signs: signs, costs: costs)
        var report = TrainingReport(iterations: 0, converged: false)
        while report.iterations < parameters.maxIterations {
            var violationNorm = 0.0
            for j in columns.indices where !columns[j].rows.isEmpty {
                violationNorm += step(
                    coordinate: j, column: columns[j], w: &w, slack: &slack, signs: signs, costs: costs)
            }
            report.iterations += 1
            if violationNorm <= parameters.tolerance * initialNorm {
                report.converged = true
                break
            }
        }
        biasWeight = w[dimension]
        weights = Array(w[0..<dimension])
        lastReport = report
    }

    /// Returns the minimum-norm subgradient's 1-norm at `w = 0`, the scale of the stopping rule.
    ///
    /// LIBLINEAR measures it at the first pass instead; measuring it at zero keeps the rule the
    /// same for a warm start, whose first pass is already near the optimum.
    private func zeroWeightViolation(columns: [Column], signs: [Double], costs: [Double]) -> Double {
        var total = 0.0
        for column in columns {
            var gradient = 0.0
            for (row, value) in zip(column.rows, column.values) {
                gradient -= 2 * costs[Int(row)] * signs[Int(row)] * value
            }
            total += max(0, abs(gradient) - 1)
        }
        return total
    }

    /// Takes one CDN step on coordinate `j` and returns the size of its minimum-norm subgradient
    /// before the step, the quantity the stopping rule sums.
    private func step(
        coordinate j: Int, column: Column, w: inout [Double], slack: inout [Double], signs: [Double], costs: [Double]
    ) -> Double {
        // First and second derivative of the loss term along coordinate j (the second is the
        // generalised one, since the squared hinge is once differentiable).
        var gradient = 0.0
        var hessian = 0.0
        for (row, value) in zip(column.rows, column.values) {
            let i = Int(row)
            guard slack[i] > 0 else { continue }
            gradient -= 2 * costs[i] * signs[i] * value * slack[i]
            hessian += 2 * costs[i] * value * value
        }
        hessian = max(hessian, 1e-12)

        let plus = gradient + 1
        let minus = gradient - 1
        let violation: Double
        if w[j] > 0 {
            violation = abs(plus)
        } else if w[j] < 0 {
            violation = abs(minus)
        } else {
            violation = max(0, plus < 0 ? -plus : 0, minus > 0 ? minus : 0)
        }

        // Newton direction of the one-dimensional model g·d + ½h·d² + |w_j + d|.
        let d: Double
        if plus <= hessian * w[j] {
            d = -plus / hessian
        } else if minus >= hessian * w[j] {
            d = -minus / hessian
        } else {
            d = -w[j]
        }
        guard abs(d) > 1e-12 else { return violation }

        // Armijo backtracking: accept step λd when the exact objective change is at most
        // σλ(g·d + |w_j + d| − |w_j|), with σ = 0.01 and halving λ, as the paper does.
        let predicted = gradient * d + abs(w[j] + d) - abs(w[j])
        var lambda = 1.0
        for _ in 0..<20 {
            let change = lambda * d
            var lossChange = 0.0
            for (row, value) in zip(column.rows, column.values) {
                let i = Int(row)
                let before = max(0, slack[i])
                let after = max(0, slack[i] - signs[i] * change * value)
                lossChange += costs[i] * (after * after - before * before)
            }
            let total = abs(w[j] + change) - abs(w[j]) + lossChange
            if total <= 0.01 * lambda * predicted {
                w[j] += change
                for (row, value) in zip(column.rows, column.values) {
                    slack[Int(row)] -= signs[Int(row)] * change * value
                }
                break
            }
            lambda /= 2
        }
        return violation
    }
}
