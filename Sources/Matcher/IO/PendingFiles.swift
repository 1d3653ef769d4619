import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files that ``AtomicFile`` has created and not yet renamed or removed, and
/// the output directories a run created, so that an interrupted run can remove them
/// (``InterruptGuard``). Renames happen under the same lock, so an interrupt sees either
/// none or all of one ``AtomicFile/write(all:)``'s files in place.
public enum PendingFiles {
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var temporaries: Set<String> = []
        var directories: [String] = []
        var committed = 0
    }

    private static let state = State()

    static func add(_ temporary: String) {
        state.lock.lock()
        state.temporaries.insert(temporary)
        state.lock.unlock()
    }

    static func remove(_ temporary: String) {
        state.lock.lock()
        state.temporaries.remove(temporary)
        state.lock.unlock()
    }

    /// A directory this run created for its outputs; removed on interrupt if still empty.
    static func addDirectory(_ path: String) {
        state.lock.lock()
        state.directories.append(path)
        state.lock.unlock()
    }

    /// The temporary files registered now (for tests).
    public static var current: Set<String> {
        state.lock.lock()
        defer { state.lock.unlock() }
        return state.temporaries
    }

    /// Runs `body` (the renames of one commit) with the lock held; `renamed` counts the files
    /// it put in place. `body` must not call back into this type.
    static func committing<T>(_ body: (inout Set<String>) throws(AtomicFile.WriteError) -> (T, renamed: Int)) throws(AtomicFile.WriteError) -> T {
        state.lock.lock()
        defer { state.lock.unlock() }
        let (value, renamed) = try body(&state.temporaries)
        state.committed += renamed
        return value
    }

    /// Removes every registered temporary file (and the created directories left empty),
    /// then keeps the lock for good, so that no rename can follow: for a process about to
    /// exit. Waits for a commit in progress to finish. Returns how many temporary files were
    /// removed and how many output files had already been put in place.
    public static func discardAllAndStop() -> (removed: Int, committed: Int) {
        state.lock.lock()
        var removed = 0
        for path in state.temporaries where unlink(path) == 0 { removed += 1 }
        state.temporaries.removeAll()
        for directory in state.directories.reversed() { rmdir(directory) }
        return (removed, state.committed)
    }
}
