import Foundation

/// Memory a pairing run will need, estimated from the sizes of its inputs before anything
/// large is built, so that a roll too large for the machine stops with a message naming the
/// limit and the need (``ScaleLimitExceeded``) instead of an out-of-memory kill.
///
/// Two checks: before reading, from the files' sizes (the reader holds the raw bytes, their
/// UTF-8 form, and every field as a string); before solving, from the counts (the roll in
/// flat arrays, the candidate lists of the restricted problem, the solver's prices and
/// heaps, the per-chunk pricing buffers, and the output files built in memory). Eligible
/// pairs themselves are never stored: they are enumerated district by district, so 10
/// million or 10 billion of them cost time, not memory.
///
/// The constants come from measured peaks (maximum resident set, release build) of the
/// presets (see benchmarks/README.md, 'Tuning notes') and of the million-household run
/// (docs/reliability.md). They err on the high side: a refusal costs a message, an
/// underestimate an out-of-memory kill.
public enum RunSize {
    /// Peak bytes while reading, per byte of the households and helpers files.
    public static let readingBytesPerInputByte = 12
    /// Peak bytes while solving and writing, per household and per helper.
    public static let bytesPerHousehold = 6_000
    public static let bytesPerHelper = 1_000
    /// What the program itself takes before any input (code, runtime, Foundation).
    public static let baseBytes = 32 << 20

    /// Before reading: from the sizes of the households and helpers files.
    public static func reading(households: String, helpers: String) -> MemoryEstimate {
        let size = [households, helpers].map { path -> Int in
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        }.reduce(0, +)
        let (bytes, overflow) = size.multipliedReportingOverflow(by: readingBytesPerInputByte)
        return MemoryEstimate(
            what: "reading \(MemoryBudget.format(size)) of households and helpers files",
            bytes: overflow ? .max : baseBytes + bytes)
    }

    /// Before solving: from the roll's counts.
    public static func solving(households: Int, helpers: Int) -> MemoryEstimate {
        let (h, o1) = households.multipliedReportingOverflow(by: bytesPerHousehold)
        let (g, o2) = helpers.multipliedReportingOverflow(by: bytesPerHelper)
        return MemoryEstimate(
            what: "pairing \(grouped(households)) households with \(grouped(helpers)) helpers",
            bytes: o1 || o2 ? .max : baseBytes + h + g)
    }

    /// 1234567 → "1,234,567".
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }
}

extension InputProblems {
    /// Cost overflow is found from the whole roll, after the policy file is read; point it at
    /// the policy's `weights` (or, without weights, at the top of the file).
    func locatingOverflow(policy path: String?) -> InputProblems {
        guard let path else { return self }
        return InputProblems(problems.map { problem in
            guard case .costOverflow = problem.kind, problem.line == nil else { return problem }
            var located = problem
            let position = PolicyReader.position(ofKey: "weights", path: path) ?? (1, 1)
            located.line = position.line
            located.column = position.column
            return located
        })
    }
}
