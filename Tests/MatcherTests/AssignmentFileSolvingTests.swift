import Foundation
import Testing
@testable import Matcher

/// `match solve`'s library side: why a file has no assignment, and its messages.
@Suite struct AssignmentFileSolvingTests {
    func problem(rows: Int, columns: Int, arcs: [(row: Int, column: Int, cost: Int)]) -> AssignmentProblem {
        AssignmentProblem(
            rowCount: rows, columnCount: columns, arcs: arcs, capacity: Array(repeating: 1, count: columns),
            unassignedCost: nil)
    }

    @Test func namesTheReasonASourceCannotBeAssigned() {
        // Row 1 has no arc.
        let lonely = problem(rows: 2, columns: 2, arcs: [(0, 0, 1)])
        #expect(AssignmentFileSolving.why(1, lonely) == .noArc)
        // Three rows, two columns.
        let crowded = problem(rows: 3, columns: 2, arcs: [(0, 0, 1), (1, 1, 1), (2, 0, 1)])
        #expect(AssignmentFileSolving.why(2, crowded) == .tooFewSinks(sources: 3, sinks: 2))
        // Rows 0 and 1 both reach column 0 only.
        let contested = problem(rows: 2, columns: 2, arcs: [(0, 0, 1), (1, 0, 2)])
        #expect(AssignmentFileSolving.why(1, contested) == .sinksTaken(reachable: 1))
    }

    @Test func runExplainsAnInfeasibleFileByItsNodes() throws {
        let dir = TemporaryDirectory("solve")
        defer { dir.remove() }
        let file = dir.write("two-on-one.asn", "p asn 3 2\nn 1\nn 2\na 1 3 1\na 2 3 2\n")
        var options = AssignmentFileSolving.Options(file: file)
        for solver in [AssignmentFileSolving.Solver.auction, .hungarian] {
            options.solver = solver
            #expect(throws: AssignmentFileSolving.Failure.infeasible(file: file, sourceNode: 2, .tooFewSinks(sources: 2, sinks: 1))) {
                try AssignmentFileSolving.run(options)
            }
        }
        let failure = AssignmentFileSolving.Failure.infeasible(file: file, sourceNode: 2, .sinksTaken(reachable: 1))
        #expect(failure.description == "match solve: \(file): infeasible: source node 2 cannot be assigned (all 1 sinks it can reach are needed by other sources)")
        #expect(failure.exitStatus == 1)
    }

    /// The digest summary.json records, against FIPS 180-2's published examples.
    @Test func sha256MatchesThePublishedVectors() {
        #expect(InputRecord.hex(InputRecord.sha256(Data())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(InputRecord.hex(InputRecord.sha256(Data("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(InputRecord.hex(InputRecord.sha256(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
