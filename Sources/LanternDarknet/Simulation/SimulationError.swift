#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Failures of the telescope simulator, the pcap writer and the ground-truth reader.
///
/// NOTE: the darknet module has no shared error enum yet; when one lands, these cases move
/// into it.
public enum SimulationError: Error, Equatable, CustomStringConvertible {
    /// A file could not be opened for writing or reading.
    case cannotOpen(path: String, errno: Int32)
    /// A write to an open file failed.
    case writeFailed(path: String, errno: Int32)
    /// A configuration value is out of range.
    case invalidConfiguration(setting: String, value: String, expected: String)
    /// A ground-truth line is not a valid record.
    case invalidTruthLine(path: String, line: Int, reason: String)
    /// A packet cannot be written: the pcap writer only writes IPv4, IPv6, TCP, UDP, ICMP and ICMPv6.
    case unsupportedPacket(reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let code):
            return "cannot open \(path): \(String(cString: strerror(code))) (errno \(code)); check the path and its permissions"
        case .writeFailed(let path, let code):
            return "writing \(path) failed: \(String(cString: strerror(code))) (errno \(code)); check free disk space"
        case .invalidConfiguration(let setting, let value, let expected):
            return "invalid simulation setting \(setting) = \(value): expected \(expected)"
        case .invalidTruthLine(let path, let line, let reason):
            return "\(path):\(line): invalid ground-truth record: \(reason)"
        case .unsupportedPacket(let reason):
            return "cannot write packet: \(reason)"
        }
    }
}
