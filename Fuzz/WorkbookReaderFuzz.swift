// libFuzzer harness: the .xlsx workbook reader (ZIP container, relationships, shared strings,
// worksheet cells, the mapping to table rows) through the public entry point a server calls,
// `RollReader.parse(households:helpers:…budget:)`, on arbitrary bytes.
//
// Input layout: byte 0 picks what the rest is — bit 0: the households file (0) or the helpers
// file (1), the other being a small valid CSV. The memory budget is 64 MB, so a ZIP bomb
// (Fuzz/corpus/workbook-reader/zip-bomb-*.xlsx) must be refused before it is unpacked, and the
// run's -rss_limit_mb catches one that is not. Besides "no crash", each run checks what the
// reader promises: every problem names the fuzzed file, with row and column ≥ 1 when given, a
// sheet only with a position; a roll that is accepted has unique ids in ascending order and
// one need or offer row per entry.
//
// libFuzzer options: -max_len=65684
// Built against the package's library (`import Matcher`); with -D FUZZ_ONE_MODULE it is
// compiled together with the library's sources as one module instead (see the report of
// issue 17 and benchmarks/README.md for the commands).

import Foundation
#if !FUZZ_ONE_MODULE
import Matcher
#endif

/// LeakSanitizer's suppressions, compiled in: ZIPFoundation 0.9.20's `Archive(url:)` never
/// frees the path from `FileManager.fileSystemRepresentation(withPath:)` (one small string
/// per workbook opened). Every other leak still fails the run.
@_cdecl("__lsan_default_suppressions")
public func leakSuppressions() -> UnsafePointer<CChar> { UnsafePointer(suppressions) }
nonisolated(unsafe) private let suppressions = strdup("leak:makeBackingConfiguration\n")!

private let validHouseholds = Array("""
    id,name,district,street,community,severity,need_medical
    H1,张三,西岗区,日新街道,英华社区,3,2

    """.utf8)
private let validHelpers = Array("""
    id,name,kind,capacity,district,street,community,offer_medical
    G1,王五,干部,2,西岗区,,,3

    """.utf8)
private let budget = MemoryBudget(bytes: 64 << 20, source: "the fuzz harness")

@_cdecl("LLVMFuzzerTestOneInput")
public func workbookReaderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let fuzzHelpers = data[0] & 1 == 1
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let file = fuzzHelpers ? "helpers.xlsx" : "households.xlsx"
    do {
        let roll = try RollReader.parse(
            households: fuzzHelpers ? validHouseholds : body, helpers: fuzzHelpers ? body : validHelpers,
            householdsFile: "households.xlsx", helpersFile: "helpers.xlsx", budget: budget)
        let hs = roll.households, gs = roll.helpers, d = roll.dimensions.count
        precondition(zip(hs.ids, hs.ids.dropFirst()).allSatisfy { $0 < $1 }, "household ids not unique and sorted")
        precondition(zip(gs.ids, gs.ids.dropFirst()).allSatisfy { $0 < $1 }, "helper ids not unique and sorted")
        precondition(hs.needs.count == hs.count * d && gs.offers.count == gs.count * d)
        precondition(hs.lines.allSatisfy { $0 >= 1 } && gs.lines.allSatisfy { $0 >= 1 })
    } catch {
        precondition(!error.problems.isEmpty, "a failure with no problem")
        for p in error.problems {
            precondition(p.file == file, "problem without the fuzzed file: \(p)")
            precondition((p.line ?? 1) >= 1 && (p.column ?? 1) >= 1, "bad position \(p)")
            precondition(p.sheet == nil || p.line != nil, "a sheet without a row: \(p)")
            _ = p.description
        }
    }
    return 0
}
