/// The integer program GLPK sees for a side-constrained pairing: only the items (pairs, and
/// "unpaired" options) that reduced-cost fixing kept, so that it stays small.
///
/// Variables: one binary x per kept pair. A household's "unpaired" option is the slack of its
/// row: `Σ_g x_hg ≤ 1` when the option is kept, `= 1` when fixing removed it. Objective
/// `Σ (c(h,g) − p(h)) x_hg`, plus the constant `Σ_h p(h)` and the locked pairs' cost, added
/// outside GLPK. Rows: households, helpers whose kept pairs exceed their capacity, coverage
/// rows with a positive quota, spread groups whose kept pairs exceed their room.
struct ReducedPairingProgram: Sendable {
    /// Free household, helper and cost of each kept pair.
    var household: [Int32] = []
    var helper: [Int32] = []
    var cost: [Int] = []
    /// Free households whose "unpaired" option was removed.
    var mustPair: Set<Int> = []
    /// Σ p(h) over free households + the locked pairs' cost.
    var constant = 0
    /// A plan to start from: index of its pair in the kept lists, per household (-1 unpaired).
    var start: [Int: Int] = [:]

    var columnCount: Int { household.count }
}

/// A proven fact about the optimum of a ``ReducedPairingProgram``.
enum ReducedBound: Sendable, Equatable, CustomStringConvertible {
    /// Every plan of the reduced program costs at least this.
    case proven(Int)
    /// The reduced program has no plan.
    case infeasible

    var description: String {
        switch self {
        case .proven(let b): String(b)
        case .infeasible: "no plan"
        }
    }
}

/// What GLPK made of a ``ReducedPairingProgram``.
struct ReducedProgramOutcome: Sendable {
    enum Stop: Sendable, Equatable {
        /// Searched to the end: `plan` is optimal for the reduced program (nil: it has none).
        case solved
        /// The relative MIP gap tolerance was reached.
        case gapReached
        case timeLimit
        /// GLPK failed; the text says how.
        case failed(String)
    }

    var stop: Stop
    /// Helper of each free household in the best plan GLPK knows (nil: none found).
    var plan: [Int: Int32]? = nil
    var objective: Int? = nil
    /// What GLPK proved about the reduced program's optimum (nil: nothing).
    var bound: ReducedBound? = nil
    var rows = 0
    var columns = 0
    var nonzeros = 0
    var startAccepted = false
}
