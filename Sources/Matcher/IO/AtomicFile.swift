#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Writes files whole or not at all: the bytes go to a new hidden temporary file in the same
/// directory (created exclusively, written, flushed to disk), which is then renamed over the
/// target (rename is atomic on one file system). On any failure the temporary file is
/// removed and the target is left as it was; the error carries the system's own words.
///
/// Temporary files are registered with ``PendingFiles`` while they exist, so that an
/// interrupted run removes them (``InterruptGuard``); ``write(all:)`` writes every file to
/// its temporary first and renames them all at the end, under one lock.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write (\(reason))" }
    }

    /// A file written to its temporary, waiting for its rename.
    struct Prepared {
        var temporary: String
        var path: String
    }

    /// Writes `bytes` to a new temporary file next to `path` (registered with ``PendingFiles``).
    static func prepare(_ bytes: [UInt8], to path: String) throws(WriteError) -> Prepared {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = "\(directory).\(name).tmp-\(getpid())-\(UInt32.random(in: .min ... .max))"
        PendingFiles.add(temporary)  // before it exists, so an interrupt never misses it
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 {
            let failure = errno
            PendingFiles.remove(temporary)
            throw WriteError(path: path, reason: String(cString: strerror(failure)))
        }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = systemWrite(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                done += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            PendingFiles.remove(temporary)
            throw WriteError(path: path, reason: String(cString: strerror(failure)))
        }
        return Prepared(temporary: temporary, path: path)
    }

    /// Renames every prepared file over its target, under ``PendingFiles``' lock. A failed
    /// rename removes the temporaries not yet renamed.
    static func commit(_ files: [Prepared]) throws(WriteError) {
        try PendingFiles.committing { (pending: inout Set<String>) throws(WriteError) -> ((), renamed: Int) in
            for (i, file) in files.enumerated() {
                if rename(file.temporary, file.path) != 0 {
                    let failure = errno
                    for rest in files[i...] {
                        unlink(rest.temporary)
                        pending.remove(rest.temporary)
                    }
                    throw WriteError(path: file.path, reason: String(cString: strerror(failure)))
                }
                pending.remove(file.temporary)
            }
            return ((), renamed: files.count)
        }
    }

    /// Removes prepared files that will not be committed.
    static func discard(_ files: [Prepared]) {
        for file in files {
            unlink(file.temporary)
            PendingFiles.remove(file.temporary)
        }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        try write(all: [(path, bytes)])
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Array(text.utf8), to: path)
    }

    /// Writes several files as one: all of them to temporaries first, then every rename.
    /// If any cannot be written, none of the targets changes.
    public static func write(all files: [(path: String, bytes: [UInt8])]) throws(WriteError) {
        var prepared: [Prepared] = []
        for (path, bytes) in files {
            do {
                prepared.append(try prepare(bytes, to: path))
            } catch {
                discard(prepared)
                throw error
            }
        }
        try commit(prepared)
    }
}
