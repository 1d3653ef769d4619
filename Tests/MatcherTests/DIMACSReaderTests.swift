import Foundation
import Testing
@testable import Matcher

/// A 3 × 4 instance solved by hand. Sources are nodes 2, 5, 6 (rows 0, 1, 2), sinks are
/// 1, 3, 4, 7 (columns 0, 1, 2, 3). Each row's cheapest arc (2→3, 5→3, 6→7) collides on
/// sink 3, so the optimum is 2→1 (4) + 5→3 (2) + 6→7 (1) = 7; the runner-up, 2→3 + 5→1 + 6→7,
/// costs 8, and every other assignment more.
private let handSolved = """
    c a small instance solved by hand
    p asn 7 8
    n 2
    n 5
    n 6
    a 2 1 4
    a 2 3 1
    a 2 7 3
    a 5 1 6
    a 5 3 2
    a 6 3 5
    a 6 4 6
    a 6 7 1
    """

@Suite struct DIMACSReaderTests {
    @Test func parsesSourcesSinksAndArcsInNodeOrder() throws {
        let instance = try DIMACSReader.parse(handSolved)
        #expect(instance.nodeCount == 7)
        #expect(instance.sourceNode == [2, 5, 6])
        #expect(instance.sinkNode == [1, 3, 4, 7])
        let p = instance.problem
        #expect(p.rowCount == 3 && p.columnCount == 4)
        #expect(p.arcStart == [0, 3, 5, 8])
        #expect(p.arcColumn == [0, 1, 3, 0, 1, 1, 2, 3])
        #expect(p.arcCost == [4, 1, 3, 6, 2, 5, 6, 1])
        #expect(p.capacity == [1, 1, 1, 1])
        #expect(p.unassignedCost == nil)
    }

    @Test func acceptsCommentsBlanksTabsCRLFNegativeCostsAndAnyArcOrder() throws {
        let text = "c header\r\n\r\np\tasn  4 3 \r\nn 3\r\nn 1\r\n  \r\nc between\r\na 3 4 -7\r\na 1 2 +5\r\na\t1\t4\t0\r\n"
        let instance = try DIMACSReader.parse(text)
        #expect(instance.sourceNode == [1, 3])
        #expect(instance.sinkNode == [2, 4])
        #expect(instance.problem.arcStart == [0, 2, 3])
        #expect(instance.problem.arcColumn == [0, 1, 1])  // row 0 in file order: 1→2, 1→4
        #expect(instance.problem.arcCost == [5, 0, -7])
    }

    @Test func readsAFileWithoutTrailingNewline() throws {
        let instance = try DIMACSReader.parse("p asn 2 1\nn 1\na 1 2 9")
        #expect(instance.problem.arcCost == [9])
    }

    static let errorCases: [(String, DIMACSError)] = [
        ("c nothing\n", .missingProblemLine(line: 2)),
        ("c x\nn 1\np asn 2 1\na 1 2 0\n", .missingProblemLine(line: 2)),
        ("a 1 2 0\n", .missingProblemLine(line: 1)),
        ("p asn 2 1\nn 1\np asn 2 1\na 1 2 0\n", .duplicateProblemLine(line: 3, firstLine: 1)),
        ("c\np min 2 1\n", .wrongProblemKind(line: 2, column: 3, found: "min")),
        ("p asn 2x 1\n", .badNumber(line: 1, column: 7, field: "node count")),
        ("p asn 2\n", .badNumber(line: 1, column: 8, field: "arc count")),
        ("p asn 2 1\nn 1\na 1 2 1e3\n", .badNumber(line: 3, column: 7, field: "cost")),
        ("p asn 2 1\nn 1\na 1 2 99999999999999999999\n", .badNumber(line: 3, column: 7, field: "cost")),
        ("p asn 2 1\nn 1\na 1 - 3\n", .badNumber(line: 3, column: 5, field: "sink node")),
        ("p asn 2 1\nn one\n", .badNumber(line: 2, column: 3, field: "source node")),
        ("p asn 2 1\nx 1\n", .unknownDescriptor(line: 2, column: 1, found: "x")),
        ("p asn 2 1\nn 1\narc 1 2 3\n", .unknownDescriptor(line: 3, column: 1, found: "arc")),
        ("p asn 2 1\nn 1\na 1 2 3 4\n", .unexpectedText(line: 3, column: 9)),
        ("p asn 2 1\nn 3\n", .nodeOutOfRange(line: 2, column: 3, node: 3, nodeCount: 2)),
        ("p asn 2 1\nn 1\na 1 0 5\n", .nodeOutOfRange(line: 3, column: 5, node: 0, nodeCount: 2)),
        ("p asn 3 1\nn 1\nn 1\n", .duplicateSource(line: 3, node: 1)),
        ("p asn 3 2\nn 1\na 1 2 0\nn 3\na 3 2 0\n", .sourceAfterArcs(line: 4)),
        ("p asn 3 1\nn 1\na 2 3 0\n", .arcFromSink(line: 3, node: 2)),
        ("p asn 3 1\nn 1\nn 2\na 1 2 0\n", .arcToSource(line: 4, node: 2)),
        ("p asn 3 3\nn 1\na 1 2 0\na 1 3 0\n", .arcCountMismatch(line: 1, declared: 3, found: 2)),
        ("c\np asn 3 1\nn 1\na 1 2 0\na 1 3 0\n", .arcCountMismatch(line: 2, declared: 1, found: 2)),
        ("p asn 4 3\nn 1\na 1 2 5\na 1 3 0\na 1 2 4\n", .duplicateArc(line: 5, firstLine: 3, source: 1, sink: 2)),
        ("p asn 2 0\nn 1\n", .noArcs(line: 1)),
        ("c\np asn 2 0\n", .noArcs(line: 2)),
    ]

    @Test(arguments: errorCases)
    func reportsEachErrorWithItsLine(text: String, expected: DIMACSError) {
        #expect(throws: expected) { try DIMACSReader.parse(text) }
    }

    @Test func errorsDescribeTheirLine() {
        let error = DIMACSError.duplicateArc(line: 5, firstLine: 3, source: 1, sink: 2)
        #expect(error.line == 5)
        #expect(error.description.contains("line 5"))
        #expect(error.description.contains("line 3"))
        #expect(DIMACSError.unreadable(path: "x", reason: "gone").line == nil)
    }

    @Test func reportsAMissingFile() {
        let path = "/nonexistent-\(UUID().uuidString)/x.asn"
        do {
            _ = try DIMACSReader.read(path: path)
            Issue.record("expected an error")
        } catch {
            guard case .unreadable(let p, _) = error else {
                Issue.record("unexpected \(error)"); return
            }
            #expect(p == path)
        }
    }

    @Test func handSolvedInstanceRoundTrips() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dimacs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // Problem: write it out, read it back from disk, get the same instance.
        let instance = try DIMACSReader.parse(handSolved)
        let problemPath = directory.appendingPathComponent("p.asn").path
        try DIMACSWriter.writeAtomically(DIMACSWriter.problemText(instance), to: problemPath)
        let reread = try DIMACSReader.read(path: problemPath)
        #expect(reread == instance)

        // Solve: the hand optimum, confirmed by brute force.
        #expect(BruteForce.optimum(instance.problem) == 7)
        guard case .optimal(let solution) = HungarianSolver().solve(reread.problem) else {
            Issue.record("not optimal"); return
        }
        #expect(solution.objective == 7)

        // Assignment: written atomically in node ids, nothing else left in the directory.
        let outPath = directory.appendingPathComponent("out.asn").path
        try DIMACSWriter.writeAssignment(reread, solution, to: outPath)
        let written = try String(contentsOfFile: outPath, encoding: .utf8)
        #expect(written == "c assignment, optimum 7\na 2 1 4\na 5 3 2\na 6 7 1\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["out.asn", "p.asn"])

        // Each written pair is an arc of the instance with its cost; sums to the optimum.
        var total = 0
        var sinks = Set<Int>()
        for line in written.split(separator: "\n") where line.hasPrefix("a ") {
            let f = line.split(separator: " ").dropFirst().map { Int($0)! }
            let row = instance.sourceNode.firstIndex(of: Int32(f[0]))!
            let column = instance.sinkNode.firstIndex(of: Int32(f[1]))!
            let p = instance.problem
            let arc = (p.arcStart[row]..<p.arcStart[row + 1]).first { Int(p.arcColumn[$0]) == column }
            #expect(arc.map { p.arcCost[$0] } == f[2])
            #expect(sinks.insert(f[1]).inserted)
            total += f[2]
        }
        #expect(sinks.count == 3 && total == 7)
    }

    @Test func randomInstancesRoundTripThroughText() throws {
        for seed in 0..<200 {
            var rng = SplitMix64(seed: UInt64(seed))
            let nodes = Int.random(in: 2...9, using: &rng)
            var isSource = (1...nodes).map { _ in Bool.random(using: &rng) }
            isSource[0] = true
            isSource[nodes - 1] = false
            var lines = [String]()
            for v in 1...nodes where isSource[v - 1] { lines.append("n \(v)") }
            for s in 1...nodes where isSource[s - 1] {
                for t in (1...nodes).shuffled(using: &rng) where !isSource[t - 1] && Bool.random(using: &rng) {
                    lines.append("a \(s) \(t) \(Int.random(in: -50...50, using: &rng))")
                }
            }
            let arcs = lines.filter { $0.hasPrefix("a") }.count
            if arcs == 0 { continue }
            let text = "p asn \(nodes) \(arcs)\n" + lines.joined(separator: "\n") + "\n"
            let instance = try DIMACSReader.parse(text)
            #expect(try DIMACSReader.parse(DIMACSWriter.problemText(instance)) == instance, "seed \(seed)")
            #expect(instance.problem.arcCount == arcs)
            if case .optimal(let s) = HungarianSolver().solve(instance.problem) {
                #expect(BruteForce.optimum(instance.problem) == s.objective, "seed \(seed)")
            } else {
                #expect(BruteForce.optimum(instance.problem) == nil, "seed \(seed)")
            }
        }
    }

    @Test func atomicWriteLeavesTheTargetAloneOnFailure() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/out.asn"
        #expect(throws: DIMACSWriteError.self) { try DIMACSWriter.writeAtomically("x", to: missing) }
    }
}
