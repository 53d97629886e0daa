/// A kernel function `K(x, z)` for the kernel SVMs.
public enum Kernel: Sendable, Codable, Equatable {
    /// `K(x, z) = xᵀz`; gives the same decision function as a linear SVM, mainly for testing.
    case linear
    /// `K(x, z) = exp(−gamma ‖x − z‖²)`, the radial basis function kernel. A common first
    /// choice is `gamma = 1 / d` for `d` standardised features (scikit-learn's `'scale'`).
    case rbf(gamma: Double)

    /// Returns `K(x, z)` from `‖x‖²`, `‖z‖²` and `xᵀz`, which the callers already have.
    @inline(__always)
    func value(squaredNormX: Double, squaredNormZ: Double, dot: Double) -> Double {
        switch self {
        case .linear:
            return dot
        case let .rbf(gamma):
            // Rounding can make the squared distance slightly negative for near-equal vectors.
            return naturalExponential(-gamma * max(0, squaredNormX + squaredNormZ - 2 * dot))
        }
    }

    /// Returns `K(x, z)` for two vectors.
    /// - Complexity: O(*k* + *m*), the two non-zero counts.
    public func callAsFunction(_ x: SparseVector, _ z: SparseVector) -> Double {
        value(squaredNormX: x.squaredNorm, squaredNormZ: z.squaredNorm, dot: x.dot(z))
    }
}
