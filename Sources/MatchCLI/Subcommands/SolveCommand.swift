import ArgumentParser
import Matcher

/// `match solve FILE [--assignment OUT] [--solver auction|hungarian|glpk]`: parses and
/// delegates to ``AssignmentFileSolving`` (reading, solving, writing, and why a file has no
/// assignment all live in the library).
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
    var solver: AssignmentFileSolving.Solver = .auction

    func run() throws {
        var options = AssignmentFileSolving.Options(file: file)
        options.assignmentOutput = assignment
        options.solver = solver
        print(try AssignmentFileSolving.run(options).text)
    }
}
