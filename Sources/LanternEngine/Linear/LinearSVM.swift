/// A binary L2-regularised linear support vector machine that keeps its training set and dual
/// variables, so that labels can be added, undone and relabelled without a retrain from scratch.
///
/// The model solves, for samples `x_i` with labels `y_i` in {-1, +1} and the bias folded in as
/// a constant feature of value `parameters.bias` (LIBLINEAR's `-B` convention, so the bias is
/// regularised like any weight):
///
///     min_w  ½‖w‖² + Σ_i C_i ξ(w; x_i, y_i),   C_i = positiveCost or negativeCost by y_i,
///
/// where ξ is the hinge loss `max(0, 1 − y wᵀx)` or the squared hinge loss (its square).
/// Training is dual coordinate descent; see `LinearSVM+Solver.swift`.
///
/// Compared with retraining a stateless model after every analyst label, this type costs memory
/// for the samples (12 bytes per non-zero) plus one dual variable per sample, and an update
/// usually needs a few passes instead of a full solve. It does not do L1 regularisation (needed
/// later for mail feature selection) or multi-class problems.
public struct LinearSVM: Sendable {
    /// The loss each training sample contributes to the primal objective.
    public enum Loss: String, Sendable, Codable {
        /// `max(0, 1 − y wᵀx)`, LIBLINEAR `-s 3` (L2-regularised L1-loss, dual).
        case hinge
        /// `max(0, 1 − y wᵀx)²`, LIBLINEAR `-s 1` (L2-regularised L2-loss, dual), its default.
        case squaredHinge
    }

    /// Settings of the optimisation problem and of the solver.
    public struct Parameters: Sendable, Codable, Equatable {
        public var loss: Loss
        /// Cost `C` of a positive sample's loss; raise it relative to `negativeCost` when
        /// positives are rare so that they are not ignored.
        public var positiveCost: Double
        /// Cost `C` of a negative sample's loss.
        public var negativeCost: Double
        /// Value of the constant feature appended to every sample; 0 trains without a bias.
        public var bias: Double
        /// Stopping tolerance on the spread of the projected gradient, as LIBLINEAR's `-e`.
        public var tolerance: Double
        /// Maximum number of passes over the samples in one call before the solver gives up and
        /// reports `converged == false`.
        public var maxIterations: Int
        /// Seed of the generator that orders the samples in each pass.
        public var seed: UInt64

        /// Creates parameters with LIBLINEAR's defaults: squared hinge loss, `C = 1` for both
        /// classes, bias feature 1, tolerance 0.1, at most 1000 passes.
        public init(
            cost: Double = 1, loss: Loss = .squaredHinge, bias: Double = 1,
            tolerance: Double = 0.1, maxIterations: Int = 1000, seed: UInt64 = 1
        ) {
            self.loss = loss
            positiveCost = cost
            negativeCost = cost
            self.bias = bias
            self.tolerance = tolerance
            self.maxIterations = maxIterations
            self.seed = seed
        }

        /// Returns a copy whose class costs are `cost` scaled by `n / (2 n_class)`, the
        /// "balanced" class weights of scikit-learn, so each class carries half the total cost.
        ///
        /// A class absent from `labels` keeps the plain `cost`.
        /// - Complexity: O(*n*), where *n* is `labels.count`.
        public func balanced(cost: Double, labels: [Bool]) -> Parameters {
            let positives = labels.lazy.filter { $0 }.count
            let negatives = labels.count - positives
            var copy = self
            copy.positiveCost = positives > 0 ? cost * Double(labels.count) / Double(2 * positives) : cost
            copy.negativeCost = negatives > 0 ? cost * Double(labels.count) / Double(2 * negatives) : cost
            return copy
        }
    }

    /// The outcome of one solver call.
    public struct TrainingReport: Sendable, Equatable {
        /// Passes over the (active) samples in this call.
        public var iterations: Int
        /// Whether the projected-gradient spread fell below the tolerance before `maxIterations`.
        /// When false the model is usable but not optimal; the caller must tell the user.
        public var converged: Bool
        /// The projected-gradient spread (max − min) of the last pass.
        public var violation: Double
        /// Coordinate steps taken (one gradient evaluation each), the solver's work in units of
        /// one sample's non-zeros; shrinking makes later passes cheaper than the first.
        public var coordinateSteps: Int
    }

    /// The settings in force; change costs with `updateCosts` so the solution stays feasible.
    public internal(set) var parameters: Parameters
    var store = SampleStore()
    /// Labels as ±1, stored as Double because the solver multiplies by them.
    var signs: [Double] = []
    /// Dual variables. Every public call leaves `w = Σ alpha_i y_i x_i` true.
    var alpha: [Double] = []
    /// Weights of the real features, sized to `store.dimension`.
    var w: [Double] = []
    /// Weight of the constant bias feature.
    var biasWeight = 0.0
    var generator: SeededGenerator
    /// Weights and margins that incremental updates bound the current gradients against; nil
    /// after a full solve until the next update measures it.
    var reference: ScreeningReference?
    /// Report of the most recent solver call; `iterations == 0` before any training.
    public internal(set) var lastReport = TrainingReport(iterations: 0, converged: true, violation: 0, coordinateSteps: 0)

    /// Creates an untrained model whose decision value is 0 everywhere.
    public init(parameters: Parameters = Parameters()) {
        precondition(parameters.positiveCost > 0 && parameters.negativeCost > 0, "costs must be positive")
        precondition(parameters.tolerance > 0 && parameters.maxIterations > 0, "invalid stopping rule")
        self.parameters = parameters
        generator = SeededGenerator(seed: parameters.seed)
    }

    /// Trains a model on `samples` with `labels` (true marks the positive class).
    /// - Throws: `EngineError.nonFiniteFeature` when a sample contains NaN or infinity.
    /// - Complexity: O(*p* · nnz) for *p* passes over nnz stored non-zeros.
    public init(samples: [SparseVector], labels: [Bool], parameters: Parameters = Parameters()) throws {
        self.init(parameters: parameters)
        try add(samples: samples, labels: labels)
    }

    /// The number of stored training samples.
    public var sampleCount: Int { signs.count }

    /// The stored labels, in insertion order; true marks the positive class.
    public var labels: [Bool] { signs.map { $0 > 0 } }

    /// The dual variable of each stored sample; non-zero marks a support vector.
    public var dualCoefficients: [Double] { alpha }

    /// Returns the stored training sample at `index`.
    public func sample(at index: Int) -> SparseVector { store.row(index) }

    /// Weights of the features; features past the end have weight 0.
    public var weights: [Double] { w }

    /// The intercept `b` of `wᵀx + b`: the bias feature's weight times its value.
    public var intercept: Double { biasWeight * parameters.bias }

    /// Returns `wᵀx + b`; positive means the positive class, and its size is the distance from
    /// the boundary in units of `1/‖w‖`.
    /// - Complexity: O(*k*), where *k* is `sample.nonzeroCount`.
    public func decisionValue(_ sample: SparseVector) -> Double {
        sample.dot(w) + intercept
    }

    /// Returns `wᵀx + b` for a dense sample.
    /// - Complexity: O(*d*), where *d* is `sample.count`.
    public func decisionValue(dense sample: [Double]) -> Double {
        var sum = intercept
        for (weight, value) in zip(w, sample) { sum += weight * value }
        return sum
    }

    /// Returns whether the model assigns `sample` to the positive class.
    public func predict(_ sample: SparseVector) -> Bool { decisionValue(sample) > 0 }
}
