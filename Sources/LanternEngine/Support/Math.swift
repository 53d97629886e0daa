// The C math library provides `exp` and `log1p`, so the engine needs no Foundation.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Returns `e^x`.
@inline(__always)
func naturalExponential(_ x: Double) -> Double {
    exp(x)
}

/// Returns `ln(1 + x)`, accurate for small `x`.
@inline(__always)
func naturalLogarithmOnePlus(_ x: Double) -> Double {
    log1p(x)
}
