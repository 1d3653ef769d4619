import Foundation  // Glibc: open, read, write, rename, strerror

/// Why a DIMACS file could not be written.
public struct DIMACSWriteError: Error, Equatable, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes DIMACS text: an assignment (`a SRC DST COST` per chosen pair, in node ids) or a
/// whole `p asn` instance. Files are written whole or not at all: the text goes to a temporary
/// file in the target's directory, which is then renamed over the target.
public enum DIMACSWriter {
    /// The chosen pairs of `solution` as DIMACS arc lines, one `a SRC DST COST` line per
    /// assigned row in row order (that is, increasing source node), after a comment line with
    /// the objective. Unassigned rows are left out.
    public static func assignmentText(_ instance: DIMACSInstance, _ solution: AssignmentSolution) -> String {
        let p = instance.problem
        var out: [UInt8] = []
        out.reserveCapacity(32 + p.rowCount * 24)
        out.append(contentsOf: "c assignment, optimum \(solution.objective)\n".utf8)
        for r in 0..<p.rowCount {
            let g = Int(solution.column[r])
            if g < 0 { continue }
            var cost = 0
            for k in p.arcStart[r]..<p.arcStart[r + 1] where Int(p.arcColumn[k]) == g {
                cost = p.arcCost[k]
                break
            }
            out.append(UInt8(ascii: "a"))
            out.append(UInt8(ascii: " "))
            appendInteger(Int(instance.sourceNode[r]), to: &out)
            out.append(UInt8(ascii: " "))
            appendInteger(Int(instance.sinkNode[g]), to: &out)
            out.append(UInt8(ascii: " "))
            appendInteger(cost, to: &out)
            out.append(UInt8(ascii: "\n"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `instance` as a `p asn` file: the `p` line, one `n` line per source, then the arcs
    /// row by row. Reading the text back gives an equal instance.
    public static func problemText(_ instance: DIMACSInstance) -> String {
        let p = instance.problem
        var out: [UInt8] = []
        out.reserveCapacity(64 + p.arcCount * 20)
        out.append(contentsOf: "p asn \(instance.nodeCount) \(p.arcCount)\n".utf8)
        for v in instance.sourceNode {
            out.append(contentsOf: "n ".utf8)
            appendInteger(Int(v), to: &out)
            out.append(UInt8(ascii: "\n"))
        }
        for r in 0..<p.rowCount {
            for k in p.arcStart[r]..<p.arcStart[r + 1] {
                out.append(contentsOf: "a ".utf8)
                appendInteger(Int(instance.sourceNode[r]), to: &out)
                out.append(UInt8(ascii: " "))
                appendInteger(Int(instance.sinkNode[Int(p.arcColumn[k])]), to: &out)
                out.append(UInt8(ascii: " "))
                appendInteger(p.arcCost[k], to: &out)
                out.append(UInt8(ascii: "\n"))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes the assignment of ``assignmentText(_:_:)`` to `path`, atomically.
    public static func writeAssignment(
        _ instance: DIMACSInstance, _ solution: AssignmentSolution, to path: String
    ) throws(DIMACSWriteError) {
        try writeAtomically(assignmentText(instance, solution), to: path)
    }

    /// Writes `text` to `path` whole or not at all: a temporary file in the same directory,
    /// then a rename over `path`. On failure the temporary file is removed and `path` is
    /// left as it was.
    public static func writeAtomically(_ text: String, to path: String) throws(DIMACSWriteError) {
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch {
            throw DIMACSWriteError(path: path, reason: error.reason)
        }
    }

    @inline(__always)
    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var magnitude = value.magnitude
        withUnsafeMutableBytes(of: &digits) { buf in
            while magnitude > 0 {
                buf[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
        }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        withUnsafeBytes(of: &digits) { buf in
            var i = count - 1
            while i >= 0 {
                out.append(buf[i])
                i -= 1
            }
        }
    }
}

/// An I/O failure, with the system's own words for it (`strerror`).
struct DIMACSFileError: Error {
    var reason: String
    init(errno code: Int32) { reason = String(cString: strerror(code)) }
    init(reason: String) { self.reason = reason }
}

/// Whole-file reads and atomic writes on plain POSIX calls, so that errors carry errno.
enum DIMACSFile {
    /// The whole content of a file (not a directory), read straight into the array.
    static func readAll(path: String) throws(DIMACSFileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw DIMACSFileError(errno: errno) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw DIMACSFileError(errno: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw DIMACSFileError(errno: EISDIR) }
        var result: [UInt8] = []
        // One byte more than the size, so that a regular file is read in one chunk up to EOF;
        // pipes and files that grow take further chunks.
        var capacity = max(Int(info.st_size), 0) + 1
        var failure: Int32 = 0
        while true {
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                var done = 0
                while done < buffer.count {
                    let n = read(fd, buffer.baseAddress! + done, buffer.count - done)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        break
                    }
                    if n == 0 { break }
                    done += n
                }
                initialized = done
            }
            if failure != 0 { throw DIMACSFileError(errno: failure) }
            let full = chunk.count == capacity
            if result.isEmpty { result = chunk } else { result.append(contentsOf: chunk) }
            if !full { return result }
            capacity = max(capacity, 1 << 16)
        }
    }
}
