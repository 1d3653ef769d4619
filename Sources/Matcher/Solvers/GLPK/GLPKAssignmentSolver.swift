#if GLPK
import CGLPK
import Dispatch
import Foundation

/// Exact solver for ``AssignmentProblem`` through GLPK's integer programming: an independent
/// cross-check of ``HungarianSolver`` (and the place for side constraints later).
///
/// **Problem.** Minimise Σ cost(r, g) over assigned pairs + Σ unassignedCost(r) over
/// unassigned rows, each row used at most once (exactly once when `unassignedCost` is nil),
/// column g at most `capacity[g]` times. Refused as ``GLPKFailure/invalidInput(_:)``, as the
/// certificate could not accept them: negative capacities and parallel arcs (two arcs of
/// one row to the same column).
///
/// **Method.** One binary variable x per arc and, when `unassignedCost` is non-nil, one
/// binary y per row for "unassigned". Row constraints Σ x + y = 1, column constraints
/// Σ x ≤ capacity. The LP relaxation (x, y ≥ 0; the bound ≤ 1 is left implied by the row
/// constraints, so that no active upper bound takes a share of the prices) is solved with
/// `glp_simplex` (dual simplex); its row duals give the prices, u[r] = dual of row r and
/// v[g] = −dual of column g's capacity row. The variables are then made binary and
/// `glp_intopt` (branch-and-cut, started from the simplex basis) gives the assignment. The
/// matrix is totally unimodular (rows and columns of a bipartite incidence matrix, plus
/// unit columns), so the relaxation already has an integral optimum, every basic dual
/// solution is integral, and branch-and-cut stops at the root.
///
/// GLPK runs on a dedicated thread per solve (its environment is thread-local) that ends with
/// `glp_free_env`; the caller blocks until it finishes. Every call that could make GLPK abort
/// is preceded by validation, and the bulk calls (matrix load, simplex, intopt) run inside
/// the C shim's setjmp/longjmp guard, so a GLPK error becomes ``GLPKFailure/trapped(routine:message:)``.
/// GLPK's terminal output is captured (never printed) and only surfaces in such a failure.
///
/// **Invariant** (the certificate, checked by ``AssignmentCertificate`` before any
/// `.optimal` is returned): with row prices u and column prices v,
/// - `u[r] − v[g] ≤ cost(r, g)` on every arc, with equality on assigned arcs;
/// - `u[r] ≤ unassignedCost[r]`, with equality on unassigned rows;
/// - `v[g] ≥ 0`, and `v[g] = 0` on every column with spare capacity.
/// GLPK computes in `Double` with relative tolerances (about 1e-7 · |cost|), so prices are
/// rounded to integers and the certificate is re-checked exactly; a rejected certificate is
/// reported as ``GLPKFailure/certificateRejected(_:)``, never returned as optimal. Costs are
/// refused (`.costOverflow`) unless every sum of 2 · rows + 4 of them is exact in `Double`
/// (≤ 2⁵³). Estimate, not tested beyond |cost| ≤ 10⁴: the tolerances stay below 1/2,
/// hence harmless, while |cost| ≲ 10⁶.
///
/// - Complexity: O(rows + columns + arcs) to build and check, memory of the same order; the
///   simplex method has no polynomial bound; branch-and-cut solves only the root node.
///   Fit for small rolls only (timings: benchmarks/README.md, 'Tuning notes').
/// - Reference: GNU Linear Programming Kit Reference Manual, version 5.0 (A. Makhorin,
///   2020): `glp_simplex` and `glp_intopt` (basic API), the branch-and-cut callback and
///   `glp_ios_best_node`, `glp_ios_node_bound`, `glp_ios_mip_gap` (branch-and-cut API),
///   `glp_check_dup`, and `glp_term_hook`, `glp_error_hook`, `glp_free_env` (library
///   environment). Total unimodularity: Schrijver, *Theory of Linear and Integer
///   Programming* (1986), ch. 19.
public struct GLPKAssignmentSolver: Sendable {
    public init() {}

    /// Solves `problem` to proven optimality, or stops after about `timeLimitSeconds`
    /// (simplex and branch-and-cut together; nil: no limit).
    public func solve(
        _ problem: AssignmentProblem, timeLimitSeconds: Double? = nil
    ) -> GLPKAssignmentOutcome {
        if let reason = Self.validationFailure(problem) {
            return .failed(.invalidInput(reason))
        }
        var limitMilliseconds: Int32 = -1
        if let seconds = timeLimitSeconds {
            guard seconds.isFinite, seconds >= 0 else {
                return .failed(.invalidInput("time limit \(seconds) s is not a finite, non-negative number"))
            }
            limitMilliseconds = Int32(min((seconds * 1000).rounded(.up), Double(Int32.max - 1)))
        }
        let largest = problem.largestAbsoluteCost
        // Any objective or price is a sum of at most 2·rows + 4 costs; keep it exact in Double.
        let (bound, overflow) = largest.multipliedReportingOverflow(by: 2 * problem.rowCount + 4)
        if overflow || bound > 1 << 53 { return .costOverflow(largest: largest) }
        if problem.rowCount == 0 {
            return .optimal(AssignmentSolution(
                column: [], rowPrice: [], columnPrice: Array(repeating: 0, count: problem.columnCount),
                objective: 0))
        }
        let limit = limitMilliseconds
        return GLPKThread.run { GLPKAssignmentRun(problem: problem).solve(timeLimitMilliseconds: limit) }
    }

    /// Why GLPK must not see `problem` (nil when it is well formed).
    static func validationFailure(_ p: AssignmentProblem) -> String? {
        if p.rowCount < 0 || p.columnCount < 0 { return "negative row or column count" }
        if p.arcStart.count != p.rowCount + 1 { return "arcStart has \(p.arcStart.count) entries, expected \(p.rowCount + 1)" }
        if p.arcCost.count != p.arcColumn.count { return "arcCost and arcColumn differ in length" }
        if p.arcStart[0] != 0 || p.arcStart[p.rowCount] != p.arcCount { return "arcStart does not span the arcs" }
        for r in 0..<p.rowCount where p.arcStart[r] > p.arcStart[r + 1] {
            return "arcStart decreases at row \(r)"
        }
        for (k, g) in p.arcColumn.enumerated() where g < 0 || Int(g) >= p.columnCount {
            return "arc \(k) names column \(g) outside 0..<\(p.columnCount)"
        }
        // No parallel arcs: AssignmentCertificate prices an assigned pair at its first arc,
        // so a solution using a cheaper later duplicate could never be certified.
        var lastRow = [Int](repeating: -1, count: p.columnCount)
        for r in 0..<p.rowCount {
            for k in p.arcStart[r]..<p.arcStart[r + 1] {
                let g = Int(p.arcColumn[k])
                if lastRow[g] == r { return "row \(r) has more than one arc to column \(g)" }
                lastRow[g] = r
            }
        }
        if p.capacity.count != p.columnCount { return "capacity has \(p.capacity.count) entries, expected \(p.columnCount)" }
        // AssignmentCertificate counts load > capacity as a violation, so a negative
        // capacity could never be certified (the Hungarian solver reads it as 0).
        for (g, c) in p.capacity.enumerated() where c < 0 { return "column \(g) has negative capacity \(c)" }
        if let un = p.unassignedCost, un.count != p.rowCount {
            return "unassignedCost has \(un.count) entries, expected \(p.rowCount)"
        }
        // GLPK indexes rows, columns and matrix elements with 1-based C ints.
        let glpkColumns = p.arcCount + (p.unassignedCost == nil ? 0 : p.rowCount)
        let elements = 2 * p.arcCount + (p.unassignedCost == nil ? 0 : p.rowCount)
        let limit = Int(Int32.max) - 1
        if p.rowCount + p.columnCount > limit || glpkColumns > limit || elements > limit {
            return "too large for GLPK's int indices"
        }
        return nil
    }
}

/// The result of ``GLPKAssignmentSolver/solve(_:timeLimitSeconds:)``.
public enum GLPKAssignmentOutcome: Sendable, Equatable {
    /// Proven optimal: `solution`'s prices satisfy ``AssignmentCertificate`` exactly.
    case optimal(AssignmentSolution)
    /// No assignment exists (only possible when unassigned rows are not allowed). GLPK's LP
    /// relaxation proves it but names no row.
    case infeasible
    /// Costs too large for exact sums in `Double` (see the solver's documentation).
    case costOverflow(largest: Int)
    /// The time limit stopped GLPK before optimality was proven.
    case timeLimitReached(GLPKSearchProgress)
    /// GLPK could not be used or did not deliver a verifiable answer.
    case failed(GLPKFailure)

    /// The optimal solution, if any.
    public var solution: AssignmentSolution? {
        if case .optimal(let s) = self { s } else { nil }
    }
}

/// How far GLPK got before a time limit.
public struct GLPKSearchProgress: Sendable, Equatable {
    public enum Stage: Sendable, Equatable {
        /// `glp_simplex` on the LP relaxation.
        case lpRelaxation
        /// `glp_intopt` (branch-and-cut).
        case branchAndCut
    }

    public var stage: Stage
    /// The best global lower bound seen by the branch-and-cut callback (nil: none yet).
    public var bestBound: Double?
    /// The relative MIP gap seen by the callback (nil: no integer solution yet).
    public var mipGap: Double?
}

/// Why a GLPK solve failed.
public enum GLPKFailure: Error, Sendable, Equatable {
    /// The problem or an argument is malformed; GLPK was not called.
    case invalidInput(String)
    /// GLPK raised an error (it would have aborted the process); `message` is its text.
    case trapped(routine: String, message: String)
    /// `glp_check_dup` rejected the constraint matrix (cannot happen for a validated problem).
    case matrixRejected(String)
    /// A GLPK routine returned a non-zero code (`GLP_E…`, glpk.h) or an unexpected status.
    case solverCode(routine: String, code: Int32)
    /// GLPK's answer, after rounding prices to integers, does not prove optimality.
    case certificateRejected([AssignmentCertificate.Violation])
}

// MARK: - Running GLPK on its own thread

/// Runs GLPK work on a fresh thread and waits for it.
///
/// GLPK keeps its environment (memory, hooks, problem objects) in thread-local storage, so
/// one solve on one thread keeps concurrent solves apart, and `glp_free_env` at the end of
/// the thread releases everything GLPK allocated there, even after a trapped error.
enum GLPKThread {
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            glp_free_env()  // returns 1, harmlessly, if a trapped error already freed it
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        done.wait()
        return box.value!
    }
}

/// Written once by the GLPK thread before it signals, read once after the wait.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

// MARK: - One solve

/// Builds the integer program for one problem and drives GLPK. Used only on a GLPK thread.
private struct GLPKAssignmentRun {
    let problem: AssignmentProblem

    private var n: Int { problem.rowCount }
    private var k: Int { problem.columnCount }
    private var m: Int { problem.arcCount }
    private var hasUnassigned: Bool { problem.unassignedCost != nil }

    func solve(timeLimitMilliseconds: Int32) -> GLPKAssignmentOutcome {
        // Rows exist (rowCount > 0) but there is nothing to assign them to.
        if m == 0 && !hasUnassigned { return .infeasible }

        let started = ContinuousClock.now
        // GLPK's output is captured, so that nothing is printed and an error message can be
        // reported. After a trapped error GLPK's environment, and this problem object with
        // it, is already freed: `trapped` stops the deferred glp_delete_prob.
        guard let glpk = GLPKProblem() else {
            return .failed(.solverCode(routine: "glp_create_prob", code: 0))
        }
        let lp = glpk.pointer
        var trapped = false
        defer { glpk.close(deleteProblem: !trapped) }
        func message() -> String { glpk.message() }

        // Structure. Indices are 1-based: GLPK row r+1 is problem row r, row n+g+1 is column
        // g's capacity; GLPK column a+1 is arc a, column m+r+1 is row r's "unassigned".
        glp_set_obj_dir(lp, GLP_MIN)
        glp_add_rows(lp, Int32(n))  // n > 0 here
        if k > 0 { glp_add_rows(lp, Int32(k)) }
        let glpkColumns = m + (hasUnassigned ? n : 0)  // > 0 here
        glp_add_cols(lp, Int32(glpkColumns))
        for r in 0..<n { glp_set_row_bnds(lp, Int32(r + 1), GLP_FX, 1, 1) }
        for g in 0..<k {
            glp_set_row_bnds(lp, Int32(n + g + 1), GLP_UP, 0, Double(problem.capacity[g]))
        }
        for a in 0..<m {
            glp_set_col_bnds(lp, Int32(a + 1), GLP_LO, 0, 0)
            glp_set_obj_coef(lp, Int32(a + 1), Double(problem.arcCost[a]))
        }
        if let un = problem.unassignedCost {
            for r in 0..<n {
                glp_set_col_bnds(lp, Int32(m + r + 1), GLP_LO, 0, 0)
                glp_set_obj_coef(lp, Int32(m + r + 1), Double(un[r]))
            }
        }

        // The matrix, element 0 unused.
        let elements = 2 * m + (hasUnassigned ? n : 0)
        var ia = [Int32](repeating: 0, count: elements + 1)
        var ja = [Int32](repeating: 0, count: elements + 1)
        let ar = [Double](repeating: 1, count: elements + 1)
        var e = 0
        for r in 0..<n {
            for a in problem.arcStart[r]..<problem.arcStart[r + 1] {
                e += 1; ia[e] = Int32(r + 1); ja[e] = Int32(a + 1)
                e += 1; ia[e] = Int32(n + Int(problem.arcColumn[a]) + 1); ja[e] = Int32(a + 1)
            }
            if hasUnassigned { e += 1; ia[e] = Int32(r + 1); ja[e] = Int32(m + r + 1) }
        }
        var element: Int32 = 0
        let loaded = cglpk_guarded_load_matrix(lp, Int32(elements), ia, ja, ar, &element)
        switch loaded {
        case 0: break
        case CGLPK_TRAPPED:
            trapped = true
            return .failed(.trapped(routine: "glp_load_matrix", message: message()))
        case CGLPK_BAD_INDEX: return .failed(.matrixRejected("element \(element) out of range"))
        default: return .failed(.matrixRejected("element \(element) is a duplicate"))
        }

        // LP relaxation.
        var smcp = glp_smcp()
        cglpk_init_smcp(&smcp, timeLimitMilliseconds)
        // Dual simplex (falling back to the primal one if it fails): several times faster than
        // the default primal simplex on these programs (see
        // benchmarks/README.md, 'Tuning notes').
        smcp.meth = GLP_DUALP
        let lpCode = cglpk_guarded_simplex(lp, &smcp)
        if lpCode == CGLPK_TRAPPED {
            trapped = true
            return .failed(.trapped(routine: "glp_simplex", message: message()))
        }
        if lpCode == GLP_ETMLIM { return .timeLimitReached(GLPKSearchProgress(stage: .lpRelaxation)) }
        if lpCode != 0 { return .failed(.solverCode(routine: "glp_simplex", code: lpCode)) }
        switch glp_get_status(lp) {
        case GLP_OPT: break
        case GLP_NOFEAS: return .infeasible
        case let status: return .failed(.solverCode(routine: "glp_get_status", code: status))
        }

        // Prices. In exact arithmetic the duals of this totally unimodular LP are integers
        // (each is c_B·B⁻¹ for a unimodular basis B and integer costs c); GLPK's
        // floating-point LU delivers them up to rounding error, so round to the nearest
        // integer. Nothing else is patched: the rounded prices are checked exactly against
        // the certificate below, and a failure is reported rather than repaired.
        var u = [Int](repeating: 0, count: n)
        var v = [Int](repeating: 0, count: k)
        for r in 0..<n {
            guard let price = Self.integer(glp_get_row_dual(lp, Int32(r + 1))) else {
                return .failed(.solverCode(routine: "glp_get_row_dual", code: Int32(r + 1)))
            }
            u[r] = price
        }
        for g in 0..<k {
            // ≤ row of a minimisation: dual ≤ 0; v = −dual ≥ 0.
            guard let price = Self.integer(-glp_get_row_dual(lp, Int32(n + g + 1))) else {
                return .failed(.solverCode(routine: "glp_get_row_dual", code: Int32(n + g + 1)))
            }
            v[g] = price
        }

        // Integer program, started from the optimal basis just found (presolver off).
        for j in 1...glpkColumns { glp_set_col_kind(lp, Int32(j), GLP_BV) }
        var iocp = glp_iocp()
        var remaining: Int32 = -1
        if timeLimitMilliseconds >= 0 {
            let elapsed = ContinuousClock.now - started
            let spent = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            remaining = Int32(max(0, Int64(timeLimitMilliseconds) - spent))
        }
        cglpk_init_iocp(&iocp, remaining, 0)
        var progress = cglpk_mip_progress()
        let mipCode = cglpk_guarded_intopt(lp, &iocp, &progress)
        if mipCode == CGLPK_TRAPPED {
            trapped = true
            return .failed(.trapped(routine: "glp_intopt", message: message()))
        }
        if mipCode == GLP_ETMLIM {
            return .timeLimitReached(GLPKSearchProgress(
                stage: .branchAndCut,
                bestBound: progress.has_bound != 0 ? progress.best_bound : nil,
                mipGap: progress.callbacks > 0 && progress.mip_gap < .greatestFiniteMagnitude
                    ? progress.mip_gap : nil))
        }
        if mipCode != 0 { return .failed(.solverCode(routine: "glp_intopt", code: mipCode)) }
        switch glp_mip_status(lp) {
        case GLP_OPT: break
        case GLP_NOFEAS: return .infeasible
        case let status: return .failed(.solverCode(routine: "glp_mip_status", code: status))
        }

        // The assignment: the arc (or "unassigned") whose binary is 1 in each row's
        // constraint. The objective is summed in Int from the problem's own costs.
        var column = [Int32](repeating: -1, count: n)
        var objective = 0
        for r in 0..<n {
            var chosen = 0
            for a in problem.arcStart[r]..<problem.arcStart[r + 1]
            where glp_mip_col_val(lp, Int32(a + 1)) > 0.5 {
                chosen += 1
                column[r] = problem.arcColumn[a]
                objective += problem.arcCost[a]
            }
            if let un = problem.unassignedCost, glp_mip_col_val(lp, Int32(m + r + 1)) > 0.5 {
                chosen += 1
                objective += un[r]
            }
            if chosen != 1 {  // the row constraint Σx + y = 1 was not met
                return .failed(.solverCode(routine: "glp_mip_col_val", code: Int32(r + 1)))
            }
        }
        let solution = AssignmentSolution(column: column, rowPrice: u, columnPrice: v, objective: objective)
        let violations = AssignmentCertificate.violations(of: solution, for: problem)
        return violations.isEmpty ? .optimal(solution) : .failed(.certificateRejected(violations))
    }

    /// `x` rounded to the nearest integer, or nil when it is not a finite value inside ±2⁵³.
    private static func integer(_ x: Double) -> Int? {
        guard x.isFinite, abs(x) <= 9_007_199_254_740_992 else { return nil }
        return Int(x.rounded())
    }
}
#endif
