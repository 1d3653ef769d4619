import Foundation
import Testing
@testable import Matcher

/// An interrupted `match pair` leaves no temporary or partial file and changes no output
/// unless it had finished writing all of them (issue 7, "nothing lost").
@Suite(.serialized) struct InterruptTests {
    /// The first `households` and `helpers` rows of the xigang sample (a debug build pairs
    /// them in about a second).
    static func sampleSubset(_ dir: TemporaryDirectory, households: Int = 600, helpers: Int = 400) throws -> (String, String) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples/xigang")
        func head(_ name: String, _ rows: Int) throws -> String {
            let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            let lines = text.split(whereSeparator: \.isNewline).prefix(rows + 1)  // "\r\n" is one Character
            return dir.write(name, lines.joined(separator: "\n") + "\n")
        }
        return (try head("households.csv", households), try head("helpers.csv", helpers))
    }

    struct Outcome {
        var status: Int32
        var reason: Process.TerminationReason
        var stderr: String
        var seconds: Double
    }

    /// Runs `match` and sends `signal` after `delay` seconds (nil: never).
    static func run(_ arguments: [String], in dir: TemporaryDirectory, signal: Int32?, after delay: Double) throws -> Outcome {
        guard let executable = CLITests.executable else {
            Issue.record("the match executable was not found")
            return Outcome(status: -1, reason: .exit, stderr: "", seconds: 0)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errPath = dir.write(".stderr", "")
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        if let signal {
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, signal)
        }
        process.waitUntilExit()
        try err.close()
        let stderr = try String(contentsOfFile: errPath, encoding: .utf8)
        try FileManager.default.removeItem(atPath: errPath)
        return Outcome(
            status: process.terminationStatus, reason: process.terminationReason, stderr: stderr,
            seconds: Date().timeIntervalSince(started))
    }

    static func contents(_ directory: String) -> [String: [UInt8]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var out: [String: [UInt8]] = [:]
        for name in names { out[name] = CLITests.bytes(directory + "/" + name) }
        return out
    }

    @Test(.timeLimit(.minutes(5)))
    func interruptedPairLeavesOldOutputsOrNewOnesButNothingPartial() throws {
        let dir = TemporaryDirectory("interrupt")
        defer { dir.remove() }
        let (households, helpers) = try Self.sampleSubset(dir)
        let out = dir.file("out")
        let inputs = ["pair", "--households", households, "--helpers", helpers, "--certificate", out + "/cert.csv"]
        // The earlier outputs (Chinese headers), then the complete new ones elsewhere (English).
        let first = try Self.run(inputs + ["--out", out, "--lang", "zh"], in: dir, signal: nil, after: 0)
        #expect(first.status == 0, "\(first.stderr)")
        let old = Self.contents(out)
        #expect(Set(old.keys) == ["pairs.csv", "unpaired.csv", "summary.json", "cert.csv"])
        let newOut = dir.file("new")
        let complete = try Self.run(
            ["pair", "--households", households, "--helpers", helpers, "--certificate", newOut + "/cert.csv", "--out", newOut],
            in: dir, signal: nil, after: 0)
        #expect(complete.status == 0)
        let new = Self.contents(newOut)
        let inputBytes = [CLITests.bytes(households), CLITests.bytes(helpers)]

        // Interrupt at points spread over a whole run: reading, solving, writing.
        var interrupted = 0
        for (i, fraction) in [0.05, 0.2, 0.4, 0.6, 0.8, 0.95].enumerated() {
            let signal = i % 2 == 0 ? SIGINT : SIGTERM
            let run = try Self.run(inputs + ["--out", out, "--force"], in: dir, signal: signal, after: fraction * complete.seconds)
            let now = Self.contents(out)
            let context: String = "signal \(signal) at \(fraction): status \(run.status), stderr \(run.stderr)"
            #expect(Set(now.keys) == Set(old.keys), "temporary or missing files: \(now.keys.sorted()); \(context)")
            if run.reason == .uncaughtSignal {
                // Only before the guard is installed, at the very start: nothing written yet.
                #expect(now == old, "\(context)")
            } else if run.status == 0 {
                // Finished before the signal came.
                #expect(now["pairs.csv"] == new["pairs.csv"] && now["cert.csv"] == new["cert.csv"], "\(context)")
            } else {
                interrupted += 1
                #expect(run.status == 128 + signal, "\(context)")
                let lines = run.stderr.split(separator: "\n")
                #expect(lines.count == 1 && lines[0].hasPrefix("match: interrupted by SIG"), "\(context)")
                if run.stderr.contains("stopped before writing") {
                    #expect(now == old, "outputs changed by an interrupted run; \(context)")
                } else {
                    // Interrupted after its renames: all files are the new, complete ones.
                    #expect(now["pairs.csv"] == new["pairs.csv"] && now["unpaired.csv"] == new["unpaired.csv"]
                        && now["cert.csv"] == new["cert.csv"], "\(context)")
                }
            }
            // Put the earlier outputs back for the next round if a run replaced them.
            if now != old {
                for (name, bytes) in old { try AtomicFile.write(bytes, to: out + "/" + name) }
            }
        }
        #expect(interrupted >= 3, "too few runs were actually interrupted")
        #expect([CLITests.bytes(households), CLITests.bytes(helpers)] == inputBytes, "inputs modified")

        // Into a directory that does not exist yet: nothing may be left behind.
        let fresh = dir.file("fresh")
        let run = try Self.run(
            ["pair", "--households", households, "--helpers", helpers, "--out", fresh], in: dir, signal: SIGINT,
            after: 0.5 * complete.seconds)
        if run.status == 130 { #expect(Self.contents(fresh).isEmpty, "\(Self.contents(fresh).keys)") }
    }

    @Test func aFailedWriteOfSeveralFilesChangesNone() throws {
        let dir = TemporaryDirectory("atomic")
        defer { dir.remove() }
        let first = dir.write("a.csv", "old\n")
        let files: [(path: String, bytes: [UInt8])] = [
            (first, Array("new\n".utf8)), (dir.file("missing/b.csv"), Array("b\n".utf8)),
        ]
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write(all: files) }
        #expect(CLITests.bytes(first) == Array("old\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["a.csv"])
        #expect(PendingFiles.current.allSatisfy { !$0.hasPrefix(dir.path) })
    }

    @Test func preparedFilesAreRegisteredUntilCommittedOrDiscarded() throws {
        let dir = TemporaryDirectory("atomic")
        defer { dir.remove() }
        let target = dir.file("x.csv")
        let prepared = try AtomicFile.prepare(Array("x\n".utf8), to: target)
        #expect(PendingFiles.current.contains(prepared.temporary))
        #expect(FileManager.default.fileExists(atPath: prepared.temporary))
        #expect(!FileManager.default.fileExists(atPath: target))
        AtomicFile.discard([prepared])
        #expect(!PendingFiles.current.contains(prepared.temporary))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        let again = try AtomicFile.prepare(Array("y\n".utf8), to: target)
        try AtomicFile.commit([again])
        #expect(!PendingFiles.current.contains(again.temporary))
        #expect(CLITests.bytes(target) == Array("y\n".utf8))
    }
}
