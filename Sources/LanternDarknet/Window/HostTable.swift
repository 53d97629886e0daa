/// An open-addressing hash table from source addresses to slot numbers, for the one lookup the
/// aggregator makes per packet.
///
/// `Dictionary` hashes each key with SipHash and checks uniqueness on every mutation. This table
/// hashes with one multiply and stores plain integers. The multiplier is drawn at random per
/// table, so a sender who spoofs source addresses cannot choose them to collide without knowing it.
/// Linear probing; deletion shifts later entries back, so the table never holds tombstones.
/// - Complexity: O(1) expected per operation at the load factor of at most 1/2 kept here.
struct HostTable {
    private var keys: [IPAddress]
    /// Slot number of each bucket's key, or -1 for an empty bucket.
    private var values: [Int32]
    private var mask: Int
    private let multiplier: UInt64
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var buckets = 16
        while buckets < 2 * capacity { buckets <<= 1 }
        keys = Array(repeating: IPAddress(ipv4: 0), count: buckets)
        values = Array(repeating: -1, count: buckets)
        mask = buckets - 1
        multiplier = UInt64.random(in: 0...UInt64.max) | 1
    }

    @inline(__always)
    private func bucket(of key: IPAddress) -> Int {
        let mixed = key.spillBits &* multiplier
        return Int(truncatingIfNeeded: mixed >> 32) & mask
    }

    /// Returns the slot stored for `key`, or nil.
    @inline(__always)
    func slot(of key: IPAddress) -> Int32? {
        var index = bucket(of: key)
        while true {
            let value = values[index]
            if value < 0 { return nil }
            if keys[index] == key { return value }
            index = (index + 1) & mask
        }
    }

    /// Stores `slot` for `key`, which must not be in the table yet.
    mutating func insert(_ key: IPAddress, slot: Int32) {
        if 2 * (count + 1) > values.count { grow() }
        var index = bucket(of: key)
        while values[index] >= 0 { index = (index + 1) & mask }
        keys[index] = key
        values[index] = slot
        count += 1
    }

    /// Removes `key` and returns its slot, or nil when it was not in the table.
    @discardableResult
    mutating func remove(_ key: IPAddress) -> Int32? {
        var index = bucket(of: key)
        while true {
            if values[index] < 0 { return nil }
            if keys[index] == key { break }
            index = (index + 1) & mask
        }
        let removed = values[index]
        // Backward-shift deletion: move each later entry of the probe run into the hole when
        // its home bucket does not lie cyclically between the hole and its own position.
        var hole = index
        var next = (hole + 1) & mask
        while values[next] >= 0 {
            let home = bucket(of: keys[next])
            let distanceToNext = (next - home) & mask
            let distanceToHole = (hole - home) & mask
            if distanceToHole < distanceToNext {
                keys[hole] = keys[next]
                values[hole] = values[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        values[hole] = -1
        count -= 1
        return removed
    }

    /// Calls `body` once per entry, in no particular order.
    func forEach(_ body: (IPAddress, Int32) -> Void) {
        for index in values.indices where values[index] >= 0 { body(keys[index], values[index]) }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: IPAddress(ipv4: 0), count: oldValues.count * 2)
        values = Array(repeating: -1, count: oldValues.count * 2)
        mask = values.count - 1
        count = 0
        for index in oldValues.indices where oldValues[index] >= 0 { insert(oldKeys[index], slot: oldValues[index]) }
    }
}
