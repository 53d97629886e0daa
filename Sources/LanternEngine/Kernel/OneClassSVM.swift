/// A one-class SVM with a kernel (LIBSVM's `-s 2`), which learns the region where the training
/// samples lie and scores how far outside it a new sample falls.
///
/// Problem (Schölkopf et al., "Estimating the support of a high-dimensional distribution",
/// Neural Computation 13, 2001), in LIBSVM's scaling with `Q_ij = K(x_i, x_j)`:
///
///     min_alpha  ½ alphaᵀQ alpha   subject to 0 ≤ alpha_i ≤ 1, Σ alpha_i = nu · n,
///
/// solved by `SMOSolver` from LIBSVM's starting point (the first ⌊nu n⌋ variables at 1, one at
/// the remainder). `nu` is an upper bound on the share of training samples outside the region
/// and a lower bound on the share of support vectors.
///
/// NOTE: training is batch only. Adding a sample raises the equality constraint's right-hand
/// side by nu, and the feasible redistribution a warm start needs is not implemented. The mail
/// workflow retrains daily on a 30-day window, which a batch fit covers.
public struct OneClassSVM: Sendable {
    /// Settings of the optimisation problem and of the solver.
    public struct Parameters: Sendable, Codable, Equatable {
        public var kernel: Kernel
        /// The bound on the outlier share, in (0, 1].
        public var nu: Double
        /// Stopping tolerance on the maximal violating pair's gap, as LIBSVM's `-e`.
        public var tolerance: Double
        /// Maximum number of SMO steps before the solver reports `converged == false`.
        public var maxIterations: Int
        /// Memory budget of the kernel row cache, in bytes.
        public var cacheBytes: Int

        /// Creates parameters with LIBSVM's defaults: nu 0.5, tolerance 1e-3, a 100 MB cache.
        public init(
            kernel: Kernel, nu: Double = 0.5, tolerance: Double = 1e-3, maxIterations: Int = 10_000_000,
            cacheBytes: Int = 100 << 20
        ) {
            self.kernel = kernel
            self.nu = nu
            self.tolerance = tolerance
            self.maxIterations = maxIterations
            self.cacheBytes = cacheBytes
        }
    }

    public let parameters: Parameters
    private var matrix: KernelMatrix
    private var alpha: [Double] = []
    private var gradient: [Double] = []
    /// The offset of the decision function `Σ alpha_i K(x_i, x) − rho`.
    public private(set) var rho = 0.0
    /// Report of the training run.
    public private(set) var report = KernelSVM.TrainingReport(iterations: 0, converged: true, violation: 0)

    /// Trains on `samples`, which are all taken to be normal.
    /// - Throws: `EngineError.nonFiniteFeature` when a sample contains NaN or infinity.
    /// - Complexity: O(*s* · *n*) for *s* SMO steps, plus kernel rows missing from the cache.
    public init(samples: [SparseVector], parameters: Parameters) throws {
        precondition(parameters.nu > 0 && parameters.nu <= 1, "nu must be in (0, 1]")
        precondition(parameters.tolerance > 0 && parameters.maxIterations > 0, "invalid stopping rule")
        self.parameters = parameters
        matrix = KernelMatrix(kernel: parameters.kernel, cacheBytes: parameters.cacheBytes)
        for (position, sample) in samples.enumerated() {
            if let entry = sample.firstNonFiniteEntry() {
                throw EngineError.nonFiniteFeature(sample: position, feature: entry.feature, value: entry.value)
            }
            matrix.append(sample)
        }
        guard !samples.isEmpty else { return }
        train()
    }

    private mutating func train() {
        let count = matrix.count
        let mass = parameters.nu * Double(count)
        let full = min(Int(mass), count)
        alpha = [Double](repeating: 0, count: count)
        for i in 0..<full { alpha[i] = 1 }
        if full < count { alpha[full] = mass - Double(full) }

        // G = Q alpha, because the linear term is 0.
        gradient = [Double](repeating: 0, count: count)
        for j in 0..<count where alpha[j] > 0 {
            let row = matrix.row(j)
            for k in 0..<count { gradient[k] += alpha[j] * row[k] }
        }
        let solver = SMOSolver(
            signs: Array(repeating: 1, count: count), upperBounds: Array(repeating: 1, count: count),
            tolerance: parameters.tolerance, maxIterations: parameters.maxIterations)
        let outcome = solver.optimize(alpha: &alpha, gradient: &gradient, matrix: &matrix)
        rho = solver.rho(alpha: alpha, gradient: gradient)
        report = KernelSVM.TrainingReport(
            iterations: outcome.iterations, converged: outcome.converged, violation: outcome.violation)
    }

    /// The number of stored training samples.
    public var sampleCount: Int { matrix.count }

    /// Dual variables, one per training sample in training order: the support vectors have
    /// `alpha_i > 0`, and `Σ alpha_i = nu · n`.
    public var dualCoefficients: [Double] { alpha }

    /// The number of support vectors, the samples a prediction evaluates the kernel on.
    public var supportVectorCount: Int { alpha.lazy.filter { $0 > 0 }.count }

    /// The objective `½ alphaᵀQ alpha` that LIBSVM prints as "obj".
    public var objective: Double {
        var total = 0.0
        for i in alpha.indices { total += alpha[i] * gradient[i] }
        return total / 2
    }

    /// Returns `Σ alpha_i K(x_i, x) − rho`: positive inside the learned region, negative outside,
    /// and 0 for an untrained model.
    /// - Complexity: O(*s* · *k*) for *s* support vectors of *k* non-zeros.
    public func decisionValue(_ sample: SparseVector) -> Double {
        let squaredNorm = sample.squaredNorm
        var sum = -rho
        for i in alpha.indices where alpha[i] > 0 {
            sum += alpha[i] * matrix.value(row: i, sample, squaredNormZ: squaredNorm)
        }
        return sum
    }

    /// Returns whether `sample` lies outside the learned region, the mail workflow's "unknown".
    public func isOutlier(_ sample: SparseVector) -> Bool { decisionValue(sample) < 0 }
}
