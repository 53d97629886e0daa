extension SMOSolver {
    /// Minimises the objective over alpha_i and alpha_j with the equality constraint kept,
    /// then clips the pair back into the box, following LIBSVM's `Solver::Solve` case by case.
    func updatePair(
        _ i: Int, _ j: Int, kernelIJ: Double, diagonalI: Double, diagonalJ: Double,
        alpha: inout [Double], gradient: [Double]
    ) {
        let upperI = upperBounds[i]
        let upperJ = upperBounds[j]
        if signs[i] != signs[j] {
            // alpha_i − alpha_j is constant along the constraint.
            var curvature = diagonalI + diagonalJ + 2 * kernelIJ
            if curvature <= 0 { curvature = SMOSolver.tau }
            let delta = (-gradient[i] - gradient[j]) / curvature
            let difference = alpha[i] - alpha[j]
            alpha[i] += delta
            alpha[j] += delta
            if difference > 0 {
                if alpha[j] < 0 {
                    alpha[j] = 0
                    alpha[i] = difference
                }
            } else if alpha[i] < 0 {
                alpha[i] = 0
                alpha[j] = -difference
            }
            if difference > upperI - upperJ {
                if alpha[i] > upperI {
                    alpha[i] = upperI
                    alpha[j] = upperI - difference
                }
            } else if alpha[j] > upperJ {
                alpha[j] = upperJ
                alpha[i] = upperJ + difference
            }
        } else {
            // alpha_i + alpha_j is constant along the constraint.
            var curvature = diagonalI + diagonalJ - 2 * kernelIJ
            if curvature <= 0 { curvature = SMOSolver.tau }
            let delta = (gradient[i] - gradient[j]) / curvature
            let sum = alpha[i] + alpha[j]
            alpha[i] -= delta
            alpha[j] += delta
            if sum > upperI {
                if alpha[i] > upperI {
                    alpha[i] = upperI
                    alpha[j] = sum - upperI
                }
            } else if alpha[j] < 0 {
                alpha[j] = 0
                alpha[i] = sum
            }
            if sum > upperJ {
                if alpha[j] > upperJ {
                    alpha[j] = upperJ
                    alpha[i] = sum - upperJ
                }
            } else if alpha[i] < 0 {
                alpha[i] = 0
                alpha[j] = sum
            }
        }
    }

    /// Returns rho, the negated bias: the mean of `y_i G_i` over free variables, or the
    /// midpoint of the feasible interval when every variable sits at a bound.
    /// - Complexity: O(*n*).
    func rho(alpha: [Double], gradient: [Double]) -> Double {
        var upper = Double.infinity
        var lower = -Double.infinity
        var freeSum = 0.0
        var freeCount = 0
        for i in alpha.indices {
            let value = signs[i] * gradient[i]
            if isUpper(alpha[i], i) {
                if signs[i] < 0 { upper = min(upper, value) } else { lower = max(lower, value) }
            } else if isLower(alpha[i]) {
                if signs[i] > 0 { upper = min(upper, value) } else { lower = max(lower, value) }
            } else {
                freeCount += 1
                freeSum += value
            }
        }
        if freeCount > 0 { return freeSum / Double(freeCount) }
        // With one class only one side is bounded; 0 then is as good as any point.
        if upper.isInfinite || lower.isInfinite { return upper.isFinite ? upper : (lower.isFinite ? lower : 0) }
        return (upper + lower) / 2
    }
}
