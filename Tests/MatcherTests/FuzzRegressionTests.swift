import Foundation
import Testing
@testable import Matcher

/// Replays every input the fuzzers once failed on (Fuzz/regressions/; see scripts/fuzz.sh)
/// with the harnesses' own checks: `roll-*` files through the CSV layer and `RollReader`,
/// `dimacs-*` files through `DIMACSReader` with the harness's 64 MB budget.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/regressions").path

    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasSuffix(".log") && !$0.hasSuffix(".md") }.sorted()
    }()

    @Test func thereAreRegressionInputs() {
        #expect(Self.inputs.contains { $0.hasPrefix("roll-") } && Self.inputs.contains { $0.hasPrefix("dimacs-") })
    }

    @Test(arguments: inputs)
    func replay(name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name)))
        if name.hasPrefix("roll-") {
            // Byte 0 is the harness's mode: bit 0 helpers, bits 1–2 the encoding named.
            let body = Array(bytes.dropFirst())
            let csv = CSVRecords(utf8: body, file: "f.csv")
            let lines = csv.records.map(\.line)
            #expect(zip(lines, lines.dropFirst()).allSatisfy { $0 < $1 }, "record lines \(lines)")
            let encoding: TextEncoding? = [nil, .utf8, .gb18030, nil][Int(bytes[0] >> 1) & 3]
            let fuzzHelpers = bytes[0] & 1 == 1
            let valid = Array("id,name,kind\nG1,x,cadre\n".utf8), validHouseholds = Array("id,name,district,street,community\nH1,x,D,S,C\n".utf8)
            do {
                let roll = try RollReader.parse(
                    households: fuzzHelpers ? validHouseholds : body, helpers: fuzzHelpers ? body : valid, encoding: encoding)
                #expect(zip(roll.households.ids, roll.households.ids.dropFirst()).allSatisfy { $0 < $1 })
            } catch {
                #expect(!error.problems.isEmpty)
                #expect(error.problems.allSatisfy { ($0.line ?? 1) >= 1 && ($0.column ?? 1) >= 1 })
            }
        } else {
            let budget = MemoryBudget(bytes: 64 << 20, source: "the fuzz harness")
            let result = bytes.withUnsafeBufferPointer { buffer in
                Result { () throws(DIMACSError) in try DIMACSReader.parse(buffer, budget: budget) }
            }
            if case .failure(let error) = result {
                #expect((error.line ?? 1) >= 1)
            }
        }
    }
}
