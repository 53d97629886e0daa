import XCTest

@testable import LanternEngine

final class HierarchicalClusteringTests: XCTestCase {
    func testLinkageMatchesSciPy() throws {
        let file = try Fixture.load(Fixture.LinkageFile.self, named: "linkage.json")
        for linkage in HierarchicalClustering.Linkage.allCases {
            let reference = try XCTUnwrap(file.linkage[linkage.rawValue], "no SciPy result for \(linkage)")
            let clustering = HierarchicalClustering(points: file.points, linkage: linkage)
            let matrix = clustering.linkageMatrix
            XCTAssertEqual(matrix.count, file.points.count - 1, "\(linkage)")
            for (row, (ours, theirs)) in zip(matrix, reference).enumerated() {
                XCTAssertEqual(ours[0], theirs[0], "\(linkage) row \(row) first")
                XCTAssertEqual(ours[1], theirs[1], "\(linkage) row \(row) second")
                XCTAssertEqual(ours[2], theirs[2], accuracy: 1e-9 * max(1, theirs[2]), "\(linkage) row \(row) height")
                XCTAssertEqual(ours[3], theirs[3], "\(linkage) row \(row) size")
            }
        }
    }

    func testWardHeightsOnLine() {
        // Points 0, 1, 5 on a line: {0,1} merge at 1; then Ward height
        // √(2·2·1/3) · |0.5 − 5| = √(4/3) · 4.5.
        let clustering = HierarchicalClustering(points: [[0], [1], [5]], linkage: .ward)
        XCTAssertEqual(clustering.merges.count, 2)
        XCTAssertEqual(clustering.merges[0], .init(first: 0, second: 1, height: 1, size: 2))
        XCTAssertEqual(clustering.merges[1].first, 2)
        XCTAssertEqual(clustering.merges[1].second, 3)
        XCTAssertEqual(clustering.merges[1].height, (4.0 / 3).squareRoot() * 4.5, accuracy: 1e-12)
        XCTAssertEqual(clustering.merges[1].size, 3)
    }

    func testAverageAndCompleteOnLine() {
        let points: [[Double]] = [[0], [1], [5]]
        // Average: mean of |0−5| and |1−5| = 4.5. Complete: max = 5. Single: min = 4.
        XCTAssertEqual(HierarchicalClustering(points: points, linkage: .average).merges[1].height, 4.5)
        XCTAssertEqual(HierarchicalClustering(points: points, linkage: .complete).merges[1].height, 5)
        XCTAssertEqual(HierarchicalClustering(points: points, linkage: .single).merges[1].height, 4)
    }

    func testTinyInputs() {
        for linkage in HierarchicalClustering.Linkage.allCases {
            XCTAssertEqual(HierarchicalClustering(points: [], linkage: linkage).merges, [])
            let one = HierarchicalClustering(points: [[1, 2]], linkage: linkage)
            XCTAssertEqual(one.merges, [])
            XCTAssertEqual(one.cut(clusterCount: 3), [0])
        }
    }

    func testDuplicatePointsMergeAtZero() {
        let clustering = HierarchicalClustering(points: [[1, 1], [1, 1], [1, 1], [9, 9]], linkage: .ward)
        XCTAssertEqual(clustering.merges.map(\.height).prefix(2), [0, 0])
        XCTAssertEqual(clustering.cut(clusterCount: 2), [0, 0, 0, 1])
    }

    /// The flat Ward path splits scans over threads above 4,096 clusters, which must not change
    /// a merge. Points repeat, so the two halves of a scan also meet exact ties.
    func testFlatWardMergesSameWithTwoThreads() {
        var generator = SeededGenerator(seed: 11)
        let distinct = (0..<2_500).map { _ in (0..<5).map { _ in Double(Int.random(in: 0..<4, using: &generator)) / 3 } }
        let points = distinct + distinct.prefix(2_000)
        let values = points.flatMap { $0 }
        let single = HierarchicalClustering.ward(values: values, dimension: 5, threads: 1)
        let split = HierarchicalClustering.ward(values: values, dimension: 5, threads: 2)
        XCTAssertEqual(single.merges.count, points.count - 1)
        XCTAssertEqual(single.merges, split.merges)
        // Repeats merge first, at 0 or a few ulps above it (merged centroids are averages).
        XCTAssertEqual(single.merges.filter { $0.height < 1e-9 }.count, points.count - Set(points).count)
    }

    /// The flat path against the point-list initialiser: the same merge heights to 1e-9 on
    /// random points (sums run in a different order, so only the last bits may differ).
    func testFlatWardHeightsMatchPointWard() {
        var generator = SeededGenerator(seed: 12)
        let points = (0..<600).map { _ in (0..<7).map { _ in Double.random(in: 0..<1, using: &generator) } }
        let flat = HierarchicalClustering.ward(values: points.flatMap { $0 }, dimension: 7, threads: 1)
        let reference = HierarchicalClustering(points: points, linkage: .ward)
        XCTAssertEqual(flat.merges.count, reference.merges.count)
        for (ours, theirs) in zip(flat.merges, reference.merges) {
            XCTAssertEqual(ours.first, theirs.first)
            XCTAssertEqual(ours.second, theirs.second)
            XCTAssertEqual(ours.size, theirs.size)
            XCTAssertEqual(ours.height, theirs.height, accuracy: 1e-9 * theirs.height)
        }
    }

    func testCutGivesExactClusterCounts() throws {
        let file = try Fixture.load(Fixture.LinkageFile.self, named: "linkage.json")
        let clustering = HierarchicalClustering(points: file.points, linkage: .ward)
        for k in [1, 2, 4, 7, 40, 100] {
            let labels = clustering.cut(clusterCount: k)
            XCTAssertEqual(labels.count, 40)
            XCTAssertEqual(Set(labels).count, min(k, 40), "k = \(k)")
            XCTAssertEqual(labels[0], 0)
        }
        // The fixture draws 4 well-separated blobs of 10 points each.
        let four = clustering.cut(clusterCount: 4)
        XCTAssertEqual((0..<4).map { label in four.filter { $0 == label }.count }, [10, 10, 10, 10])
    }

    func testPrototypesAndNearest() {
        let points: [[Double]] = [[0, 0], [0, 2], [10, 10], [12, 10]]
        let clustering = HierarchicalClustering(points: points, linkage: .average)
        let labels = clustering.cut(clusterCount: 2)
        XCTAssertEqual(labels, [0, 0, 1, 1])
        let prototypes = HierarchicalClustering.prototypes(of: points, labels: labels)
        XCTAssertEqual(prototypes, [[0, 1], [11, 10]])
        XCTAssertEqual(HierarchicalClustering.nearestPrototype(to: [9, 9], among: prototypes), 1)
        XCTAssertEqual(HierarchicalClustering.nearestPrototype(to: [1, 0], among: prototypes), 0)
        XCTAssertNil(HierarchicalClustering.nearestPrototype(to: [1, 0], among: []))
    }
}
