import CNcurses
import Glibc

/// Signal handling while ncurses owns the terminal.
///
/// SIGINT, SIGTERM, SIGQUIT (Ctrl-\, which the Swift runtime would otherwise treat as a crash
/// and answer with a backtrace over the screen) and SIGHUP (the terminal went away) only record
/// the signal number. The event loop reads it within one key timeout, restores the terminal and
/// throws `UIError.interrupted`. Fatal signals (SIGSEGV,
/// SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, which include Swift runtime traps) cannot
/// return to the loop, so their handler restores the terminal itself with `endwin`, points
/// stderr back at the terminal, prints the log path, then re-installs the previous handler
/// (the Swift backtracer, if any) and re-raises.
///
/// NOTE: `endwin` is not async-signal-safe. It is called only on the way to a crash, as htop
/// does, because a terminal left in raw mode is worse than the small risk of a deadlock there.
enum SignalState {
    /// Signal number waiting for the loop, 0 for none. Allocated once, before any handler is
    /// installed, so the handler never triggers a lazy initialisation.
    static let pending: UnsafeMutablePointer<sig_atomic_t> = {
        let pointer = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return pointer
    }()

    /// stderr's descriptor before it was redirected, -1 when it is not; used by the crash handler.
    static let savedStderr: UnsafeMutablePointer<Int32> = {
        let pointer = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        pointer.initialize(to: -1)
        return pointer
    }()

    /// The crash message as C bytes, written with `write(2)` from the handler.
    static let crashMessage: UnsafeMutablePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1024)
        pointer.initialize(repeating: 0, count: 1024)
        return pointer
    }()

    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]
    static let interruptSignals: [Int32] = [SIGINT, SIGTERM, SIGQUIT, SIGHUP]

    /// Handlers that were installed before ours, indexed by signal number (all are below 32).
    /// A fixed C array, so the crash handler reads it without Swift allocation or locking.
    static let previousActions: UnsafeMutablePointer<sigaction> = {
        let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: 32)
        pointer.initialize(repeating: sigaction(), count: 32)
        return pointer
    }()
    static let installed: UnsafeMutablePointer<Bool> = {
        let pointer = UnsafeMutablePointer<Bool>.allocate(capacity: 1)
        pointer.initialize(to: false)
        return pointer
    }()

    /// Installs the handlers, keeping the previous ones for `uninstall()` and for re-raising.
    /// `message` is printed if the program crashes while the screen is active.
    static func install(crashMessage message: String) {
        _ = pending.pointee
        _ = savedStderr.pointee
        _ = previousActions.pointee
        let bytes = Array(message.utf8.prefix(1022)) + [10, 0]
        for (index, byte) in bytes.enumerated() { crashMessage[index] = CChar(bitPattern: byte) }
        pending.pointee = 0

        for signal in interruptSignals + fatalSignals {
            sigaction(signal, nil, previousActions + Int(signal))
        }
        installed.pointee = true
        for signal in interruptSignals {
            setHandler(signal) { number in
                SignalState.pending.pointee = number
            }
        }
        for signal in fatalSignals {
            setHandler(signal) { number in
                SignalState.handleFatal(number)
            }
        }
    }

    /// Puts back the handlers that were there before `install`.
    static func uninstall() {
        guard installed.pointee else { return }
        for signal in interruptSignals + fatalSignals {
            sigaction(signal, previousActions + Int(signal), nil)
        }
        installed.pointee = false
    }

    /// Returns and clears the pending interrupt signal, 0 when none.
    static func takePending() -> Int32 {
        let number = pending.pointee
        pending.pointee = 0
        return number
    }

    private static func setHandler(_ signal: Int32, _ handler: @escaping @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        // No SA_RESTART: an interrupted read returns, so the loop notices the signal at once.
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }

    private static func handleFatal(_ number: Int32) {
        endwin()
        if savedStderr.pointee >= 0 {
            dup2(savedStderr.pointee, 2)
        }
        _ = write(2, crashMessage, strlen(crashMessage))
        if installed.pointee && number >= 0 && number < 32 {
            sigaction(number, previousActions + Int(number), nil)
        } else {
            signal(number, SIG_DFL)
        }
        raise(number)
    }
}
