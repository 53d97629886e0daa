extension LinearSVM {
    /// Appends labelled samples with dual variable 0 and continues coordinate descent from the
    /// current solution.
    ///
    /// A zero dual variable leaves `w` unchanged, so the old solution stays feasible and the
    /// solver only has to correct for the new samples: `refine(touched:)` optimises them with
    /// the free support vectors. Features past the current dimension get weight 0.
    /// - Throws: `EngineError.nonFiniteFeature` (naming the position in `samples`) before any
    ///   sample is added.
    /// - Complexity: O(*m* · k) to append *m* samples of *k* non-zeros, plus `refine`'s work.
    ///   Adding more than a quarter of the stored count runs the full solver instead.
    @discardableResult
    public mutating func add(samples: [SparseVector], labels: [Bool]) throws -> TrainingReport {
        precondition(samples.count == labels.count, "one label per sample")
        for (position, sample) in samples.enumerated() {
            if let entry = sample.firstNonFiniteEntry() {
                throw EngineError.nonFiniteFeature(sample: position, feature: entry.feature, value: entry.value)
            }
        }
        let first = sampleCount
        // Only a batch that at least doubles the store reserves: a reservation sizes the arrays
        // exactly, so reserving for small batches would undo the doubling growth of appends.
        if samples.count >= sampleCount {
            store.reserveCapacity(rows: samples.count, nonzeros: samples.reduce(0) { $0 + $1.nonzeroCount })
            signs.reserveCapacity(sampleCount + samples.count)
            alpha.reserveCapacity(sampleCount + samples.count)
        }
        for (sample, label) in zip(samples, labels) {
            store.append(sample)
            signs.append(label ? 1 : -1)
            alpha.append(0)
        }
        if w.count < store.dimension {
            w.append(contentsOf: repeatElement(0, count: store.dimension - w.count))
        }
        if var reference {
            self.reference = nil  // so the append below does not copy the margins
            for i in first..<sampleCount { reference.append(row: i, of: self) }
            self.reference = reference
        }
        lastReport = refine(touched: Array(first..<sampleCount))
        return lastReport
    }

    /// Removes the samples at `indices` (positions in insertion order) and re-optimises.
    ///
    /// This is the undo of `add`: once the remaining samples are re-optimised the objective is
    /// the one the model had before those samples were added (up to the tolerance).
    /// Each removed sample's share `alpha_i y_i x_i` is subtracted from `w`, which keeps
    /// `w = Σ alpha_i y_i x_i` over the rest. Later samples move down to fill the gaps.
    /// - Complexity: O(*k*) per removed sample for `w`, O(*n*) for the per-sample arrays, a
    ///   move of the stored rows after the first removed one (none for the oldest samples),
    ///   plus `refine`'s work.
    @discardableResult
    public mutating func remove(at indices: [Int]) -> TrainingReport {
        let doomed = Set(indices)
        precondition(doomed.allSatisfy { (0..<sampleCount).contains($0) }, "index out of range")
        guard !doomed.isEmpty else { return optimize() }
        w.withUnsafeMutableBufferPointer { weights in
            for i in doomed where alpha[i] != 0 {
                store.addScaled(row: i, scale: -alpha[i] * signs[i], to: weights)
                biasWeight -= alpha[i] * signs[i] * parameters.bias
            }
        }
        store.remove(rows: doomed)
        signs.removeAll(atPositions: doomed)
        alpha.removeAll(atPositions: doomed)
        reference?.margins.removeAll(atPositions: doomed)
        if sampleCount == 0 {
            // The empty sum is exactly 0; subtraction would leave rounding residue.
            w = [Double](repeating: 0, count: w.count)
            biasWeight = 0
        }
        lastReport = refine(touched: [])
        return lastReport
    }

    /// Removes the `count` oldest samples, for a training window that slides over time.
    /// - Complexity: as `remove(at:)`, with no move of stored rows.
    @discardableResult
    public mutating func removeOldest(_ count: Int) -> TrainingReport {
        remove(at: Array(0..<min(max(count, 0), sampleCount)))
    }

    /// Changes the label of the sample at `index` and re-optimises.
    ///
    /// The sample's dual variable is set to 0 first, with `w` adjusted, because the old value
    /// may violate the bounds under the new label's cost; 0 is feasible for either class.
    /// - Complexity: O(*k*) for the adjustment plus `refine`'s work.
    @discardableResult
    public mutating func relabel(at index: Int, to label: Bool) -> TrainingReport {
        precondition((0..<sampleCount).contains(index), "index out of range")
        guard (signs[index] > 0) != label else { return optimize() }
        let delta = -alpha[index] * signs[index]
        w.withUnsafeMutableBufferPointer { store.addScaled(row: index, scale: delta, to: $0) }
        biasWeight += delta * parameters.bias
        alpha[index] = 0
        signs[index] = label ? 1 : -1
        reference?.margins[index] *= -1
        reference?.margins[index] -= 2
        lastReport = refine(touched: [index])
        return lastReport
    }

    /// Changes the class costs and re-optimises from the current solution.
    ///
    /// Under hinge loss, dual variables above the new cost are clipped to it and `w` is rebuilt.
    /// Squared hinge has no upper bound, so its solution stays feasible. Raising the cost
    /// step by step this way is how a grid search over `C` warm-starts.
    /// - Complexity: O(nnz) plus the solver passes.
    @discardableResult
    public mutating func updateCosts(positive: Double, negative: Double) -> TrainingReport {
        precondition(positive > 0 && negative > 0, "costs must be positive")
        parameters.positiveCost = positive
        parameters.negativeCost = negative
        if parameters.loss == .hinge {
            for i in 0..<sampleCount {
                alpha[i] = min(alpha[i], dualTerms(isPositive: signs[i] > 0).upperBound)
            }
            rebuildWeights()
        }
        return optimize()
    }

    /// Continues the solver over all samples from the current solution, for example after
    /// raising `maxIterations` when the last report shows that the solver did not converge.
    @discardableResult
    public mutating func optimize(maxIterations: Int? = nil) -> TrainingReport {
        if let maxIterations {
            precondition(maxIterations > 0, "maxIterations must be positive")
            parameters.maxIterations = maxIterations
        }
        lastReport = solve()
        reference = nil
        return lastReport
    }

    /// Recomputes `w = Σ alpha_i y_i x_i` exactly, dropping rounding drift from many updates.
    mutating func rebuildWeights() {
        var weights = [Double](repeating: 0, count: store.dimension)
        var bias = 0.0
        weights.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<sampleCount where alpha[i] != 0 {
                store.addScaled(row: i, scale: alpha[i] * signs[i], to: buffer)
                bias += alpha[i] * signs[i] * parameters.bias
            }
        }
        w = weights
        biasWeight = bias
        reference = nil
    }
}

extension Array {
    /// Removes the elements at `positions`, keeping the order of the others.
    /// - Complexity: O(*n*).
    mutating func removeAll(atPositions positions: Set<Int>) {
        let sorted = positions.sorted()
        guard let first = sorted.first else { return }
        var write = first
        var next = 0
        for read in first..<count {
            if next < sorted.count, sorted[next] == read {
                next += 1
                continue
            }
            swapAt(write, read)
            write += 1
        }
        removeSubrange(write...)
    }
}
