import CChildProcess
import Glibc

/// Runs a program directly, never through a shell, and collects its output.
///
/// Foundation's `Process` (swift-corelibs-foundation in Swift 6.3.1) learns that a child ended
/// when a socket the child inherited closes.
/// A child that starts a daemon (the first `tmux new-session` starts the tmux server) passes
/// that socket on, and `waitUntilExit` then waits for the daemon's whole life. This runner
/// spawns with every descriptor above 2 closed, waits with `waitpid`, stops reading when the
/// child has ended, and stops the child's process group at a deadline.
public enum ChildProcess {
    /// The outcome of a finished or stopped child.
    public struct Result: Sendable, Equatable {
        /// The exit status, or 128 plus the signal number when a signal ended the child.
        public var status: Int32
        public var standardOutput: [UInt8]
        public var standardError: [UInt8]
        /// Whether the child was stopped with SIGKILL because the deadline passed.
        public var timedOut: Bool
        /// Whether output beyond `outputLimit` bytes per stream was dropped.
        public var truncated: Bool

        public var output: String { String(decoding: standardOutput, as: UTF8.self) }
        public var errorOutput: String { String(decoding: standardError, as: UTF8.self) }
    }

    /// A failure to start the program at all.
    public struct LaunchError: Error, Sendable, Equatable, CustomStringConvertible {
        public var executable: String
        public var errorNumber: Int32

        public var description: String {
            "cannot run \(executable): \(String(cString: strerror(errorNumber)))"
        }
    }

    /// Runs `executable` with `arguments` and returns when it has ended.
    /// - Parameters:
    ///   - input: bytes written to the child's standard input, which is then closed; with nil
    ///     the child reads /dev/null.
    ///   - environment: the child's whole environment; nil passes this process's environment on.
    ///   - directory: the child's working directory; nil keeps this process's.
    ///   - timeout: seconds before the child's process group gets SIGKILL; nil waits without end.
    ///   - outputLimit: bytes kept per output stream; the rest is read and dropped, so the
    ///     child never blocks on a full pipe.
    /// - Throws: `LaunchError` when the program cannot be started (not found, not executable).
    public static func run(
        _ executable: String, _ arguments: [String], input: [UInt8]? = nil, environment: [String: String]? = nil,
        directory: String? = nil, timeout: Double? = nil, outputLimit: Int = 64 << 20
    ) throws -> Result {
        let standardInput = try input == nil ? nil : Pipe2()
        let standardOutput = try Pipe2()
        let standardError = try Pipe2()
        let nullDevice = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { if nullDevice >= 0 { close(nullDevice) } }

        let pid = try spawn(
            executable, arguments, environment: environment, directory: directory,
            descriptors: (standardInput?.readEnd ?? nullDevice, standardOutput.writeEnd, standardError.writeEnd))
        // An interrupted parent takes the child's process group with it.
        // NOTE: one guarded group at a time; runs from two threads would guard only the later.
        lantern_child_guard_begin(pid)
        defer { lantern_child_guard_end() }
        standardInput?.closeReadEnd()
        standardOutput.closeWriteEnd()
        standardError.closeWriteEnd()

        var collector = OutputCollector(
            input: input ?? [], inputDescriptor: standardInput?.takeWriteEnd(),
            outputDescriptors: [standardOutput.readEnd, standardError.readEnd], limit: outputLimit)
        let deadline = timeout.map { monotonicSeconds() + $0 }
        var timedOut = false
        var waitStatus: Int32 = 0
        while true {
            collector.pump(milliseconds: 50)
            if waitpid(pid, &waitStatus, WNOHANG) == pid { break }
            if let deadline, monotonicSeconds() > deadline {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                while waitpid(pid, &waitStatus, 0) < 0 && errno == EINTR {}
                timedOut = true
                break
            }
        }
        // What the child wrote before it ended is in the pipes now. A grandchild may keep the
        // pipes open, so reading stops at the first empty read instead of at end of file.
        collector.finish()

        return Result(
            status: exitCode(waitStatus), standardOutput: collector.buffers[0], standardError: collector.buffers[1],
            timedOut: timedOut, truncated: collector.truncated)
    }

    private static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String]?, directory: String?,
        descriptors: (Int32, Int32, Int32)
    ) throws -> pid_t {
        let argv = CStringArray([executable] + arguments)
        let envp = environment.map { CStringArray($0.map { "\($0.key)=\($0.value)" }.sorted()) }
        var pid: pid_t = 0
        let status = argv.withPointers { argvPointer in
            withOptionalPointers(envp) { envpPointer in
                lantern_spawn(executable, argvPointer, envpPointer ?? UnsafePointer(environ), directory,
                              descriptors.0, descriptors.1, descriptors.2, &pid)
            }
        }
        guard status == 0 else { throw LaunchError(executable: executable, errorNumber: status) }
        return pid
    }

    private static func withOptionalPointers<R>(
        _ array: CStringArray?, _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>?) -> R
    ) -> R {
        guard let array else { return body(nil) }
        return array.withPointers { body($0) }
    }

    static func exitCode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
