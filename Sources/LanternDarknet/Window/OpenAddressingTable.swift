/// A key of an `OpenAddressingTable`: equatable, with a cheap 64-bit mix of its bits.
protocol OpenAddressingKey: Equatable {
    var mixedBits: UInt64 { get }
}

extension UInt16: OpenAddressingKey {
    var mixedBits: UInt64 { UInt64(self) }
}

extension UInt32: OpenAddressingKey {
    var mixedBits: UInt64 { UInt64(self) }
}

extension IPAddress: OpenAddressingKey {
    var mixedBits: UInt64 { low ^ (high &* 0x9E37_79B9_7F4A_7C15) ^ (isIPv6 ? 0x5555 : 0) }
}

/// A hash table with linear probing, for the ingest's per-packet and per-window lookups: source
/// hosts to their slots, the keys of a `SmallTable` past its inline four, open subnet-days with
/// their ports and hosts, and the signatures naming a port.
///
/// `Dictionary` and `Set` hash with SipHash and check uniqueness on every mutation, which cost
/// more than the aggregation around them. This table hashes with one multiply by a per-process
/// random odd number, so senders cannot pick colliding ports or addresses without knowing that
/// number. The load factor stays at most 1/2. Removal shifts later entries of the probe run
/// back, so the table never keeps tombstones.
/// - Complexity: O(1) expected per operation.
struct OpenAddressingTable<Key: OpenAddressingKey, Value> {
    /// A bucket. One not in use may keep a removed or filler key, which lookups never compare.
    private struct Slot {
        var key: Key
        var value: Value
        var isUsed: Bool
    }

    private var slots: [Slot] = []
    private var mask = 0
    /// 64 minus the bits of an index, so `home(of:)` keeps the product's top bits.
    private var shift = 64
    private(set) var count = 0

    @inline(__always)
    private func home(of key: Key) -> Int {
        // The top bits of the product depend on every bit of the key. Lower bits ignore the
        // key's top bits, so IPv6 subnets differing only there would share one probe run.
        Int(truncatingIfNeeded: (key.mixedBits &* tableMultiplier) >> UInt64(shift))
    }

    /// Returns the value stored for `key`, or nil.
    @inline(__always)
    func value(for key: Key) -> Value? {
        guard !slots.isEmpty else { return nil }
        var index = home(of: key)
        while slots[index].isUsed {
            if slots[index].key == key { return slots[index].value }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Applies `change` to the value of `key`, which starts as `initial` when new.
    @inline(__always)
    mutating func update(_ key: Key, initial: Value, _ change: (inout Value) -> Void) {
        if 2 * (count + 1) > slots.count { grow(filler: key, initial: initial) }
        var index = home(of: key)
        while slots[index].isUsed {
            if slots[index].key == key {
                change(&slots[index].value)
                return
            }
            index = (index + 1) & mask
        }
        slots[index] = Slot(key: key, value: initial, isUsed: true)
        change(&slots[index].value)
        count += 1
    }

    /// Removes `key` and returns its value, or nil when it was not in the table.
    @discardableResult
    mutating func removeValue(for key: Key) -> Value? {
        guard !slots.isEmpty else { return nil }
        var index = home(of: key)
        while true {
            guard slots[index].isUsed else { return nil }
            if slots[index].key == key { break }
            index = (index + 1) & mask
        }
        let removed = slots[index].value
        // Move each later entry of the probe run into the hole unless its home lies cyclically
        // after the hole, where a lookup would no longer pass the hole to reach it.
        var hole = index
        var next = (hole + 1) & mask
        while slots[next].isUsed {
            let nextHome = home(of: slots[next].key)
            if (hole - nextHome) & mask < (next - nextHome) & mask {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole].isUsed = false
        count -= 1
        return removed
    }

    /// Length of the longest run of adjacent used slots, which bounds every probe. For tests of
    /// the hash.
    var longestRun: Int {
        var longest = 0
        var run = 0
        // Twice round, so a run that wraps past the end is counted whole.
        for index in 0..<(2 * slots.count) {
            run = slots[index & mask].isUsed ? run + 1 : 0
            longest = max(longest, min(run, count))
        }
        return longest
    }

    /// Calls `body` once per key, in no particular order.
    @inline(__always)
    func forEach(_ body: (Key, Value) -> Void) {
        for slot in slots where slot.isUsed { body(slot.key, slot.value) }
    }

    private mutating func grow(filler: Key, initial: Value) {
        let old = slots
        let capacity = max(16, old.count * 2)
        slots = Array(repeating: Slot(key: filler, value: initial, isUsed: false), count: capacity)
        mask = capacity - 1
        shift = 64 - capacity.trailingZeroBitCount
        count = 0
        for slot in old where slot.isUsed {
            update(slot.key, initial: slot.value) { _ in }
        }
    }
}

/// Drawn once per process, odd so the multiply is a bijection.
private let tableMultiplier = UInt64.random(in: 0...UInt64.max) | 1

extension OpenAddressingTable: Sendable where Key: Sendable, Value: Sendable {}
