/// A signature set arranged to test closed windows quickly: signatures by the destination ports
/// they name and by the TAP cells they allow.
///
/// Testing every signature of a window's cell against the window, as `Signature.matches` does,
/// cost about 900 instructions per window with the built-in rules. Here a window looks up its at
/// most five top ports and tests only the signatures they name, plus the few that match on their
/// cell alone. The results are those of `Signature.matches`, which a test checks on random rules.
struct SignatureIndex: Sendable {
    /// The run of `signaturesByPort` that lists the signatures naming one port.
    private struct Run: Sendable {
        var start: Int32
        var count: Int32
    }

    /// Number of signatures, indexed as in the set the index was built from.
    let count: Int
    /// `protocol << 16 | port` → the signatures naming that port, for signatures that name few
    /// enough ports to list one by one.
    private var ports = OpenAddressingTable<UInt32, Run>()
    private var signaturesByPort: [Int32] = []
    /// Per protocol, the signatures naming too many ports to list, tested range by range.
    private var wide: [[(signature: Int32, ranges: [ClosedRange<UInt16>])]] = [[], [], []]
    /// Whether signature s allows cell c, at `c * count + s`.
    private var allowed: [Bool]
    /// Per cell, the allowed signatures whose minimum share is 0 or less: they match any window
    /// in the cell, since a window is tested only in cells where it sent packets.
    private var matchingAnyWindow: [[Int32]]
    private var minimumShares: [Double]

    /// Signatures naming at most this many ports, over all their ranges, are listed port by
    /// port. The bound keeps the table small when a rules file names whole port ranges.
    private static let maxListedPorts = 1024

    init(_ signatures: [Signature]) {
        count = signatures.count
        allowed = [Bool](repeating: false, count: TAPCell.count * signatures.count)
        matchingAnyWindow = [[Int32]](repeating: [], count: TAPCell.count)
        minimumShares = signatures.map(\.minimumShare)

        var listed: [UInt32: [Int32]] = [:]
        for (index, signature) in signatures.enumerated() {
            let signatureIndex = Int32(index)
            for cell in TAPCell.all where signature.allows(cell) {
                allowed[cell.index * count + index] = true
                if signature.minimumShare <= 0 { matchingAnyWindow[cell.index].append(signatureIndex) }
            }
            let proto = UInt32(signature.proto.rawValue)
            if signature.ports.reduce(0, { $0 + $1.count }) > SignatureIndex.maxListedPorts {
                wide[signature.proto.rawValue].append((signatureIndex, signature.ports))
                continue
            }
            // A set, so a port inside two ranges of one signature counts once, as in `covers(port:)`.
            var keys = Set<UInt32>()
            for range in signature.ports {
                for port in range { keys.insert(proto << 16 | UInt32(port)) }
            }
            for key in keys { listed[key, default: []].append(signatureIndex) }
        }
        for (key, indices) in listed {
            ports.update(key, initial: Run(start: Int32(signaturesByPort.count), count: Int32(indices.count))) { _ in }
            signaturesByPort += indices
        }
    }

    /// Finds the signatures that match `window` in TAP cell `cell` and leaves their indices,
    /// once each, in `scratch.matches`. The window must have sent packets of the cell's protocol.
    /// The result goes into the caller's scratch space rather than to a closure, so no call
    /// allocates and the caller's state is not captured (a capture copied this index per window).
    @inline(__always)
    func findMatches(_ window: WindowSummary, cell: Int, scratch: inout MatchScratch) {
        scratch.prepare(signatures: count)
        if !matchingAnyWindow[cell].isEmpty { scratch.matches.append(contentsOf: matchingAnyWindow[cell]) }
        let proto = cell / 9
        for entry in window.topDestinationPorts where entry.key >> 16 == UInt32(proto) {
            if let run = ports.value(for: entry.key) {
                for position in Int(run.start)..<Int(run.start + run.count) {
                    scratch.add(entry.count, to: signaturesByPort[position])
                }
            }
            let port = UInt16(truncatingIfNeeded: entry.key)
            for (signature, ranges) in wide[proto] where ranges.contains(where: { $0.contains(port) }) {
                scratch.add(entry.count, to: signature)
            }
        }
        let total = Double(window.tapPackets[proto])
        for signature in scratch.touched {
            let index = Int(signature)
            let share = minimumShares[index]
            guard share > 0, allowed[cell * count + index] else { continue }
            if Double(scratch.packets[index]) >= share * total { scratch.matches.append(signature) }
        }
    }
}

/// Scratch space for matching one window: packets to each signature's ports, the signatures
/// touched and the signatures found. Indexed by signature, so an addition costs the same
/// however many rules there are.
struct MatchScratch {
    fileprivate var packets: [Int] = []
    fileprivate var touched: [Int32] = []
    /// The signatures `SignatureIndex.findMatches` found, once each.
    fileprivate(set) var matches: [Int32] = []

    init() {}

    /// Clears what the previous window left, and sizes the space for `signatures` rules.
    @inline(__always)
    fileprivate mutating func prepare(signatures: Int) {
        if !matches.isEmpty { matches.removeAll(keepingCapacity: true) }
        if packets.count != signatures { packets = [Int](repeating: 0, count: signatures) }
        guard !touched.isEmpty else { return }
        for signature in touched { packets[Int(signature)] = 0 }
        touched.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    fileprivate mutating func add(_ count: Int, to signature: Int32) {
        if packets[Int(signature)] == 0 { touched.append(signature) }
        packets[Int(signature)] += count
    }
}
