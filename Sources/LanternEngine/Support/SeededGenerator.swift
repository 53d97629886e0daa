/// A deterministic random number generator (SplitMix64), so that training and cross-validation
/// give the same result for the same seed on every platform.
///
/// The standard library's `SystemRandomNumberGenerator` cannot be seeded, and the order in which
/// coordinate descent visits samples changes the iterate it stops at, so reproducible models
/// need a seeded source. SplitMix64 passes BigCrush and is a few instructions per draw, which
/// matters because the linear solver draws once per sample per pass.
/// Source: Steele, Lea, Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Codable, Equatable {
    /// The generator state; two generators with equal state produce the same sequence.
    public private(set) var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// Returns the next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
