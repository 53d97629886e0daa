extension LinearSVM {
    /// The weights at one moment and each sample's margin gradient there, from which
    /// `refine(touched:)` bounds the gradients at the current weights without visiting the samples.
    struct ScreeningReference: Sendable {
        var w: [Double]
        var biasWeight: Double
        /// `y_i (w_refᵀx_i + b_ref·bias) − 1` per stored sample, in storage order.
        var margins: [Double]

        /// Appends the margin gradient of stored sample `i`.
        /// - Complexity: O(*k*).
        mutating func append(row i: Int, of model: LinearSVM) {
            margins.append(margin(row: i, of: model))
        }

        func margin(row i: Int, of model: LinearSVM) -> Double {
            let dot = w.withUnsafeBufferPointer { model.store.dot(row: i, $0) }
            return model.signs[i] * (dot + biasWeight * model.parameters.bias) - 1
        }
    }

    /// Re-optimises after a small change: coordinate descent over the samples in `touched`, then
    /// a check of the other samples' optimality conditions.
    ///
    /// A sample's projected gradient must stay within the tolerance band around 0. Its gradient
    /// `G_i = y_i wᵀx̃_i − 1 + D_i alpha_i` moved since the reference weights by at most
    /// `‖w̃ − w̃_ref‖ · ‖x̃_i‖` (Cauchy–Schwarz, `x̃` with the bias feature) while `alpha_i` stayed
    /// fixed. Samples whose stored margin clears the band by that bound are optimal without
    /// being visited. The others are checked exactly, violators join the working set, and the
    /// descent continues. The result meets the same stopping rule as `solve()`.
    ///
    /// When the bound leaves more than a quarter of the samples to check, the reference is
    /// measured again at the current weights (one O(nnz) pass). When more than a quarter still
    /// violate, or `touched` is more than a quarter of the samples, the full solver runs.
    /// NOTE: the quarter is a judgement, not a measured optimum: past it a shrinking full pass
    /// costs about what the working set and the checks cost.
    /// - Complexity: O(*n* + *d*) per check, plus O(*k*) per coordinate step over the working
    ///   set; O(nnz) when the reference is measured again or the full solver runs.
    mutating func refine(touched: [Int]) -> TrainingReport {
        let count = sampleCount
        guard count > 0, touched.count * 4 <= count else { return solveFully() }

        var inWorkingSet = [Bool](repeating: false, count: count)
        var workingSet: [Int] = []
        for i in touched where !inWorkingSet[i] {
            inWorkingSet[i] = true
            workingSet.append(i)
        }

        var total = TrainingReport(iterations: 0, converged: false, violation: 0, coordinateSteps: 0)
        let maxIterations = parameters.maxIterations
        defer { parameters.maxIterations = maxIterations }
        while total.iterations < maxIterations {
            parameters.maxIterations = maxIterations - total.iterations
            let report = workingSet.isEmpty
                ? TrainingReport(iterations: 0, converged: true, violation: 0, coordinateSteps: 0)
                : solve(workingSet: workingSet)
            total.iterations += report.iterations
            total.coordinateSteps += report.coordinateSteps
            total.violation = report.violation
            guard report.converged else { return total }

            guard let violators = screen(inWorkingSet: inWorkingSet, report: report) else {
                return solveFully(after: total)
            }
            guard !violators.isEmpty else {
                total.converged = true
                return total
            }
            for i in violators {
                inWorkingSet[i] = true
                workingSet.append(i)
            }
        }
        return total
    }

    /// Returns the samples outside the working set whose projected gradient would widen the
    /// spread past the tolerance, or nil when too many need an exact check for the working set
    /// to pay off.
    private mutating func screen(inWorkingSet: [Bool], report: TrainingReport) -> [Int]? {
        if reference == nil { measureReference() }
        // The working set's spread counted 0, so its projected gradients lie within
        // [−spread, spread]. Another sample keeps the spread within the tolerance when its
        // projected gradient is at most `allowed` in size.
        let allowed = max(parameters.tolerance - report.violation, 0)
        for attempt in 0..<2 {
            guard let reference else { return nil }
            let distance = distance(from: reference)
            let biasSquared = parameters.bias * parameters.bias
            var candidates: [Int] = []
            for i in 0..<sampleCount where !inWorkingSet[i] {
                let bound = distance * (store.squaredNorms[i] + biasSquared).squareRoot()
                let gradient = reference.margins[i] + diagonal(i) * alpha[i]
                if alpha[i] == 0 {
                    if gradient - bound >= -allowed { continue }
                } else if alpha[i] == upperBound(i) {
                    if gradient + bound <= allowed { continue }
                } else if abs(gradient) + bound <= allowed {
                    continue
                }
                candidates.append(i)
            }
            if candidates.count * 4 > sampleCount {
                guard attempt == 0 else { return nil }
                measureReference()
                continue
            }
            return violators(among: candidates, allowed: allowed)
        }
        return nil
    }

    /// Returns the candidates whose exact projected gradient is larger than `allowed` in size.
    private func violators(among candidates: [Int], allowed: Double) -> [Int] {
        let bias = parameters.bias
        return w.withUnsafeBufferPointer { weights in
            candidates.filter { i in
                let gradient = signs[i] * (store.dot(row: i, weights) + biasWeight * bias) - 1 + diagonal(i) * alpha[i]
                var projected = gradient
                if alpha[i] == 0 {
                    projected = min(gradient, 0)
                } else if alpha[i] == upperBound(i) {
                    projected = max(gradient, 0)
                }
                return abs(projected) > allowed
            }
        }
    }

    /// Returns `‖w̃ − w̃_ref‖`, the bias feature's weight included.
    private func distance(from reference: ScreeningReference) -> Double {
        var sum = (biasWeight - reference.biasWeight) * (biasWeight - reference.biasWeight)
        for (current, old) in zip(w, reference.w) { sum += (current - old) * (current - old) }
        // Features added since the reference had weight 0 there.
        for current in w.dropFirst(reference.w.count) { sum += current * current }
        return sum.squareRoot()
    }

    /// Stores the current weights and every sample's margin gradient as the reference.
    /// - Complexity: O(nnz).
    mutating func measureReference() {
        var fresh = ScreeningReference(w: w, biasWeight: biasWeight, margins: [])
        fresh.margins.reserveCapacity(sampleCount)
        for i in 0..<sampleCount { fresh.append(row: i, of: self) }
        reference = fresh
    }

    /// Runs the full solver and drops the reference, whose margins the full solve outdates.
    private mutating func solveFully(after partial: TrainingReport? = nil) -> TrainingReport {
        var report = solve()
        reference = nil
        if let partial {
            report.iterations += partial.iterations
            report.coordinateSteps += partial.coordinateSteps
        }
        return report
    }

    private func upperBound(_ i: Int) -> Double { dualTerms(isPositive: signs[i] > 0).upperBound }

    private func diagonal(_ i: Int) -> Double { dualTerms(isPositive: signs[i] > 0).diagonal }
}
