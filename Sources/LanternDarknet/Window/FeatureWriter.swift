/// Writes a window's feature values into an array's storage in place.
///
/// Appending to `[Double]` checked capacity and uniqueness for each of the forty values of every
/// closed window. The writer checks the summary's array once and stores through a buffer pointer.
struct FeatureWriter {
    private let buffer: UnsafeMutableBufferPointer<Double>
    private(set) var count = 0

    init(buffer: UnsafeMutableBufferPointer<Double>) {
        self.buffer = buffer
    }

    @inline(__always)
    mutating func append(_ value: Double) {
        precondition(count < buffer.count, "more feature values than `WindowFeatures.allNames`")
        buffer[count] = value
        count += 1
    }
}
