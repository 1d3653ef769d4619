#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much memory a run may plan to use, so that an input too large for the machine stops
/// early — before the big arrays are allocated — with a message that names the limit and the
/// memory it would need, instead of ending in an out-of-memory kill.
///
/// The default is 80% of the memory the process can get: the smaller of the physical memory
/// (`sysconf`) and the control group's limit (cgroup v2 `memory.max` or v1
/// `memory.limit_in_bytes`, when set). The environment variable `MATCH_MEMORY_LIMIT`
/// (bytes, or with a K, M, G or T suffix: `MATCH_MEMORY_LIMIT=6G`) replaces it, for a machine
/// shared with other work.
public struct MemoryBudget: Sendable, Equatable {
    /// The bytes a run may plan to use.
    public var bytes: Int
    /// Where the limit comes from, for the message.
    public var source: String

    public init(bytes: Int, source: String) {
        self.bytes = bytes
        self.source = source
    }

    /// No limit (for tests and harnesses that bound sizes themselves).
    public static let unlimited = MemoryBudget(bytes: .max, source: "no limit")

    /// `MATCH_MEMORY_LIMIT` when set and valid, otherwise 80% of the available memory.
    public static func standard(environment: [String: String]? = nil) -> MemoryBudget {
        let value = environment?["MATCH_MEMORY_LIMIT"] ?? getenv("MATCH_MEMORY_LIMIT").map { String(cString: $0) }
        if let value, let bytes = parseSize(value) {
            return MemoryBudget(bytes: bytes, source: "MATCH_MEMORY_LIMIT")
        }
        let available = availableMemory()
        return MemoryBudget(bytes: available / 5 * 4, source: "80% of \(format(available)) of memory")
    }

    /// The smaller of physical memory and the control group's limit, in bytes.
    public static func availableMemory() -> Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        var available = pages > 0 && pageSize > 0 ? pages * pageSize : Int.max
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = readSmallFile(path), let limit = Int(text), limit > 0 {
                available = min(available, limit)
            }
        }
        return available
    }

    /// "6G", "512M", "1048576" → bytes; nil when not a size.
    public static func parseSize(_ text: String) -> Int? {
        var digits = text.trimmingBlanks().uppercased()
        var scale = 1
        if let last = digits.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][String(last)] {
            scale = 1 << (10 * power)
            digits.removeLast()
        }
        guard let n = Int(digits), n > 0 else { return nil }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bytes
    }

    /// Throws when `estimate` does not fit.
    public func check(_ estimate: MemoryEstimate) throws(ScaleLimitExceeded) {
        if estimate.bytes > bytes { throw ScaleLimitExceeded(estimate: estimate, budget: self) }
    }

    /// "1.5 GB" style (powers of 1024, one decimal).
    public static func format(_ bytes: Int) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes), unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) bytes" }
        return "\((value * 10).rounded() / 10) \(units[unit])"
    }

    private static func readSmallFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self).trimmingBlanks()
    }
}

/// What an input would need: the sizes it was computed from and the bytes.
public struct MemoryEstimate: Sendable, Equatable {
    /// What is large, in the user's words ("1,000,000 households and 870,000 helpers").
    public var what: String
    public var bytes: Int

    public init(what: String, bytes: Int) {
        self.what = what
        self.bytes = bytes
    }
}

/// An input larger than the memory budget: raised before anything big is allocated.
public struct ScaleLimitExceeded: Error, Sendable, Equatable, CustomStringConvertible {
    public var estimate: MemoryEstimate
    public var budget: MemoryBudget

    public var description: String {
        "\(estimate.what) would need about \(MemoryBudget.format(estimate.bytes)) of memory, more than the limit of \(MemoryBudget.format(budget.bytes)) (\(budget.source)); split the roll (by district) or run on a machine with more memory"
    }
}

extension String {
    fileprivate func trimmingBlanks() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
