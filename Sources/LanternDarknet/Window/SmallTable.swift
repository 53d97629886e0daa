/// A table from keys to values that keeps its first four keys inline and moves to a hash table
/// (`OpenAddressingTable`) only from the fifth distinct key on.
///
/// Most windows of a darknet capture hold one to three packets, so their per-port and
/// per-destination tables never allocate. Lookup is a linear scan of the inline keys, then one
/// hash lookup when keys have spilled. Iteration order is unspecified, as with `Dictionary`.
/// - Complexity: O(1) per update; O(n) to iterate n keys.
struct SmallTable<Key: OpenAddressingKey, Value> {
    static var inlineCapacity: Int { 4 }

    private var inlineKeys: InlineArray<4, Key>
    private var inlineValues: InlineArray<4, Value>
    private var inlineCount = 0
    private var spilled = OpenAddressingTable<Key, Value>()
    private let initialValue: Value

    /// - Parameters:
    ///   - filler: any key; it only fills unused inline slots and is never reported.
    ///   - initialValue: the value a key starts with when first updated.
    init(filler: Key, initialValue: Value) {
        inlineKeys = InlineArray(repeating: filler)
        inlineValues = InlineArray(repeating: initialValue)
        self.initialValue = initialValue
    }

    /// Number of distinct keys.
    @inline(__always)
    var count: Int { inlineCount + spilled.count }

    /// Applies `change` to the value of `key`, starting from `initialValue` for a new key.
    @inline(__always)
    mutating func update(_ key: Key, _ change: (inout Value) -> Void) {
        for i in 0..<inlineCount where inlineKeys[i] == key {
            change(&inlineValues[i])
            return
        }
        if inlineCount < SmallTable.inlineCapacity {
            inlineKeys[inlineCount] = key
            inlineValues[inlineCount] = initialValue
            change(&inlineValues[inlineCount])
            inlineCount += 1
        } else {
            spilled.update(key, initial: initialValue, change)
        }
    }

    /// Removes every key. The inline part is only marked empty. A spilled table is dropped,
    /// because few windows spill and a reused slot should not keep a scan's table.
    @inline(__always)
    mutating func removeAll() {
        inlineCount = 0
        if spilled.count > 0 { spilled = OpenAddressingTable() }
    }

    /// Calls `body` once per key.
    @inline(__always)
    func forEach(_ body: (Key, Value) -> Void) {
        for i in 0..<inlineCount { body(inlineKeys[i], inlineValues[i]) }
        spilled.forEach(body)
    }
}

extension SmallTable where Value == Int32 {
    /// Creates an empty count table.
    init(filler: Key) {
        self.init(filler: filler, initialValue: 0)
    }

    /// Adds one to the count of `key` and returns the new count.
    @discardableResult
    mutating func increment(_ key: Key) -> Int32 {
        var count: Int32 = 0
        update(key) { value in
            value += 1
            count = value
        }
        return count
    }
}
