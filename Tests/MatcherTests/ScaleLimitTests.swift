import Foundation
import Testing
@testable import Matcher

/// Inputs too large for the memory budget stop before anything large is allocated, with a
/// message naming the need and the limit (issue 7, "scale limits"). Tests use small
/// artificial budgets; the real million-household run is in docs/reliability.md.
@Suite struct ScaleLimitTests {
    @Test func sizesParseWithSuffixes() {
        #expect(MemoryBudget.parseSize("6G") == 6 << 30)
        #expect(MemoryBudget.parseSize(" 512m ") == 512 << 20)
        #expect(MemoryBudget.parseSize("1048576") == 1_048_576)
        #expect(MemoryBudget.parseSize("2T") == 2 << 40)
        for bad in ["", "0", "-1G", "G", "1.5G", "ten", "99999999999T"] { #expect(MemoryBudget.parseSize(bad) == nil, "\(bad)") }
        #expect(MemoryBudget.format(512) == "512 bytes")
        #expect(MemoryBudget.format(1536) == "1.5 KB")
        #expect(MemoryBudget.format(3 << 30) == "3.0 GB")
    }

    @Test func environmentReplacesTheDefault() {
        let set = MemoryBudget.standard(environment: ["MATCH_MEMORY_LIMIT": "2G"])
        #expect(set == MemoryBudget(bytes: 2 << 30, source: "MATCH_MEMORY_LIMIT"))
        let standard = MemoryBudget.standard(environment: ["MATCH_MEMORY_LIMIT": "lots"])
        #expect(standard.bytes > 0 && standard.bytes <= MemoryBudget.availableMemory())
        #expect(standard.source.hasPrefix("80% of"))
    }

    @Test func estimatesGrowWithTheRoll() {
        let small = RunSize.solving(households: 1_000, helpers: 800)
        let big = RunSize.solving(households: 1_000_000, helpers: 800)
        #expect(big.bytes - small.bytes == 999_000 * RunSize.bytesPerHousehold)
        #expect(big.what == "pairing 1,000,000 households with 800 helpers")
        #expect(RunSize.solving(households: .max / 2, helpers: 1).bytes == .max, "overflow saturates")
    }

    func roll(_ dir: TemporaryDirectory) -> YearlyPairing.Options {
        let (households, helpers) = ReproducibilityTests.rows(seed: 1)
        let h = dir.write("households.csv", (["id,name,district,street,community,severity,need_medical,need_policy"] + households).joined(separator: "\n") + "\n")
        let g = dir.write("helpers.csv", (["id,name,kind,capacity,district,street,community,offer_medical,offer_policy"] + helpers).joined(separator: "\n") + "\n")
        return YearlyPairing.Options(households: h, helpers: g, outputDirectory: dir.file("out"))
    }

    @Test func tooLargeToReadStopsBeforeReading() throws {
        let dir = TemporaryDirectory("scale")
        defer { dir.remove() }
        var options = roll(dir)
        options.memoryBudget = MemoryBudget(bytes: 1 << 20, source: "test limit")
        do {
            _ = try YearlyPairing.run(options)
            Issue.record("not refused")
        } catch {
            guard case .tooLarge(let limit) = error else { Issue.record("\(error)"); return }
            let size = [options.households, options.helpers].map { CLITests.bytes($0).count }.reduce(0, +)
            #expect(limit.estimate.bytes == RunSize.baseBytes + size * RunSize.readingBytesPerInputByte)
            #expect(error.description.contains("would need about 32.") && error.description.contains("more than the limit of 1.0 MB (test limit)"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
    }

    @Test func tooLargeToSolveStopsBeforeSolving() throws {
        let dir = TemporaryDirectory("scale")
        defer { dir.remove() }
        var options = roll(dir)
        let need = RunSize.solving(households: 120, helpers: 70).bytes
        options.memoryBudget = MemoryBudget(bytes: need - 1, source: "test limit")
        do {
            _ = try YearlyPairing.run(options)
            Issue.record("not refused")
        } catch {
            guard case .tooLarge(let limit) = error else { Issue.record("\(error)"); return }
            #expect(limit.estimate == RunSize.solving(households: 120, helpers: 70))
            #expect(error.description.hasPrefix("pairing 120 households with 70 helpers would need about"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
        options.memoryBudget = MemoryBudget(bytes: need, source: "test limit")
        _ = try YearlyPairing.run(options)
        #expect(FileManager.default.fileExists(atPath: dir.file("out/pairs.csv")))
    }

    @Test func dimacsNodeCountBeyondTheBudgetIsRefusedAtItsColumn() {
        let text = "c big\np asn 2000000 1\nn 1\na 1 2 5\n"
        let budget = MemoryBudget(bytes: 64 << 20, source: "test limit")
        let result = Array(text.utf8).withUnsafeBufferPointer { buffer in
            Result { () throws(DIMACSError) in try DIMACSReader.parse(buffer, budget: budget) }
        }
        guard case .failure(.tooLarge(let line, let column, let limit)) = result else {
            Issue.record("\(result)")
            return
        }
        #expect(line == 2 && column == 7)
        #expect(limit.estimate.bytes >= 2_000_000 * DIMACSReader.bytesPerNode)
        #expect(DIMACSError.tooLarge(line: line, column: column, limit).description.hasPrefix("line 2, column 7: 2000000 nodes and 1 arcs would need about 122."))
        // The same file within budget reads.
        let fits = Array(text.utf8).withUnsafeBufferPointer { buffer in
            Result { () throws(DIMACSError) in try DIMACSReader.parse(buffer, budget: MemoryBudget(bytes: 1 << 30, source: "")) }
        }
        #expect((try? fits.get())?.problem.columnCount == 1_999_999)
    }

    @Test func theCommandLineNamesTheLimitAndWritesNothing() throws {
        let dir = TemporaryDirectory("scale")
        defer { dir.remove() }
        let options = roll(dir)
        let process = Process()
        guard let executable = CLITests.executable else { Issue.record("no match executable"); return }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["pair", "--households", options.households, "--helpers", options.helpers, "--out", options.outputDirectory]
        process.environment = ["MATCH_MEMORY_LIMIT": "1M"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(stderr.split(separator: "\n").count == 1, "\(stderr)")
        #expect(stderr.contains("more than the limit of 1.0 MB (MATCH_MEMORY_LIMIT)"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: options.outputDirectory))
    }
}
