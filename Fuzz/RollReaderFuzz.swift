// libFuzzer harness: the CSV reader (`CSVRecords`), the table layer and `RollReader` on
// arbitrary bytes. Built by scripts/fuzz.sh as a target of the package against the library
// (MATCHER_FUZZ=1); `@testable import` makes its internal types visible.
//
// Input layout: byte 0 picks what the rest is — bit 0: the households file (0) or the
// helpers file (1), the other file being a small valid one; bits 1–2: the encoding named
// (none = detect, UTF-8, GB18030). Besides "no crash", each run checks what the reader
// promises: records start on increasing lines; every problem names one of the two files,
// with line and column ≥ 1 when given; a roll that is accepted has unique ids in
// ascending order and one need or offer row per entry.

@testable import Matcher

private let validHouseholds = Array("""
    id,name,district,street,community,severity,need_medical
    H1,张三,西岗区,日新街道,英华社区,3,2
    H2,李四,西岗区,日新街道,英华社区,1,0

    """.utf8)
private let validHelpers = Array("""
    id,name,kind,capacity,district,street,community,offer_medical
    G1,王五,干部,2,西岗区,,,3

    """.utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func rollReaderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let mode = data[0]
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let encoding: TextEncoding? = [nil, .utf8, .gb18030, nil][Int(mode >> 1) & 3]

    // The bare CSV layer on the raw bytes (as if already UTF-8).
    let csv = CSVRecords(utf8: body, file: "f.csv")
    var last = 0
    for record in csv.records {
        precondition(record.line > last, "record lines must increase")
        last = record.line
    }
    for p in csv.problems {
        precondition((p.line ?? 1) >= 1 && (p.column ?? 1) >= 1, "bad position \(p)")
    }

    let fuzzHelpers = mode & 1 == 1
    do {
        let roll = try RollReader.parse(
            households: fuzzHelpers ? validHouseholds : body, helpers: fuzzHelpers ? body : validHelpers,
            encoding: encoding)
        let hs = roll.households, gs = roll.helpers, d = roll.dimensions.count
        precondition(zip(hs.ids, hs.ids.dropFirst()).allSatisfy { $0 < $1 }, "household ids not unique and sorted")
        precondition(zip(gs.ids, gs.ids.dropFirst()).allSatisfy { $0 < $1 }, "helper ids not unique and sorted")
        precondition(hs.needs.count == hs.count * d && gs.offers.count == gs.count * d)
        precondition(hs.severity.allSatisfy { (1...5).contains($0) } && gs.capacity.allSatisfy { $0 >= 0 })
    } catch {
        precondition(!error.problems.isEmpty, "a failure with no problem")
        for p in error.problems {
            precondition(p.file == "households.csv" || p.file == "helpers.csv", "problem without its file: \(p)")
            precondition((p.line ?? 1) >= 1 && (p.column ?? 1) >= 1, "bad position \(p)")
            _ = p.description
        }
    }
    return 0
}
