import Foundation

/// A seeded xoshiro256** generator with the distributions the telescope simulator draws from.
///
/// The standard library's `SystemRandomNumberGenerator` cannot be seeded, and a simulation must
/// repeat byte for byte from its seed, so every draw in `Simulation/` goes through this type.
/// Seeding follows the authors' recommendation: four SplitMix64 outputs fill the state
/// (Blackman and Vigna, "Scrambled linear pseudorandom number generators", 2021).
struct SimulationRandom: RandomNumberGenerator {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64) {
        var mixer = seed
        s0 = SimulationRandom.splitMix(&mixer)
        s1 = SimulationRandom.splitMix(&mixer)
        s2 = SimulationRandom.splitMix(&mixer)
        s3 = SimulationRandom.splitMix(&mixer)
    }

    /// A generator for one sub-stream, so a source's draws do not depend on how many other
    /// sources drew before it.
    init(seed: UInt64, stream: UInt64) {
        self.init(seed: SimulationRandom.mix(seed, stream))
    }

    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Hashes two values into one well-mixed 64-bit value.
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var state = a ^ (b &* 0xD6E8_FEB8_6659_FD93)
        return splitMix(&state)
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Draws a uniform value in [0, 1) with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Draws a uniform value in (0, 1], safe to take the logarithm of.
    mutating func openUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    mutating func integer(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    mutating func exponential(mean: Double) -> Double {
        -mean * log(openUnit())
    }

    /// Draws a standard normal value (Box–Muller, one of the pair).
    mutating func normal() -> Double {
        sqrt(-2 * log(openUnit())) * cos(2 * Double.pi * unit())
    }

    /// Draws a log-normal value with the given median and shape (sigma of the underlying normal).
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * normal())
    }

    /// A Poisson count: Knuth's product method for small means, a rounded normal above 40.
    mutating func poisson(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 40 {
            return max(0, Int((mean + sqrt(mean) * normal()).rounded()))
        }
        let limit = exp(-mean)
        var product = unit()
        var count = 0
        while product > limit {
            product *= unit()
            count += 1
        }
        return count
    }

    /// Draws an index with probability proportional to `weights[index]`.
    mutating func index(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }
}

/// A table for drawing indices by weight in O(log n), for the large subnet pools.
struct CumulativeWeights {
    private var cumulative: [Double]

    init(_ weights: [Double]) {
        precondition(!weights.isEmpty, "a weighted draw needs at least one weight")
        var running = 0.0
        cumulative = weights.map { weight in
            running += weight
            return running
        }
    }

    func draw(using random: inout SimulationRandom) -> Int {
        let target = random.unit() * (cumulative.last ?? 0)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
