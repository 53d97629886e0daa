import LanternEngine

/// The backscatter model's SVM: linear, or RBF when cross-validation shows it clearly better.
///
/// Both keep their training rows and dual variables, so analyst labels update either by a warm
/// start. The RBF model costs one kernel evaluation per support vector for every window scored,
/// against one dot product for the linear model, which is why linear is kept on a tie.
enum BackscatterSolver {
    case linear(LinearSVM)
    case rbf(KernelSVM, gamma: Double)

    var sampleCount: Int {
        switch self {
        case .linear(let model): return model.sampleCount
        case .rbf(let model, _): return model.sampleCount
        }
    }

    var labels: [Bool] {
        switch self {
        case .linear(let model): return model.labels
        case .rbf(let model, _): return model.labels
        }
    }

    func sample(at index: Int) -> SparseVector {
        switch self {
        case .linear(let model): return model.sample(at: index)
        case .rbf(let model, _): return model.sample(at: index)
        }
    }

    var converged: Bool {
        switch self {
        case .linear(let model): return model.lastReport.converged
        case .rbf(let model, _): return model.lastReport.converged
        }
    }

    /// Adds rows and continues from the current solution; returns whether the solver converged.
    mutating func add(samples: [SparseVector], labels: [Bool]) -> Bool {
        switch self {
        case .linear(var model):
            let report = try? model.add(samples: samples, labels: labels)
            self = .linear(model)
            return report?.converged ?? false
        case .rbf(var model, let gamma):
            let report = try? model.add(samples: samples, labels: labels)
            self = .rbf(model, gamma: gamma)
            return report?.converged ?? false
        }
    }

    mutating func remove(at indices: [Int]) {
        switch self {
        case .linear(var model):
            model.remove(at: indices)
            self = .linear(model)
        case .rbf(var model, let gamma):
            model.remove(at: indices)
            self = .rbf(model, gamma: gamma)
        }
    }

    /// Copies into `state` what it needs to score without the training rows.
    func export(into state: inout BackscatterModelState, dimension: Int) {
        switch self {
        case .linear(let model):
            state.kernel = .linear
            state.weights = model.weights
            state.intercept = model.intercept
            state.supportVectors = []
            state.supportCoefficients = []
        case .rbf(let model, let gamma):
            state.kernel = .rbf
            state.gamma = gamma
            state.weights = []
            state.intercept = model.intercept
            var vectors = [[Double]](), coefficients = [Double]()
            let alphas = model.dualCoefficients, labels = model.labels
            for index in alphas.indices where alphas[index] > 0 {
                vectors.append(model.sample(at: index).dense(dimension: dimension))
                coefficients.append(labels[index] ? alphas[index] : -alphas[index])
            }
            state.supportVectors = vectors
            state.supportCoefficients = coefficients
        }
    }
}
