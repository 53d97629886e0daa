import XCTest
@testable import LanternDarknet

/// `SignatureIndex` must find exactly the signatures `Signature.matches` accepts.
final class SignatureIndexTests: XCTestCase {
    /// Random rules (overlapping ranges, ranges too wide to list, shares of 0 and 1, narrow
    /// buckets) against random windows, including the built-in rules.
    func testIndexMatchesSignatureMatches() {
        var random = SystemRandomNumberGenerator()
        func range() -> ClosedRange<UInt16> {
            let low = UInt16.random(in: 0..<60, using: &random)
            let width = Bool.random(using: &random) ? 0 : UInt16.random(in: 0...2000, using: &random)
            return low...(low &+ width < low ? UInt16.max : low + width)
        }
        func buckets() -> Set<Int> {
            Set((0..<3).filter { _ in Int.random(in: 0..<4, using: &random) > 0 })
        }
        var signatures = SignatureSet.builtIn.signatures
        for index in 0..<40 {
            signatures.append(Signature(
                name: "rule-\(index)", title: "", proto: TAPProtocol.allCases.randomElement(using: &random)!,
                ports: (0..<Int.random(in: 0...3, using: &random)).map { _ in range() },
                destinationBuckets: buckets(), portBuckets: buckets(),
                minimumShare: [0, 0.25, 0.5, 1].randomElement(using: &random)!))
        }
        let index = SignatureIndex(signatures)
        let thresholds = TAPThresholds()
        var scratch = MatchScratch()
        var matchedSomething = 0
        for round in 0..<2000 {
            var window = WindowSummary()
            window.tapPackets = (0..<3).map { _ in Int.random(in: 0...3, using: &random) * Int.random(in: 0...20, using: &random) }
            window.tapDestinations = window.tapPackets.map { $0 == 0 ? 0 : Int.random(in: 1...min($0, 300), using: &random) }
            window.tapPorts = window.tapPackets.map { $0 == 0 ? 0 : Int.random(in: 1...min($0, 40), using: &random) }
            window.topDestinationPorts = (0..<Int.random(in: 0...5, using: &random)).map { _ in
                (key: UInt32.random(in: 0..<3, using: &random) << 16 | UInt32.random(in: 0..<80, using: &random),
                 count: Int.random(in: 1...20, using: &random))
            }
            let cells = TAPCell.cells(of: window, thresholds: thresholds)
            let expected = signatures.indices.filter { signatures[$0].matches(window, cells: cells) }
            var found: [Int] = []
            for cell in cells {
                index.findMatches(window, cell: cell.index, scratch: &scratch)
                found += scratch.matches.map(Int.init)
            }
            XCTAssertEqual(found.sorted(), expected, "round \(round)")
            matchedSomething += expected.isEmpty ? 0 : 1
        }
        XCTAssertGreaterThan(matchedSomething, 500, "the random windows must match rules often enough to test them")
    }
}
