/// Which solver `match pair` uses (`--solver`).
public enum SolverChoice: String, Sendable, CaseIterable {
    /// The Hungarian method when no rule couples pairs, the coverage network for coverage
    /// rules alone; otherwise the Lagrangian relaxation with GLPK's integer program (or
    /// without GLPK, the relaxation and a repair heuristic).
    case auto
    /// GLPK's integer program even without side constraints (a cross-check for small rolls).
    case glpk
    /// The Hungarian method; side constraints are then ignored, and the summary says so.
    case hungarian
}

/// The solver that made a plan, as summary.json names it (`solver`).
public enum SolverName: String, Sendable, Equatable {
    /// The Hungarian method with pricing over all eligible pairs (with coverage rules: on
    /// the coverage network).
    case hungarian
    /// GLPK's simplex method and branch-and-cut on every eligible pair.
    case glpk
    /// Lagrangian relaxation, neighbourhood search and GLPK's branch-and-cut.
    case lagrangianGLPK = "lagrangian+glpk"
    /// Lagrangian relaxation and a repair heuristic (a build without GLPK).
    case lagrangian
}

/// What a strategy hands back to the pipeline: a plan with its proof, or why there is none.
enum PairingOutcome {
    /// A plan with dual prices: optimal when `result.stop` is nil, else the best plan found
    /// with the bound the prices prove. The pipeline checks the prices against every
    /// eligible pair (``PairingCertificate``) before anything is written.
    case priced(PairingResult)
    /// A plan meeting every rule with a bound proven by the relaxation (no dual prices to
    /// check; side constraints).
    case bounded(PairingResult)
    /// No plan meets the rules: why, in office words.
    case infeasible([String])
    /// The caller cancelled the solve (``SolveControl``).
    case cancelled
}

/// How a run's solve is bounded and watched (from ``YearlyPairing/Options``).
struct SolveSettings {
    var threads: Int?
    var timeLimit: Double
    var mipGap: Double
    var control: SolveControl?
    /// Progress lines (stderr with `--verbose`).
    var log: (@Sendable (String) -> Void)?
}

/// One way of solving a ``PairingInstance``. The pipeline (``YearlyPairing/solve(_:_:_:)``)
/// picks one, runs it, and turns its ``PairingOutcome`` into a checked plan or a failure.
protocol PairingStrategy {
    var name: SolverName { get }
    /// The plan, and a sentence saying how it was found (the summary's `solver_reason`).
    func solve(_ instance: PairingInstance, _ settings: SolveSettings) throws(YearlyPairing.Failure) -> (PairingOutcome, String)
}
