import ArgumentParser
import Foundation
import Matcher

/// `match solve FILE [--assignment OUT] [--solver auction|hungarian|glpk]`: solves a DIMACS
/// assignment file exactly (by default an auction start finished by the Hungarian method, see
/// `AuctionSolver`), for comparison with other solvers. Parsing and writing live in the
/// library (`DIMACSReader`, `DIMACSWriter`); this command only wires them and reports.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solves a DIMACS assignment file (p asn) exactly, for comparison with other solvers.",
        discussion: """
            Prints 'optimum N', then the reading and solving times in seconds. Every source \
            must be assigned to a distinct sink; exits non-zero when that is impossible.
            """)

    @Argument(help: "A DIMACS assignment file: 'p asn NODES ARCS', 'n SOURCE' lines, 'a SRC DST COST' arcs.")
    var file: String

    @Option(name: .long, help: ArgumentHelp("Write the chosen pairs as 'a SRC DST COST' lines to this file.", valueName: "file"))
    var assignment: String?

    @Option(help: "auction (the default: an auction start finished by the Hungarian method), hungarian (the Hungarian method alone), or glpk (GLPK's simplex and integer program, for cross-checks on small files).")
    var solver: String = "auction"

    func validate() throws {
        guard ["auction", "hungarian", "glpk"].contains(solver) else { throw ValidationError("--solver must be auction, hungarian or glpk") }
        #if !GLPK
        if solver == "glpk" { throw ValidationError("this build has no GLPK (built with the GLPK trait off)") }
        #endif
    }

    func run() throws {
        let clock = ContinuousClock()
        let readStart = clock.now
        let instance: DIMACSInstance
        do {
            instance = try DIMACSReader.read(path: file)
        } catch {
            fail("\(file): \(error)")
        }
        let readTime = clock.now - readStart

        let solveStart = clock.now
        let outcome: AssignmentOutcome
        switch solver {
        case "glpk": outcome = solveWithGLPK(instance.problem)
        case "hungarian": outcome = HungarianSolver().solve(instance.problem)
        default: outcome = AuctionSolver().solve(instance.problem)
        }
        let solveTime = clock.now - solveStart

        switch outcome {
        case .optimal(let solution):
            if let assignment {
                do {
                    try DIMACSWriter.writeAssignment(instance, solution, to: assignment)
                } catch {
                    fail("\(error)")
                }
            }
            print("optimum \(solution.objective)")
            print("read  \(seconds(readTime)) s")
            print("solve \(seconds(solveTime)) s")
        case .infeasible(let row):
            let node = instance.sourceNode[row]
            let p = instance.problem
            let degree = p.arcStart[row + 1] - p.arcStart[row]
            let why: String
            if degree == 0 {
                why = "it has no arc"
            } else if p.rowCount > p.columnCount {
                why = "there are \(p.rowCount) sources but only \(p.columnCount) sink\(p.columnCount == 1 ? "" : "s")"
            } else {
                why = "all \(degree) sinks it can reach are needed by other sources"
            }
            fail("\(file): infeasible: source node \(node) cannot be assigned (\(why))")
        case .costOverflow(let largest):
            fail("\(file): costs too large: |cost| up to \(largest) could overflow 64-bit sums; scale the costs down")
        }
    }

    /// GLPK's answer in the Hungarian solver's terms (its duals are certified the same way).
    private func solveWithGLPK(_ problem: AssignmentProblem) -> AssignmentOutcome {
        #if GLPK
        switch GLPKAssignmentSolver().solve(problem) {
        case .optimal(let solution): return .optimal(solution)
        case .costOverflow(let largest): return .costOverflow(largest: largest)
        case .infeasible: fail("\(file): infeasible (GLPK): not every source can be assigned")
        case .timeLimitReached: fail("\(file): GLPK stopped at its time limit")
        case .failed(let failure): fail("\(file): GLPK failed: \(failure)")
        }
        #else
        fail("this build has no GLPK")
        #endif
    }

    private func seconds(_ d: Duration) -> String {
        String(format: "%.3f", d.inSeconds)
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("match solve: \(message)\n".utf8))
        Foundation.exit(1)
    }
}
