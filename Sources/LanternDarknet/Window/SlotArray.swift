/// An array whose elements keep their position (slot) while they live, and whose freed slots
/// are reused before it grows, so other tables can refer to an element by a 32-bit slot.
///
/// The aggregator keeps host states and open windows in slot arrays, and the simulator its
/// active sources, so that elements are updated where they lie instead of being moved between
/// dictionaries.
struct SlotArray<Element> {
    /// Every slot, freed ones included; a freed slot keeps its last element until reused.
    private(set) var elements: [Element] = []
    private var freeSlots: [Int32] = []

    // `_read` lends the stored element for reading a field or calling a method, where a plain
    // getter returned a copy of the whole element. It did not stop the copy when summarising a
    // window accumulator, so that goes through a buffer pointer (`summarize(_:into:)`).
    subscript(slot: Int32) -> Element {
        _read { yield elements[Int(slot)] }
        _modify { yield &elements[Int(slot)] }
    }

    /// Stores `element` in a freed slot, or a new one, and returns the slot. The element is
    /// consumed, so it moves into the array instead of being copied.
    mutating func store(_ element: consuming Element) -> Int32 {
        if let slot = freeSlots.popLast() {
            elements[Int(slot)] = element
            return slot
        }
        elements.append(element)
        return Int32(elements.count - 1)
    }

    /// Stores a new element and returns its slot: `reuse` turns a freed slot's old element into
    /// the new one in place, else `make` builds one. For elements that own storage worth keeping.
    mutating func store(_ make: () -> Element, reusing reuse: (inout Element) -> Void) -> Int32 {
        if let slot = freeSlots.popLast() {
            reuse(&elements[Int(slot)])
            return slot
        }
        elements.append(make())
        return Int32(elements.count - 1)
    }

    /// Marks `slot` free for `store` to reuse.
    mutating func free(_ slot: Int32) {
        freeSlots.append(slot)
    }
}
