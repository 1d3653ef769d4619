import ArgumentParser
import Matcher

/// How `match pair` solves: which solver, how long, how close, how talkative.
struct SolverOptions: ParsableArguments {
    @Option(help: "auto (the Hungarian method, or with coverage/org_spread the Lagrangian relaxation and GLPK's integer program), glpk (the integer program even without side constraints; slow on big rolls) or hungarian (ignores side constraints).")
    var solver: SolverChoice = .auto

    @Option(help: "Seconds for the solve; a solve still running then stops with its best plan, proven bound and gap (coverage rules alone are solved exactly, however long it takes).")
    var timeLimit: Double = 60

    @Option(help: "Stop a solve with side constraints once the proven relative gap is at most this (0.005 = 0.5%).")
    var mipGap: Double = 0

    @Flag(help: "Progress on stderr: Lagrangian bound and plan per round, GLPK's own output.")
    var verbose = false

    func validate() throws {
        if !(timeLimit > 0) || !timeLimit.isFinite { throw ValidationError("--time-limit must be a positive number of seconds") }
        if !(mipGap >= 0 && mipGap < 1) { throw ValidationError("--mip-gap must be at least 0 and below 1") }
    }

    func apply(to options: inout YearlyPairing.Options) {
        options.solver = solver
        options.timeLimit = timeLimit
        options.mipGap = mipGap
        options.verbose = verbose
    }
}
