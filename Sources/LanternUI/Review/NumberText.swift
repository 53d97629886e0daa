import Glibc

/// Number and time formatting without Foundation, independent of the process locale.
enum NumberText {
    /// `value` with `digits` decimals, with a "+" sign for positive values when `sign` is set.
    static func fixed(_ value: Double, digits: Int, sign: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let scale = pow(10.0, Double(digits))
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 1e15 else { return compact(value) }
        let whole = Int64(scaled) / Int64(scale)
        let fraction = Int64(scaled) % Int64(scale)
        var text = String(whole)
        if digits > 0 {
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        let isZero = scaled == 0
        if value < 0 && !isZero { return "-" + text }
        return (sign && !isZero ? "+" : (sign ? " " : "")) + text
    }

    /// At most about 8 characters: integers as they are up to 7 digits, otherwise 3
    /// significant decimals or a mantissa and exponent ("1.2e9").
    static func compact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let magnitude = abs(value)
        if magnitude < 1e7 && value == value.rounded() {
            return String(Int64(value))
        }
        if magnitude >= 1e7 || (magnitude < 1e-3 && magnitude > 0) {
            var exponent = Int(floor(log10(magnitude)))
            var mantissa = value / pow(10.0, Double(exponent))
            if abs(fixed(mantissa, digits: 1)) == "10.0" {
                exponent += 1
                mantissa /= 10
            }
            return fixed(mantissa, digits: 1) + "e" + String(exponent)
        }
        let digits = magnitude >= 1000 ? 1 : (magnitude >= 100 ? 2 : 3)
        return fixed(value, digits: digits)
    }

    /// "YYYY-MM-DD hh:mm:ss" in UTC for seconds since the epoch.
    static func utcTime(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e12 else { return "?" }
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return "?" }
        func two(_ value: Int32) -> String { value < 10 ? "0" + String(value) : String(value) }
        return String(parts.tm_year + 1900) + "-" + two(parts.tm_mon + 1) + "-" + two(parts.tm_mday)
            + " " + two(parts.tm_hour) + ":" + two(parts.tm_min) + ":" + two(parts.tm_sec)
    }
}

private func abs(_ text: String) -> String {
    text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
}
