import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes SIGINT, SIGTERM and SIGHUP end a run cleanly: no temporary or partial file is left,
/// output files are either all old or all new (see ``PendingFiles``), and the process exits
/// with 128 + the signal's number (130 for SIGINT, 143 for SIGTERM) and one line on stderr.
///
/// How: ``install()`` blocks the signals in the calling thread, which every thread created
/// afterwards inherits (Dispatch's workers included), and starts one thread that waits for
/// them with `sigwait`. That thread runs ordinary code — not a signal handler — so it may
/// take locks and allocate: it removes the registered temporary files, holds the commit lock
/// so that no rename follows, prints its line and calls `_exit`.
public enum InterruptGuard {
    /// The signals handled, with their names.
    public static let signals: [(Int32, String)] = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")]

    /// Call first thing in `main`, before any other thread starts.
    public static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        for (signal, _) in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let blocked = set
        let waiter = Thread {
            var set = blocked
            var received: Int32 = 0
            while sigwait(&set, &received) != 0 {}
            let (_, committed) = PendingFiles.discardAllAndStop()
            let name = signals.first { $0.0 == received }?.1 ?? "signal \(received)"
            let line = committed == 0
                ? "match: interrupted by \(name); stopped before writing anything, existing files are unchanged\n"
                : "match: interrupted by \(name) after its \(committed) output files were written whole\n"
            _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
            _exit(128 + received)
        }
        waiter.name = "interrupt guard"
        waiter.start()
    }
}
