import XCTest

@testable import LanternEngine

/// Incremental updates of `LinearSVM` against a retrain from scratch on the same samples.
final class LinearSVMRefineTests: XCTestCase {
    /// Returns parameters with a tight tolerance, so that two solutions of one problem agree to about 1e-7.
    private func parameters(_ loss: LinearSVM.Loss) -> LinearSVM.Parameters {
        LinearSVM.Parameters(cost: 0.5, loss: loss, tolerance: 1e-7, maxIterations: 100_000)
    }

    /// Returns the primal objective of a model trained from scratch on `model`'s samples.
    private func retrainedObjective(of model: LinearSVM, loss: LinearSVM.Loss) throws -> Double {
        let samples = (0..<model.sampleCount).map(model.sample(at:))
        let retrained = try LinearSVM(samples: samples, labels: model.labels, parameters: parameters(loss))
        XCTAssertTrue(retrained.lastReport.converged, "\(loss) retrain")
        return retrained.primalObjective
    }

    func testAddOneAtATimeMatchesRetrain() throws {
        let data = gaussianClasses(count: 640, dimension: 10, shift: 0.7, positiveShare: 0.4, seed: 31)
        for loss in [LinearSVM.Loss.hinge, .squaredHinge] {
            var model = try LinearSVM(
                samples: Array(data.samples[..<600]), labels: Array(data.labels[..<600]), parameters: parameters(loss))
            for i in 600..<640 {
                let report = try model.add(samples: [data.samples[i]], labels: [data.labels[i]])
                XCTAssertTrue(report.converged, "\(loss) add \(i)")
            }
            XCTAssertEqual(model.sampleCount, 640)
            let expected = try retrainedObjective(of: model, loss: loss)
            XCTAssertLessThan(relativeDifference(model.primalObjective, expected), 1e-6, "\(loss)")
        }
    }

    func testSlidingWindowMatchesRetrain() throws {
        let data = gaussianClasses(count: 700, dimension: 10, shift: 0.7, positiveShare: 0.4, seed: 32)
        for loss in [LinearSVM.Loss.hinge, .squaredHinge] {
            var model = try LinearSVM(
                samples: Array(data.samples[..<400]), labels: Array(data.labels[..<400]), parameters: parameters(loss))
            // 300 slides drop every original sample, so the store reclaims its dead prefix.
            for i in 400..<700 {
                try model.add(samples: [data.samples[i]], labels: [data.labels[i]])
                let report = model.removeOldest(1)
                XCTAssertTrue(report.converged, "\(loss) slide \(i)")
            }
            XCTAssertEqual(model.sampleCount, 400)
            XCTAssertEqual(model.sample(at: 0), data.samples[300])
            XCTAssertEqual(model.sample(at: 399), data.samples[699])
            let expected = try retrainedObjective(of: model, loss: loss)
            XCTAssertLessThan(relativeDifference(model.primalObjective, expected), 1e-6, "\(loss)")
        }
    }

    func testRemoveFromMiddleMatchesRetrain() throws {
        let data = gaussianClasses(count: 500, dimension: 8, shift: 0.8, positiveShare: 0.5, seed: 33)
        for loss in [LinearSVM.Loss.hinge, .squaredHinge] {
            var model = try LinearSVM(samples: data.samples, labels: data.labels, parameters: parameters(loss))
            let report = model.remove(at: [3, 250, 251, 499])
            XCTAssertTrue(report.converged, "\(loss)")
            XCTAssertEqual(model.sampleCount, 496)
            XCTAssertEqual(model.sample(at: 3), data.samples[4])
            XCTAssertEqual(model.sample(at: 249), data.samples[252])
            XCTAssertEqual(model.sample(at: 495), data.samples[498])
            let expected = try retrainedObjective(of: model, loss: loss)
            XCTAssertLessThan(relativeDifference(model.primalObjective, expected), 1e-6, "\(loss)")
        }
    }

    func testRelabelMatchesRetrain() throws {
        let data = gaussianClasses(count: 500, dimension: 8, shift: 0.8, positiveShare: 0.5, seed: 34)
        for loss in [LinearSVM.Loss.hinge, .squaredHinge] {
            var model = try LinearSVM(samples: data.samples, labels: data.labels, parameters: parameters(loss))
            for index in [0, 17, 250, 499] {
                let report = model.relabel(at: index, to: !data.labels[index])
                XCTAssertTrue(report.converged, "\(loss) relabel \(index)")
                XCTAssertEqual(model.labels[index], !data.labels[index])
            }
            let expected = try retrainedObjective(of: model, loss: loss)
            XCTAssertLessThan(relativeDifference(model.primalObjective, expected), 1e-6, "\(loss)")
        }
    }

    func testWeightsStayEqualToDualSumAfterSlides() throws {
        let data = gaussianClasses(count: 300, dimension: 6, shift: 1, positiveShare: 0.3, seed: 35)
        var model = try LinearSVM(
            samples: Array(data.samples[..<200]), labels: Array(data.labels[..<200]),
            parameters: parameters(.squaredHinge))
        for i in 200..<300 {
            try model.add(samples: [data.samples[i]], labels: [data.labels[i]])
            model.removeOldest(1)
        }
        var rebuilt = model
        rebuilt.rebuildWeights()
        for (weight, expected) in zip(model.weights, rebuilt.weights) {
            XCTAssertEqual(weight, expected, accuracy: 1e-9)
        }
        XCTAssertEqual(model.intercept, rebuilt.intercept, accuracy: 1e-9)
    }
}
