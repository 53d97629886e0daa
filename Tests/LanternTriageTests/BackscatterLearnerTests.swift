import XCTest
import LanternDarknet
@testable import LanternStore
@testable import LanternTriage

/// Windows built by hand: backscatter answers many random ports from one service port;
/// scanners send one kind of probe to one port.
final class BackscatterLearnerTests: XCTestCase {
    private var nextID: Int64 = 0

    private func window(source: String, kind: PacketKind, packets: Int, destinationPorts: Int, mechanical: MechanicalLabel?) -> StoredWindow {
        nextID += 1
        var features = [Double](repeating: 0, count: WindowFeatures.allNames.count)
        features[0] = Double(packets)
        features[1] = 30 / Double(packets)
        features[3] = 1
        features[4] = Double(packets)
        features[6] = Double(packets)
        features[9] = Double(destinationPorts)
        features[10] = Double(packets) / Double(destinationPorts)
        features[12] = 1
        features[17 + kind.rawValue] = 1
        features[17 + PacketKind.allCases.count] = 1
        var kinds = [Int](repeating: 0, count: PacketKind.allCases.count)
        kinds[kind.rawValue] = packets
        return StoredWindow(id: nextID, source: source, windowStart: Double(nextID) * 30, firstSeen: Double(nextID) * 30,
                            lastSeen: Double(nextID) * 30 + 29, packets: packets, transport: .tcp, servicePort: 80, quotedPort: 0,
                            packetsFromWebOrDNSPort: mechanical == nil ? 0 : packets, mechanicalLabel: mechanical,
                            features: features, kindCounts: kinds, destinationBlocks: Array(repeating: 0, count: 16), score: nil)
    }

    private func population() -> [StoredWindow] {
        var windows = [StoredWindow]()
        for i in 0..<60 { windows.append(window(source: "192.0.2.\(i)", kind: .synAck, packets: 20 + i, destinationPorts: 18 + i, mechanical: .backscatter)) }
        for i in 0..<20 { windows.append(window(source: "198.51.100.\(i)", kind: .syn, packets: 10 + i, destinationPorts: 1, mechanical: .notBackscatter)) }
        // SYN-ACK probes to one port: packet types say backscatter, behaviour says scanner.
        for i in 0..<30 { windows.append(window(source: "203.0.113.\(i)", kind: .synAck, packets: 40 + i, destinationPorts: 1, mechanical: nil)) }
        return windows
    }

    func testOneClassKeepsModelInactiveAndUsesPacketTypes() {
        let windows = population().filter { $0.mechanicalLabel != .notBackscatter }
        let learner = BackscatterLearner(windows: windows, labels: [])
        XCTAssertFalse(learner.state.active)
        XCTAssertEqual(learner.score(windows[0]), 1, accuracy: 1e-12)
    }

    func testBothClassesActivateModel() {
        let windows = population()
        let learner = BackscatterLearner(windows: windows, labels: [])
        XCTAssertTrue(learner.state.active)
        XCTAssertEqual(learner.state.trainedOn.mechanicalBackscatter, 60)
        XCTAssertEqual(learner.state.trainedOn.mechanicalNotBackscatter, 20)
        XCTAssertGreaterThan(learner.score(windows[0]), 0)
        XCTAssertLessThan(learner.score(windows[70]), 0)
    }

    func testAnalystLabelMovesBoundaryAndWithdrawRestores() {
        let windows = population()
        let learner = BackscatterLearner(windows: windows, labels: [])
        let probe = windows[85]
        let before = learner.score(probe)
        learner.update(window: probe, label: .notBackscatter)
        let after = learner.score(probe)
        XCTAssertLessThan(after, before, "a not-backscatter label lowers the window's decision value")
        XCTAssertEqual(learner.state.trainedOn.analystNotBackscatter, 1)
        learner.withdraw(window: probe)
        XCTAssertEqual(learner.state.trainedOn.analystNotBackscatter, 0)
        XCTAssertEqual(learner.score(probe), before, accuracy: 0.05 * max(1, abs(before)))
    }

    func testRBFKernelTrainsUpdatesAndScoresFromSavedState() {
        let windows = population()
        var settings = BackscatterSettings()
        settings.kernel = .rbf
        let learner = BackscatterLearner(windows: windows, labels: [], settings: settings)
        XCTAssertTrue(learner.state.active)
        XCTAssertEqual(learner.state.kernel, .rbf)
        XCTAssertTrue(learner.state.description.hasPrefix("rbf C="), learner.state.description)
        XCTAssertFalse(learner.state.supportVectors.isEmpty)
        XCTAssertGreaterThan(learner.score(windows[0]), 0)
        XCTAssertLessThan(learner.score(windows[70]), 0)
        let probe = windows[85]
        let before = learner.score(probe)
        learner.update(window: probe, label: .notBackscatter)
        XCTAssertLessThan(learner.score(probe), before)
        XCTAssertLessThan(learner.score(probe), 0, "an RBF model takes a labelled point's side")
    }

    func testAutoKernelKeepsLinearOnATie() {
        let learner = BackscatterLearner(windows: population(), labels: [])
        XCTAssertEqual(learner.state.kernel, .linear, "mechanical rows here are separable, so linear ties and is kept")
    }

    func testQueueAsksAboutUnlabelledBehaviourFirst() {
        let windows = population()
        let learner = BackscatterLearner(windows: windows, labels: [])
        let builder = ReviewQueueBuilder(windows: windows, rows: windows.map { learner.state.transform.apply($0.features) }, groupCount: 6)
        let queue = builder.build(scores: windows.map(learner.score), analystLabelled: [], excluded: [])
        let first = try? XCTUnwrap(queue.first)
        XCTAssertEqual(first?.reason, .unlikeAnyLabel)
        XCTAssertTrue(windows[first?.index ?? 0].source.hasPrefix("203.0.113."), "the unlabelled SYN-ACK probes are asked about first")
        XCTAssertFalse(queue.contains { windows[$0.index].mechanicalLabel != nil }, "mechanically labelled windows are never queued")
    }

    func testCorsaroRuleNeedsVolumeAndDuration() {
        var windows = [StoredWindow]()
        for i in 0..<4 {
            var w = window(source: "192.0.2.1", kind: .synAck, packets: 20, destinationPorts: 20, mechanical: nil)
            w.windowStart = Double(i) * 30
            w.firstSeen = w.windowStart
            w.lastSeen = w.windowStart + 29
            windows.append(w)
        }
        var small = window(source: "192.0.2.2", kind: .synAck, packets: 5, destinationPorts: 5, mechanical: nil)
        small.windowStart = 0
        windows.append(small)
        let hits = CorsaroDoSRule().backscatterWindows(windows)
        XCTAssertEqual(hits.count, 4)
        XCTAssertFalse(hits.contains(small.id))
    }
}
