/// Sequential minimal optimisation for the dual problems of LIBSVM's C-SVC and one-class SVM.
///
/// Problem, with `Q_ij = y_i y_j K(x_i, x_j)` and `y_i` in {−1, +1}:
///
///     min_alpha  ½ alphaᵀQ alpha + pᵀalpha
///     subject to yᵀalpha = Δ (held fixed at its starting value), 0 ≤ alpha_i ≤ U_i.
///
/// C-SVC uses `p = −e` and `U_i = C_i`; the one-class SVM uses `y = e`, `p = 0`, `U_i = 1`.
/// The linear term enters only through the starting gradient, which the caller supplies.
/// Each step picks the pair (i, j) by the second-order working-set selection (WSS 2), moves
/// alpha_i and alpha_j along the equality constraint to the clipped minimum, and updates the
/// gradient `G = Q alpha + p` with rows i and j of the kernel matrix. It stops when the maximal
/// violating pair's gap `m(alpha) − M(alpha)` is below the tolerance.
///
/// Given: a feasible `alpha` and its exact gradient (warm start), the kernel matrix, bounds.
/// Returns: the steps taken, whether it converged, the final gap; `alpha` and the gradient
/// are updated in place. Shrinking is not implemented, so every step costs O(*n*) even when most
/// variables sit at a bound.
/// Source: Fan, Chen, Lin, "Working set selection using second order information for training
/// support vector machines", JMLR 6 (2005), Algorithm 1 with WSS 2, as in LIBSVM's `Solver`.
struct SMOSolver {
    /// LIBSVM's `TAU`: the curvature used when `K_ii + K_jj − 2 K_ij ≤ 0` (non-PSD rounding).
    static let tau = 1e-12

    var signs: [Double]
    var upperBounds: [Double]
    var tolerance: Double
    var maxIterations: Int

    struct Outcome {
        var iterations: Int
        var converged: Bool
        var violation: Double
    }

    func isUpper(_ alpha: Double, _ i: Int) -> Bool { alpha >= upperBounds[i] }
    func isLower(_ alpha: Double) -> Bool { alpha <= 0 }

    /// Runs SMO steps until the gap is within tolerance or the step budget is spent.
    /// - Complexity: O(*n*) per step plus O(*n* · nnz) for each kernel row missing from the cache.
    func optimize(alpha: inout [Double], gradient: inout [Double], matrix: inout KernelMatrix) -> Outcome {
        var iterations = 0
        var violation = 0.0
        while iterations < maxIterations {
            guard let pair = selectWorkingSet(alpha: alpha, gradient: gradient, matrix: &matrix, gap: &violation) else {
                return Outcome(iterations: iterations, converged: true, violation: max(violation, 0))
            }
            iterations += 1
            let rowI = matrix.row(pair.i)
            let rowJ = matrix.row(pair.j)
            let (i, j) = pair
            let oldI = alpha[i]
            let oldJ = alpha[j]
            updatePair(i, j, kernelIJ: rowI[j], diagonalI: rowI[i], diagonalJ: rowJ[j], alpha: &alpha, gradient: gradient)

            // G_k += Q_ki Δalpha_i + Q_kj Δalpha_j, with Q_ki = y_k y_i K_ki.
            let deltaI = (alpha[i] - oldI) * signs[i]
            let deltaJ = (alpha[j] - oldJ) * signs[j]
            for k in gradient.indices {
                gradient[k] += signs[k] * (rowI[k] * deltaI + rowJ[k] * deltaJ)
            }
        }
        return Outcome(iterations: iterations, converged: false, violation: violation)
    }

    /// Returns the working pair by WSS 2, or `nil` when the gap `m − M` is below tolerance.
    ///
    /// i maximises `−y_t G_t` over the indices allowed to move up (I_up); j minimises the
    /// second-order decrease `−(b_ij)² / a_ij` over I_low with `b_ij = −y_i G_i + y_j G_j > 0`.
    private func selectWorkingSet(
        alpha: [Double], gradient: [Double], matrix: inout KernelMatrix, gap: inout Double
    ) -> (i: Int, j: Int)? {
        var maxUp = -Double.infinity
        var selectedI = -1
        for t in alpha.indices {
            let movesUp = signs[t] > 0 ? !isUpper(alpha[t], t) : !isLower(alpha[t])
            if movesUp, -signs[t] * gradient[t] >= maxUp {
                maxUp = -signs[t] * gradient[t]
                selectedI = t
            }
        }
        guard selectedI >= 0 else {
            gap = 0
            return nil
        }

        let rowI = matrix.row(selectedI)
        let diagonalI = rowI[selectedI]
        var maxLow = -Double.infinity
        var selectedJ = -1
        var bestDecrease = Double.infinity
        for t in alpha.indices {
            let movesDown = signs[t] > 0 ? !isLower(alpha[t]) : !isUpper(alpha[t], t)
            guard movesDown else { continue }
            let score = signs[t] * gradient[t]
            maxLow = max(maxLow, score)
            let gradientDifference = maxUp + score
            guard gradientDifference > 0 else { continue }
            // a_it = K_ii + K_tt − 2 K_it; the y factors cancel for the pair's direction.
            let curvature = diagonalI + matrix.diagonal(t) - 2 * rowI[t]
            let decrease = -gradientDifference * gradientDifference / (curvature > 0 ? curvature : SMOSolver.tau)
            if decrease <= bestDecrease {
                selectedJ = t
                bestDecrease = decrease
            }
        }
        gap = maxUp + maxLow
        if gap < tolerance || selectedJ < 0 { return nil }
        return (selectedI, selectedJ)
    }
}
