import Foundation
import LanternDarknet
import LanternEngine
import XCTest

/// Ward merge heights on daily vectors against SciPy's `linkage(method="ward")`; the fixture
/// comes from `SubnetFixtures/make_ward_fixture.py`.
final class SubnetWardSciPyTests: XCTestCase {
    struct Fixture: Decodable {
        struct Row: Decodable {
            var cells: [Int]
            var signatures: [String: Int]
            var windows: Int
        }
        var scipy: String
        var signatures: [String]
        var counts: [Row]
        var linkage: [[Double]]
    }

    func testWardHeightsMatchSciPyOnDailyVectors() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("SubnetFixtures/ward_daily_vectors.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let vector = DailyVector(signatures: fixture.signatures)
        let points = fixture.counts.map { row -> [Double] in
            var counts = SubnetDayCounts()
            counts.cells = row.cells
            counts.signatures = row.signatures
            counts.windows = row.windows
            return vector.vector(counts)
        }
        let reference = fixture.linkage.map { $0[2] }.sorted()
        for threads in [1, 2] {
            let flat = HierarchicalClustering.ward(values: points.flatMap { $0 }, dimension: vector.dimension, threads: threads)
            let heights = flat.merges.map(\.height).sorted()
            XCTAssertEqual(heights.count, reference.count)
            var worst = 0.0
            for (ours, theirs) in zip(heights, reference) {
                // Merges of identical vectors are 0 in SciPy and may be a few ulps above 0 here,
                // because centroids are averaged; hence the absolute floor of 1e-12.
                XCTAssertEqual(ours, theirs, accuracy: 1e-9 * abs(theirs) + 1e-12)
                if theirs > 1e-9 { worst = max(worst, abs(ours - theirs) / theirs) }
            }
            print("threads \(threads): worst relative height difference to SciPy \(fixture.scipy): \(worst)")
        }
        let engine = HierarchicalClustering(points: points, linkage: .ward).merges.map(\.height).sorted()
        for (ours, theirs) in zip(engine, reference) {
            XCTAssertEqual(ours, theirs, accuracy: 1e-9 * abs(theirs) + 1e-12)
        }
    }

    func testFlatWardTinyInputs() {
        XCTAssertEqual(HierarchicalClustering.ward(values: [], dimension: 3).merges, [])
        XCTAssertEqual(HierarchicalClustering.ward(values: [1, 2, 3], dimension: 3).merges, [])
        let line = HierarchicalClustering.ward(values: [0, 1, 5], dimension: 1)
        XCTAssertEqual(line.merges.map(\.height), [1, (4.0 / 3).squareRoot() * 4.5])
    }
}
