/// A key of a `SpillTable`: equatable, with a cheap 64-bit mix of its bits.
protocol SpillKey: Equatable {
    var spillBits: UInt64 { get }
}

extension UInt16: SpillKey {
    var spillBits: UInt64 { UInt64(self) }
}

extension UInt32: SpillKey {
    var spillBits: UInt64 { UInt64(self) }
}

extension IPAddress: SpillKey {
    var spillBits: UInt64 { low ^ (high &* 0x9E37_79B9_7F4A_7C15) ^ (isIPv6 ? 0x5555 : 0) }
}

/// An open-addressing hash table for the keys of a `SmallTable` past its inline four, and for
/// the distinct hosts of a subnet-day.
///
/// A window's tables spill when it touches many ports or addresses: a scan or a flood's
/// backscatter, which are also the windows with the most packets. `Dictionary` paid SipHash on
/// each of those packets. This table hashes with one multiply by a per-process random odd
/// number, so senders cannot pick colliding ports or addresses without knowing that number.
/// Linear probing at a load factor of at most 1/2; entries are never removed.
struct SpillTable<Key: SpillKey, Value> {
    private struct Slot {
        var key: Key
        var value: Value
        var isUsed: Bool
    }

    private static var multiplier: UInt64 { spillMultiplier }

    private var slots: [Slot] = []
    private var mask = 0
    private(set) var count = 0

    /// Applies `change` to the value of `key`, which starts as `initial` when new.
    @inline(__always)
    mutating func update(_ key: Key, initial: Value, _ change: (inout Value) -> Void) {
        if 2 * (count + 1) > slots.count { grow(filler: key, initial: initial) }
        var index = Int(truncatingIfNeeded: (key.spillBits &* SpillTable.multiplier) >> 32) & mask
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
        count = 0
        for slot in old where slot.isUsed {
            update(slot.key, initial: slot.value) { _ in }
        }
    }
}

/// Drawn once per process, odd so the multiply is a bijection.
private let spillMultiplier = UInt64.random(in: 0...UInt64.max) | 1
