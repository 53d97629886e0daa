extension LinearSVM {
    /// Returns the diagonal term `D_i` and the upper bound `U_i` of a dual variable by class.
    ///
    /// Hinge loss: `D_i = 0`, `U_i = C_i`. Squared hinge: `D_i = 1/(2 C_i)`, `U_i = ∞`.
    func dualTerms(isPositive: Bool) -> (diagonal: Double, upperBound: Double) {
        let cost = isPositive ? parameters.positiveCost : parameters.negativeCost
        switch parameters.loss {
        case .hinge: return (0, cost)
        case .squaredHinge: return (0.5 / cost, .infinity)
        }
    }

    /// Runs dual coordinate descent from the current `alpha` until the projected gradient is
    /// within tolerance or `maxIterations` passes are spent.
    ///
    /// With `workingSet`, only those samples are visited and the others are held fixed. The
    /// spread then also counts 0, because a sample outside the set that meets its optimality
    /// condition has projected gradient 0, and `refine(touched:)` checks those samples.
    ///
    /// Problem (the dual of the primal in the type overview), with `Q̄ = Q + D`,
    /// `Q_ij = y_i y_j x_iᵀx_j` over bias-augmented samples:
    ///
    ///     min_alpha  f(alpha) = ½ alphaᵀ Q̄ alpha − eᵀalpha   subject to 0 ≤ alpha_i ≤ U_i.
    ///
    /// Each step minimises f exactly along one coordinate, `alpha_i ← clamp(alpha_i − G_i/Q̄_ii)`
    /// with `G_i = y_i wᵀx_i − 1 + D_ii alpha_i`, and keeps `w = Σ y_i alpha_i x_i` up to date
    /// in O(nnz of x_i). Samples are visited in a fresh random order every pass. Shrinking drops
    /// a variable at a bound whose gradient pushes it further out than last pass's extreme
    /// projected gradient. When the active set converges, all variables are reactivated and
    /// checked once more, so `converged` refers to the full problem.
    ///
    /// Given: `store`, `signs`, a feasible `alpha` and the matching `w`, `biasWeight`, and
    /// optionally the positions to optimise.
    /// Returns: a report; `alpha`, `w`, `biasWeight` and the generator are updated.
    /// Source: Hsieh, Chang, Lin, Keerthi, Sundararajan, "A dual coordinate descent method for
    /// large-scale linear SVM", ICML 2008, Algorithm 1 with the shrinking of section 3.2,
    /// as in LIBLINEAR's `solve_l2r_l1l2_svc`.
    /// - Complexity: O(*n*) plus O(nnz of the visited samples) per pass.
    mutating func solve(workingSet: [Int]? = nil) -> TrainingReport {
        let count = sampleCount
        guard count > 0 else { return TrainingReport(iterations: 0, converged: true, violation: 0, coordinateSteps: 0) }

        let positiveTerms = dualTerms(isPositive: true)
        let negativeTerms = dualTerms(isPositive: false)
        let biasSquared = parameters.bias * parameters.bias
        var quadratic = [Double](repeating: 0, count: count)
        for i in 0..<count {
            let terms = signs[i] > 0 ? positiveTerms : negativeTerms
            quadratic[i] = store.squaredNorms[i] + biasSquared + terms.diagonal
        }

        // Work on locals so the buffers can be borrowed while `store` is read.
        var weights = w
        w = []
        var duals = alpha
        alpha = []
        var state = DescentState(
            order: workingSet ?? Array(0..<count), countsZero: workingSet != nil, generator: generator,
            biasWeight: biasWeight)
        let report = weights.withUnsafeMutableBufferPointer { weightBuffer in
            duals.withUnsafeMutableBufferPointer { dualBuffer in
                runPasses(
                    state: &state, weights: weightBuffer, alpha: dualBuffer, quadratic: quadratic,
                    terms: (positiveTerms, negativeTerms))
            }
        }
        w = weights
        alpha = duals
        biasWeight = state.biasWeight
        generator = state.generator
        return report
    }

    /// The solver's mutable state other than the weight and dual buffers.
    struct DescentState {
        var order: [Int]
        /// Whether the spread counts a projected gradient of 0 for the samples outside `order`.
        var countsZero: Bool
        var generator: SeededGenerator
        var biasWeight: Double
    }

    /// Runs the passes of `solve()`; split out so the buffers are borrowed once.
    private func runPasses(
        state: inout DescentState,
        weights: UnsafeMutableBufferPointer<Double>,
        alpha: UnsafeMutableBufferPointer<Double>,
        quadratic: [Double],
        terms: (positive: (diagonal: Double, upperBound: Double), negative: (diagonal: Double, upperBound: Double))
    ) -> TrainingReport {
        let count = state.order.count
        let bias = parameters.bias
        let readOnlyWeights = UnsafeBufferPointer(weights)
        var activeSize = count
        // Extreme projected gradients of the previous pass; ±∞ disables shrinking.
        var previousMax = Double.infinity
        var previousMin = -Double.infinity
        var iterations = 0
        var violation = Double.infinity
        var steps = 0

        while iterations < parameters.maxIterations {
            var passMax = state.countsZero ? 0 : -Double.infinity
            var passMin = state.countsZero ? 0 : Double.infinity
            for s in 0..<activeSize {
                let j = s + Int(state.generator.next() % UInt64(activeSize - s))
                state.order.swapAt(s, j)
            }

            var s = 0
            while s < activeSize {
                steps += 1
                let i = state.order[s]
                let y = signs[i]
                let (diagonal, upper) = y > 0 ? terms.positive : terms.negative
                let gradient = y * (store.dot(row: i, readOnlyWeights) + state.biasWeight * bias) - 1
                    + diagonal * alpha[i]

                var projected = 0.0
                if alpha[i] == 0 {
                    if gradient > previousMax {
                        activeSize -= 1
                        state.order.swapAt(s, activeSize)
                        continue
                    }
                    projected = min(gradient, 0)
                } else if alpha[i] == upper {
                    if gradient < previousMin {
                        activeSize -= 1
                        state.order.swapAt(s, activeSize)
                        continue
                    }
                    projected = max(gradient, 0)
                } else {
                    projected = gradient
                }
                passMax = max(passMax, projected)
                passMin = min(passMin, projected)

                if abs(projected) > 1e-12 {
                    let old = alpha[i]
                    // Q̄_ii is 0 only for an all-zero sample without bias under hinge loss. The
                    // objective is then linear in alpha_i, so the minimum sits at a bound.
                    let step = quadratic[i] > 0 ? old - gradient / quadratic[i] : (gradient < 0 ? upper : 0)
                    alpha[i] = min(max(step, 0), upper)
                    let delta = (alpha[i] - old) * y
                    store.addScaled(row: i, scale: delta, to: weights)
                    state.biasWeight += delta * bias
                }
                s += 1
            }
            iterations += 1

            violation = passMax - passMin
            if violation <= parameters.tolerance {
                if activeSize == count {
                    return TrainingReport(
                        iterations: iterations, converged: true, violation: max(violation, 0), coordinateSteps: steps)
                }
                activeSize = count
                previousMax = .infinity
                previousMin = -.infinity
                continue
            }
            previousMax = passMax <= 0 ? .infinity : passMax
            previousMin = passMin >= 0 ? -.infinity : passMin
        }
        return TrainingReport(iterations: iterations, converged: false, violation: violation, coordinateSteps: steps)
    }
}
