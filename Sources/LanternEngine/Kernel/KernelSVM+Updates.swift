extension KernelSVM {
    /// Appends labelled samples with dual variable 0 and continues SMO from the current solution.
    ///
    /// alpha = 0 keeps `Σ y_i alpha_i = 0`, so the old solution stays feasible. The new
    /// samples' gradients `G_n = y_n Σ_j y_j alpha_j K(x_j, x_n) − 1` need the support vectors
    /// only.
    /// - Throws: `EngineError.nonFiniteFeature` (naming the position in `samples`) before any
    ///   sample is added.
    /// - Complexity: O(*m* · *s* · *k*) for *m* samples and *s* support vectors, plus the steps.
    @discardableResult
    public mutating func add(samples: [SparseVector], labels: [Bool]) throws -> TrainingReport {
        precondition(samples.count == labels.count, "one label per sample")
        for (position, sample) in samples.enumerated() {
            if let entry = sample.firstNonFiniteEntry() {
                throw EngineError.nonFiniteFeature(sample: position, feature: entry.feature, value: entry.value)
            }
        }
        for (sample, label) in zip(samples, labels) {
            let sign: Double = label ? 1 : -1
            gradient.append(sign * supportVectorSum(sample) - 1)
            matrix.append(sample)
            signs.append(sign)
            alpha.append(0)
        }
        return optimize()
    }

    /// Removes the samples at `indices` (positions in insertion order) and re-optimises.
    ///
    /// Dropping a support vector would break `Σ y_i alpha_i = 0`, so the dual variables of the
    /// opposite class are first scaled down by the removed amount, which is always possible
    /// because each class's dual variables sum to the same total. The gradient is then
    /// recomputed from the support vectors. Later samples move down to fill the gaps.
    /// - Complexity: O(*n* · *s*) kernel evaluations for the gradient, plus the steps.
    @discardableResult
    public mutating func remove(at indices: [Int]) -> TrainingReport {
        let doomed = Set(indices)
        precondition(doomed.allSatisfy { (0..<sampleCount).contains($0) }, "index out of range")
        releaseDualVariables(of: doomed)
        matrix.remove(doomed)
        signs = signs.indices.filter { !doomed.contains($0) }.map { signs[$0] }
        alpha = alpha.indices.filter { !doomed.contains($0) }.map { alpha[$0] }
        recomputeGradient()
        return optimize()
    }

    /// Removes the `count` oldest samples, for a training window that slides over time.
    @discardableResult
    public mutating func removeOldest(_ count: Int) -> TrainingReport {
        remove(at: Array(0..<min(max(count, 0), sampleCount)))
    }

    /// Changes the label of the sample at `index` and re-optimises.
    ///
    /// The sample's dual variable is released to 0 first (as in `remove(at:)`), because its
    /// old value counts with the wrong sign in `Σ y_i alpha_i` under the new label.
    /// - Complexity: as `remove(at:)`.
    @discardableResult
    public mutating func relabel(at index: Int, to label: Bool) -> TrainingReport {
        precondition((0..<sampleCount).contains(index), "index out of range")
        guard (signs[index] > 0) != label else { return optimize() }
        releaseDualVariables(of: [index])
        signs[index] = label ? 1 : -1
        recomputeGradient()
        return optimize()
    }

    /// Continues SMO from the current solution and recomputes the bias.
    @discardableResult
    public mutating func optimize() -> TrainingReport {
        let solver = self.solver
        var duals = alpha
        var gradients = gradient
        alpha = []
        gradient = []
        let outcome = solver.optimize(alpha: &duals, gradient: &gradients, matrix: &matrix)
        alpha = duals
        gradient = gradients
        rho = sampleCount > 0 ? solver.rho(alpha: alpha, gradient: gradient) : 0
        lastReport = TrainingReport(
            iterations: outcome.iterations, converged: outcome.converged, violation: outcome.violation)
        return lastReport
    }

    /// Returns `Σ_j y_j alpha_j K(x_j, x)` over the support vectors.
    func supportVectorSum(_ sample: SparseVector) -> Double {
        let squaredNorm = sample.squaredNorm
        var sum = 0.0
        for j in alpha.indices where alpha[j] > 0 {
            sum += signs[j] * alpha[j] * matrix.value(row: j, sample, squaredNormZ: squaredNorm)
        }
        return sum
    }

    /// Sets the dual variables of `released` to 0 and scales the opposite class's dual
    /// variables so that `Σ y_i alpha_i` stays 0 over the other samples.
    ///
    /// Leaves the gradient stale; callers recompute it.
    mutating func releaseDualVariables(of released: Set<Int>) {
        // Net signed amount leaving: Σ y_r alpha_r over the released samples.
        var imbalance = 0.0
        for r in released {
            imbalance += signs[r] * alpha[r]
            alpha[r] = 0
        }
        guard imbalance != 0 else { return }
        // The remaining samples now sum to −imbalance, so the class with sign −sign(imbalance)
        // has |imbalance| too much. Its total is at least |imbalance|, because both classes
        // summed to the same total before, so the scale factor lies in [0, 1].
        let excessSign: Double = imbalance > 0 ? -1 : 1
        var excessTotal = 0.0
        for i in alpha.indices where signs[i] == excessSign { excessTotal += alpha[i] }
        guard excessTotal > 0 else { return }
        let factor = max(0, 1 - abs(imbalance) / excessTotal)
        for i in alpha.indices where signs[i] == excessSign { alpha[i] *= factor }
    }

    /// Recomputes `G = Q alpha − e` from the support vectors' kernel rows.
    mutating func recomputeGradient() {
        var fresh = [Double](repeating: 0, count: sampleCount)
        for j in alpha.indices where alpha[j] > 0 {
            let row = matrix.row(j)
            let scale = signs[j] * alpha[j]
            for k in fresh.indices { fresh[k] += scale * row[k] }
        }
        gradient = fresh.indices.map { signs[$0] * fresh[$0] - 1 }
    }
}
