extension LinearSVM {
    /// The primal objective `½‖w‖² + Σ C_i ξ_i` at the current weights, the bias weight
    /// included in `‖w‖²` (LIBLINEAR's convention, and scikit-learn's `LinearSVC`).
    /// - Complexity: O(nnz) over the stored samples.
    public var primalObjective: Double {
        var total = 0.5 * squaredWeightNorm
        for i in 0..<sampleCount {
            let margin = 1 - signs[i] * (store.dot(row: i, dense: w) + intercept)
            guard margin > 0 else { continue }
            let cost = signs[i] > 0 ? parameters.positiveCost : parameters.negativeCost
            total += cost * (parameters.loss == .hinge ? margin : margin * margin)
        }
        return total
    }

    /// The dual objective `eᵀalpha − ½ alphaᵀ(Q + D)alpha` at the current dual variables.
    ///
    /// This is the maximisation form, so it never exceeds `primalObjective` and the two meet
    /// at the optimum. LIBLINEAR prints the negative of this value as "Objective value".
    /// - Complexity: O(*n* + *d*).
    public var dualObjective: Double {
        var total = -0.5 * squaredWeightNorm
        for i in 0..<sampleCount {
            let diagonal = dualTerms(isPositive: signs[i] > 0).diagonal
            total += alpha[i] - 0.5 * diagonal * alpha[i] * alpha[i]
        }
        return total
    }

    /// `‖w‖²` including the bias feature's weight.
    var squaredWeightNorm: Double {
        w.reduce(biasWeight * biasWeight) { $0 + $1 * $1 }
    }
}
