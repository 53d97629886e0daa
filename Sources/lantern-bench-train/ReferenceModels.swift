import Glibc
import LanternEngine

/// Objectives computed one way for both tools, from the weights or dual solution each writes.
enum Objectives {
    /// `½(‖w‖² + b²) + C Σ max(0, 1 − y (wᵀx + b))²`: LIBLINEAR `-s 1` with `-B 1`.
    static func l2SquaredHinge(weights: [Double], bias: Double, cost: Double, samples: [SparseVector], labels: [Bool]) -> Double {
        var total = 0.5 * (weights.reduce(0) { $0 + $1 * $1 } + bias * bias)
        for (sample, label) in zip(samples, labels) {
            let margin = max(0, 1 - (label ? 1 : -1) * (sample.dot(weights) + bias))
            total += cost * margin * margin
        }
        return total
    }

    /// `‖w‖₁ + |b| + C Σ max(0, 1 − y (wᵀx + b))²`: LIBLINEAR `-s 5` with `-B 1`.
    static func l1SquaredHinge(weights: [Double], bias: Double, cost: Double, samples: [SparseVector], labels: [Bool]) -> Double {
        var total = weights.reduce(abs(bias)) { $0 + abs($1) }
        for (sample, label) in zip(samples, labels) {
            let margin = max(0, 1 - (label ? 1 : -1) * (sample.dot(weights) + bias))
            total += cost * margin * margin
        }
        return total
    }

    /// `½ Σ_ij alpha_i alpha_j exp(−gamma ‖x_i − x_j‖²)` over the support vectors: the dual
    /// objective of LIBSVM's one-class SVM in its scaling (0 ≤ alpha_i ≤ 1).
    /// - Complexity: O(*s*² · *k*) for *s* support vectors of *k* non-zeros.
    static func oneClassDual(coefficients: [Double], vectors: [SparseVector], gamma: Double) -> Double {
        var total = 0.0
        for i in vectors.indices {
            var row = 0.5 * coefficients[i]  // the diagonal, K(x, x) = 1, counted once
            for j in 0..<i {
                row += coefficients[j] * exp(-gamma * vectors[i].squaredDistance(to: vectors[j]))
            }
            total += coefficients[i] * row
        }
        return total
    }
}

/// Model files of LIBLINEAR `train` and LIBSVM `svm-train`: read for their solutions, and
/// written with Lantern's solutions so that both tools write the same kind of file.
enum ReferenceModels {
    /// Writes a binary LIBLINEAR model with bias feature 1: the weights for the +1 class, then
    /// the bias weight. Values are written in Swift's shortest form that reads back exactly.
    static func writeLiblinear(weights: [Double], bias: Double, solver: String, to path: String) throws {
        var text = "solver_type \(solver)\nnr_class 2\nlabel 1 -1\nnr_feature \(weights.count)\nbias 1\nw\n"
        text.reserveCapacity(text.utf8.count + 24 * (weights.count + 1))
        for weight in weights { text += "\(weight)\n" }
        text += "\(bias)\n"
        try TextFile.write(text, to: path)
    }

    /// Writes a LIBSVM one-class model with an RBF kernel: the header, then one support vector
    /// a line, its coefficient first, with indices from 1.
    static func writeLibsvmOneClass(
        coefficients: [Double], vectors: [SparseVector], gamma: Double, rho: Double, to path: String
    ) throws {
        var text = "svm_type one_class\nkernel_type rbf\ngamma \(gamma)\nnr_class 2\ntotal_sv \(vectors.count)\nrho \(rho)\nSV\n"
        for (coefficient, vector) in zip(coefficients, vectors) {
            text += "\(coefficient)"
            for (index, value) in zip(vector.indices, vector.values) { text += " \(index + 1):\(value)" }
            text += "\n"
        }
        try TextFile.write(text, to: path)
    }

    /// Reads a LIBLINEAR model trained with `-B 1`: the weights for the +1 class, and the bias weight.
    static func liblinear(_ path: String) throws -> (weights: [Double], bias: Double) {
        let lines = try TextFile.read(path).split(separator: "\n")
        guard let labelLine = lines.first(where: { $0.hasPrefix("label ") }),
              let start = lines.firstIndex(of: "w")
        else { throw BenchError("\(path): no 'label' line or 'w' section; is it a LIBLINEAR model?") }
        // The first label listed is the class with positive decision values.
        let sign: Double = labelLine.split(separator: " ").dropFirst().first.flatMap { Double($0) }.map { $0 > 0 ? 1 : -1 } ?? 1
        let values = lines[(start + 1)...].compactMap { Double($0.split(separator: " ").first ?? "") }.map { $0 * sign }
        guard let bias = values.last else { throw BenchError("\(path): no weights") }
        return (Array(values.dropLast()), bias)
    }

    /// Reads a LIBSVM one-class model: the support vectors' coefficients and the vectors.
    static func libsvmOneClass(_ path: String) throws -> (coefficients: [Double], vectors: [SparseVector]) {
        let lines = try TextFile.read(path).split(separator: "\n")
        guard let start = lines.firstIndex(of: "SV") else { throw BenchError("\(path): no 'SV' section; is it a LIBSVM model?") }
        var coefficients: [Double] = []
        var vectors: [SparseVector] = []
        for line in lines[(start + 1)...] {
            let fields = line.split(separator: " ")
            guard let first = fields.first, let coefficient = Double(first) else { continue }
            var indices: [Int32] = []
            var values: [Double] = []
            for field in fields.dropFirst() {
                let parts = field.split(separator: ":")
                guard parts.count == 2, let index = Int32(parts[0]), let value = Double(parts[1]) else { continue }
                indices.append(index - 1)
                values.append(value)
            }
            guard let vector = SparseVector(indices: indices, values: values) else { throw BenchError("\(path): bad support vector") }
            coefficients.append(coefficient)
            vectors.append(vector)
        }
        return (coefficients, vectors)
    }
}
