// libFuzzer harness: the DIMACS assignment reader on arbitrary bytes, and the Hungarian
// solver on what it accepts (small instances only, so each run stays fast). Built by
// scripts/fuzz.sh as a target of the package against the library (MATCHER_FUZZ=1).
//
// Besides "no crash", each run checks: an error points at a line ≥ 1 (when it has one);
// an accepted instance is well formed (offsets increase, columns in range, node maps
// within the declared count); a solved instance carries a certificate with no violation.
// The memory budget is 64 MB, well under libFuzzer's RSS limit, so a `p` line that declares
// a huge instance must be refused by the size check rather than allocated.

// libFuzzer options: -max_len=4096
@testable import Matcher

private let budget = MemoryBudget(bytes: 64 << 20, source: "the fuzz harness")

@_cdecl("LLVMFuzzerTestOneInput")
public func dimacsReaderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let instance: DIMACSInstance
    do {
        instance = try DIMACSReader.parse(bytes, budget: budget)
    } catch {
        precondition((error.line ?? 1) >= 1, "error without a usable line: \(error)")
        _ = error.description
        return 0
    }
    let p = instance.problem
    precondition(p.arcStart.count == p.rowCount + 1 && p.arcStart.first == 0 && p.arcStart.last == p.arcCount)
    precondition(zip(p.arcStart, p.arcStart.dropFirst()).allSatisfy { $0 <= $1 }, "arc offsets decrease")
    precondition(p.arcColumn.allSatisfy { $0 >= 0 && Int($0) < p.columnCount }, "arc to a missing column")
    precondition(instance.sourceNode.count == p.rowCount && instance.sinkNode.count == p.columnCount)
    precondition((instance.sourceNode + instance.sinkNode).allSatisfy { $0 >= 1 && Int($0) <= instance.nodeCount })
    guard p.rowCount <= 200, p.arcCount <= 5_000 else { return 0 }
    switch HungarianSolver().solve(p) {
    case .optimal(let solution):
        let violations = AssignmentCertificate.violations(of: solution, for: p)
        precondition(violations.isEmpty, "certificate fails: \(violations.prefix(3))")
    case .infeasible(let row):
        precondition(row >= 0 && row < p.rowCount)
    case .costOverflow:
        break
    }
    return 0
}
