/// A binary C-support vector classifier with a kernel (LIBSVM's C-SVC, `-s 0`), which keeps
/// its training set, dual variables and gradient so that labels can be added, undone and
/// relabelled without a retrain from scratch.
///
/// The model solves, for samples `x_i` with labels `y_i` in {−1, +1} and the feature map φ of
/// the kernel,
///
///     min_{w,b,ξ}  ½‖w‖² + Σ C_i ξ_i   subject to y_i (wᵀφ(x_i) + b) ≥ 1 − ξ_i, ξ_i ≥ 0,
///
/// through its dual with `SMOSolver`. Unlike `LinearSVM` the bias is not regularised.
///
/// Training costs O(*n*²) kernel evaluations in the worst case, and the cache stores at most
/// `cacheBytes` of kernel rows. Callers therefore cap training sets at a few thousand samples
/// and use `LinearSVM` for larger sets. A prediction costs one kernel evaluation per support vector.
/// Probability outputs (Platt scaling) and shrinking are not implemented.
public struct KernelSVM: Sendable {
    /// Settings of the optimisation problem and of the solver.
    public struct Parameters: Sendable, Codable, Equatable {
        public var kernel: Kernel
        /// Cost `C` of a positive sample's slack.
        public var positiveCost: Double
        /// Cost `C` of a negative sample's slack.
        public var negativeCost: Double
        /// Stopping tolerance on the maximal violating pair's gap, as LIBSVM's `-e`.
        public var tolerance: Double
        /// Maximum number of SMO steps in one call before the solver reports `converged == false`.
        public var maxIterations: Int
        /// Memory budget of the kernel row cache, in bytes.
        public var cacheBytes: Int

        /// Creates parameters with LIBSVM's defaults: `C = 1`, tolerance 1e-3, a 100 MB cache and
        /// at most 10,000,000 steps.
        public init(
            kernel: Kernel, cost: Double = 1, tolerance: Double = 1e-3, maxIterations: Int = 10_000_000,
            cacheBytes: Int = 100 << 20
        ) {
            self.kernel = kernel
            positiveCost = cost
            negativeCost = cost
            self.tolerance = tolerance
            self.maxIterations = maxIterations
            self.cacheBytes = cacheBytes
        }
    }

    /// The outcome of one solver call.
    public struct TrainingReport: Sendable, Equatable {
        /// SMO steps (pair updates) in this call.
        public var iterations: Int
        /// Whether the gap fell below the tolerance before `maxIterations`. When false the
        /// model is usable but not optimal, and the caller must tell the user.
        public var converged: Bool
        /// The maximal violating pair's gap at the end.
        public var violation: Double
    }

    public let parameters: Parameters
    var matrix: KernelMatrix
    /// Labels as ±1.
    var signs: [Double] = []
    /// Dual variables; `Σ y_i alpha_i = 0` after every public call.
    var alpha: [Double] = []
    /// `G = Q alpha − e`, kept exact so that training can resume.
    var gradient: [Double] = []
    /// The negated bias, so that the decision value is `Σ y_i alpha_i K(x_i, x) − rho`.
    var rho = 0.0
    /// Report of the most recent solver call; `iterations == 0` before any training.
    public internal(set) var lastReport = TrainingReport(iterations: 0, converged: true, violation: 0)

    /// Creates an untrained model whose decision value is 0 everywhere.
    public init(parameters: Parameters) {
        precondition(parameters.positiveCost > 0 && parameters.negativeCost > 0, "costs must be positive")
        precondition(parameters.tolerance > 0 && parameters.maxIterations > 0, "invalid stopping rule")
        if case let .rbf(gamma) = parameters.kernel { precondition(gamma > 0, "gamma must be positive") }
        self.parameters = parameters
        matrix = KernelMatrix(kernel: parameters.kernel, cacheBytes: parameters.cacheBytes)
    }

    /// Trains a model on `samples` with `labels` (true marks the positive class).
    /// - Throws: `EngineError.nonFiniteFeature` when a sample contains NaN or infinity.
    /// - Complexity: O(*s* · *n*) for *s* SMO steps, plus kernel rows missing from the cache.
    public init(samples: [SparseVector], labels: [Bool], parameters: Parameters) throws {
        self.init(parameters: parameters)
        try add(samples: samples, labels: labels)
    }

    /// The number of stored training samples.
    public var sampleCount: Int { signs.count }

    /// The stored labels, in insertion order; true marks the positive class.
    public var labels: [Bool] { signs.map { $0 > 0 } }

    /// The dual variable of each stored sample; non-zero marks a support vector.
    public var dualCoefficients: [Double] { alpha }

    /// The number of support vectors, the samples a prediction evaluates the kernel on.
    public var supportVectorCount: Int { alpha.lazy.filter { $0 > 0 }.count }

    /// The bias `b = −rho` of the decision function.
    public var intercept: Double { -rho }

    /// Returns the stored training sample at `index`.
    public func sample(at index: Int) -> SparseVector { matrix.store.row(index) }

    /// Returns `Σ y_i alpha_i K(x_i, x) + b` over the support vectors; positive means the
    /// positive class.
    /// - Complexity: O(*s* · *k*) for *s* support vectors of *k* non-zeros.
    public func decisionValue(_ sample: SparseVector) -> Double {
        let squaredNorm = sample.squaredNorm
        var sum = -rho
        for i in alpha.indices where alpha[i] > 0 {
            sum += signs[i] * alpha[i] * matrix.value(row: i, sample, squaredNormZ: squaredNorm)
        }
        return sum
    }

    /// Returns whether the model assigns `sample` to the positive class.
    public func predict(_ sample: SparseVector) -> Bool { decisionValue(sample) > 0 }

    /// The dual objective `eᵀalpha − ½ alphaᵀQ alpha` in its maximisation form; LIBSVM prints the
    /// negative of this value as "obj".
    /// - Complexity: O(*n*), from the stored gradient.
    public var dualObjective: Double {
        // ½ alphaᵀQ alpha − eᵀalpha = ½ Σ alpha_i (G_i − 1) because G = Q alpha − e.
        var minimised = 0.0
        for i in alpha.indices { minimised += alpha[i] * (gradient[i] - 1) }
        return -minimised / 2
    }

    /// The solver configured for the current samples.
    var solver: SMOSolver {
        SMOSolver(
            signs: signs,
            upperBounds: signs.map { $0 > 0 ? parameters.positiveCost : parameters.negativeCost },
            tolerance: parameters.tolerance, maxIterations: parameters.maxIterations)
    }
}
