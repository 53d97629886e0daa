import CChildProcess
import Glibc

/// A pipe whose two ends are closed on exec, so only the descriptors a spawn maps onto 0, 1
/// and 2 reach the child.
final class Pipe2 {
    private(set) var readEnd: Int32
    private(set) var writeEnd: Int32

    init() throws {
        var descriptors: [Int32] = [-1, -1]
        guard lantern_pipe_cloexec(&descriptors) == 0 else {
            throw ChildProcess.LaunchError(executable: "pipe", errorNumber: errno)
        }
        readEnd = descriptors[0]
        writeEnd = descriptors[1]
    }

    func closeReadEnd() {
        if readEnd >= 0 { close(readEnd) }
        readEnd = -1
    }

    func closeWriteEnd() {
        if writeEnd >= 0 { close(writeEnd) }
        writeEnd = -1
    }

    /// Hands the write end to a new owner, which closes it.
    func takeWriteEnd() -> Int32 {
        defer { writeEnd = -1 }
        return writeEnd
    }

    deinit {
        closeReadEnd()
        closeWriteEnd()
    }
}

/// Feeds a child's standard input and reads its two output pipes without blocking on any.
/// It owns the input descriptor and closes it when all input is written or on `finish`.
struct OutputCollector {
    private var input: [UInt8]
    private var inputOffset = 0
    private var inputDescriptor: Int32?
    private let outputDescriptors: [Int32]
    private var open: [Bool]
    private let limit: Int
    private(set) var buffers: [[UInt8]]
    private(set) var truncated = false

    init(input: [UInt8], inputDescriptor: Int32?, outputDescriptors: [Int32], limit: Int) {
        self.input = input
        self.inputDescriptor = inputDescriptor
        self.outputDescriptors = outputDescriptors
        self.limit = limit
        open = outputDescriptors.map { _ in true }
        buffers = outputDescriptors.map { _ in [] }
        for descriptor in outputDescriptors + (inputDescriptor.map { [$0] } ?? []) {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        if input.isEmpty { finishInput() }
    }

    /// Waits up to `milliseconds` for any pipe to be ready, then moves what it can.
    mutating func pump(milliseconds: Int32) {
        var polled = [pollfd]()
        for (index, descriptor) in outputDescriptors.enumerated() where open[index] {
            polled.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
        }
        if let inputDescriptor {
            polled.append(pollfd(fd: inputDescriptor, events: Int16(POLLOUT), revents: 0))
        }
        guard !polled.isEmpty else {
            usleep(UInt32(milliseconds) * 1000)
            return
        }
        guard poll(&polled, nfds_t(polled.count), milliseconds) > 0 else { return }
        readAvailable()
        writeAvailable()
    }

    /// Reads whatever the pipes hold now, without waiting for end of file, and closes the input.
    mutating func finish() {
        readAvailable()
        finishInput()
    }

    private mutating func readAvailable() {
        var chunk = [UInt8](repeating: 0, count: 65536)
        for (index, descriptor) in outputDescriptors.enumerated() where open[index] {
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    let room = max(0, limit - buffers[index].count)
                    if count > room { truncated = true }
                    buffers[index].append(contentsOf: chunk[0..<min(count, room)])
                    continue
                }
                if count == 0 || (errno != EAGAIN && errno != EINTR) { open[index] = false }
                if count < 0 && errno == EINTR { continue }
                break
            }
        }
    }

    private mutating func writeAvailable() {
        guard let descriptor = inputDescriptor else { return }
        // A child that exits without reading makes write fail with EPIPE and raise SIGPIPE,
        // which would end this process; the signal is blocked here and the pending one taken.
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }

        while inputOffset < input.count {
            let count = input[inputOffset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                inputOffset += count
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && errno == EPIPE {
                var zero = timespec()
                _ = sigtimedwait(&pipeSignal, nil, &zero)
                inputOffset = input.count
            }
            break
        }
        if inputOffset >= input.count { finishInput() }
    }

    private mutating func finishInput() {
        if let inputDescriptor { close(inputDescriptor) }
        inputDescriptor = nil
    }
}

/// NUL-terminated C strings for argv and envp, freed with the array.
final class CStringArray {
    private var pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    func withPointers<R>(_ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}
