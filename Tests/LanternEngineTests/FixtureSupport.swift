import Foundation
import XCTest

@testable import LanternEngine

/// Reference results written by `scripts/engine-fixtures/make_fixtures.py` (scikit-learn, SciPy).
///
/// The test target declares no resources, so the files are read next to this source file.
enum Fixture {
    static func load<T: Decodable>(_ type: T.Type, named name: String) throws -> T {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONDecoder().decode(type, from: data)
    }

    struct LinearFile: Decodable {
        var datasets: [LinearDataset]
    }

    struct LinearDataset: Decodable {
        var name: String
        var trainX: [[Double]]
        var trainY: [Int]
        var testX: [[Double]]
        var cases: [LinearCase]
    }

    struct LinearCase: Decodable {
        var loss: String
        var positiveCost: Double
        var negativeCost: Double
        var weights: [Double]
        var intercept: Double
        var primalObjective: Double
        var testDecisionValues: [Double]
    }

    struct KernelFile: Decodable {
        var dataset: KernelDataset
    }

    struct KernelDataset: Decodable {
        var trainX: [[Double]]
        var trainY: [Int]
        var testX: [[Double]]
        var cases: [KernelCase]
    }

    struct KernelCase: Decodable {
        var gamma: Double
        var positiveCost: Double
        var negativeCost: Double
        var intercept: Double
        var supportVectorCount: Int
        var dualObjective: Double
        var testDecisionValues: [Double]
    }

    struct LinkageFile: Decodable {
        var points: [[Double]]
        var linkage: [String: [[Double]]]
    }
}

/// Returns the share of positions where the two arrays have the same sign.
func signAgreement(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count && !a.isEmpty)
    let agreeing = zip(a, b).filter { ($0 > 0) == ($1 > 0) }.count
    return Double(agreeing) / Double(a.count)
}

/// Returns `|a − b| / max(|b|, 1e-12)`.
func relativeDifference(_ a: Double, _ b: Double) -> Double {
    abs(a - b) / max(abs(b), 1e-12)
}

/// Two Gaussian classes in `dimension` dense dimensions, drawn from `seed`.
func gaussianClasses(count: Int, dimension: Int, shift: Double, positiveShare: Double, seed: UInt64)
    -> (samples: [SparseVector], labels: [Bool])
{
    var generator = SeededGenerator(seed: seed)
    var samples: [SparseVector] = []
    var labels: [Bool] = []
    for _ in 0..<count {
        let positive = Double.random(in: 0..<1, using: &generator) < positiveShare
        var row: [Double] = []
        for _ in 0..<dimension {
            // Box–Muller from two uniforms.
            let u = Double.random(in: Double.ulpOfOne..<1, using: &generator)
            let v = Double.random(in: 0..<1, using: &generator)
            row.append((-2 * log(u)).squareRoot() * cos(2 * Double.pi * v) + (positive ? shift : 0))
        }
        samples.append(SparseVector(dense: row))
        labels.append(positive)
    }
    return (samples, labels)
}
