#if GLPK
import CGLPK
import Foundation

/// The LP relaxation of the side-constrained pairing, solved to optimality by column
/// generation with GLPK's simplex. Its row duals are the best Lagrangian multipliers: the
/// inner problem of ``LagrangianPairing`` is an assignment (integral polytope), so the
/// Lagrangian dual equals the LP bound, and the LP's duals of the coverage and spread rows
/// attain it.
///
/// **Method.** The restricted master holds a few pairs (the incumbent's and the cheapest at
/// the Lagrangian's multipliers) with rows for every free household (`Σ_g x_hg ≤ 1`), every
/// helper with spare places (`≤ residual`), every coverage row with a positive quota
/// (`≥ need`) and every spread group its pairs touch (`≤ room`, added when a pair first
/// reaches the group); objective `Σ (c(h,g) − p(h)) x_hg`. GLPK's primal simplex solves it,
/// warm from the previous basis (adding columns keeps it primal feasible). With the row
/// duals π (GLPK's signs: ≤ rows π ≤ 0, ≥ rows π ≥ 0) let `U_h = p(h) + Σ_{U∋h} π_U + π_h`,
/// `V_g = −π_g`, `M_q = −π_q`: a pair's reduced cost is `d = c(h,g) + V_g + M_q − U_h`.
/// Pricing walks every household's eligible helpers in ascending `V` up to `U_h + keep bonus`
/// and adds its `perHousehold` most negative pairs. It stops when no pair prices out (the
/// restricted optimum is then the full LP optimum) or at the deadline. Each round also gives
/// the Lagrangian estimate `LP_restricted + Σ_h min(0, min_g d)` at its duals (Farley's
/// bound), and the best round's multipliers are returned.
///
/// **Invariant.** Nothing here is a proven bound: GLPK works in floating point. The
/// multipliers are certified in integers by ``LagrangianPairing/evaluate(lambda:mu:candidates:deadline:)``.
/// A restricted LP solution that is integral meets every rule (its rows are the rules).
///
/// - Complexity: per round one warm simplex on the restricted master, and one pass over each
///   household's eligible pairs below its dual price (parallel).
/// - Reference: Dantzig & Wolfe, Operations Research 8 (1960) 101–111; Desrosiers &
///   Lübbecke, "A primer in column generation", in Column Generation (Springer 2005);
///   Farley, Operations Research 38 (1990) 922–923 (the Lagrangian bound of each round).
struct PairingColumnGeneration {
    let relaxation: LagrangianPairing
    /// Pairs added per household and round (its most negative reduced costs).
    var perHousehold = 1
    /// Reduced costs above `−tolerance` count as non-negative (GLPK's tolerances are ~1e-7).
    var tolerance = 1e-6
    var echo = false
    var log: (@Sendable (String) -> Void)? = nil

    struct Outcome: Sendable {
        /// Multipliers of the best round (by Lagrangian estimate): coverage rows, spread groups (dense; empty without org_spread).
        var lambda: [Double] = []
        var mu: [Double] = []
        /// Lagrangian estimate at those multipliers, and the last restricted LP value (constants included).
        var estimate = -Double.infinity
        var restrictedValue = Double.infinity
        /// No pair priced out at the last round: `restrictedValue` is the LP optimum.
        var converged = false
        /// The last restricted LP solution when it is integral (helper per free index), else nil.
        var integralPlan: [Int32]? = nil
        var rounds = 0
        var rows = 0
        var columns = 0
        var nonzeros = 0
        var failure: String? = nil
        /// Pairs of the restricted master, as candidates per free index.
        var columnsByHousehold: [[(Int32, Int)]] = []
    }

    /// The first columns: per free household its `k` pairs of least reduced cost at the
    /// relaxation's best multipliers, and its pair in the incumbent (so that the first
    /// restricted LP has a solution).
    static func startingColumns(_ l: LagrangianPairing, _ r: LagrangianPairing.Result, k: Int) -> [[(Int32, Int)]] {
        let S = l.scale, sides = l.sides
        let v = r.helperPrice, u = r.householdPrice, mu = r.mu
        let pairs = l.repair.pairs
        let order = pairs.ordered(by: v)
        let parts = parallelChunks(total: l.free.count) { range -> [[(Int32, Int)]] in
            var best = SmallestK(k: k)
            return range.map { i in
                let h = l.free[i]
                best.removeAll()
                var own: (Int32, Int)? = nil
                let mine = r.incumbent.map { Int($0[h]) } ?? -1
                pairs.forEach(h, in: order, below: .max) { g, c in
                    var rho = c * S + v[g] - u[i]
                    if !mu.isEmpty, let q = sides.group(h, g) { rho += mu[q] }
                    if g == mine { own = (Int32(g), c) }
                    best.offer(key: rho, tie: SplitMix64.mix(h, g), item: Int32(g), value: c)
                }
                var list = best.pairs
                if let own, !best.contains(own.0) { list.append(own) }
                return list
            }
        }
        return parts.flatMap { $0 }
    }

    /// `start`: initial pairs per free index (row r is household `free[r]`); must contain a
    /// plan meeting every rule, or the first LP may be infeasible.
    /// `incumbent`: helper per free index (-1 unpaired) of a plan meeting every rule whose
    /// pairs are in `start`; it gives the first basis.
    func solve(start: [[(Int32, Int)]], incumbent: [Int32], deadline: ContinuousClock.Instant) -> Outcome {
        let me = self
        return GLPKThread.run { me.run(start, incumbent, deadline: deadline) }
    }

    private func run(_ start: [[(Int32, Int)]], _ incumbent: [Int32], deadline: ContinuousClock.Instant) -> Outcome {
        let l = relaxation, sides = l.sides, model = l.model
        let free = l.free, n = free.count, helpers = model.roll.helpers.count
        let residual = l.repair.residual, need = l.repair.need, room = l.repair.room
        let keep = Double(model.policy.keepBonus)
        var outcome = Outcome()

        // GLPK's output is captured (shown only when echoed); the problem and the capture are
        // released on every path (see GLPKProblem).
        guard let glpk = GLPKProblem(echo: echo) else { outcome.failure = "glp_create_prob failed"; return outcome }
        let lp = glpk.pointer
        var trapped = false
        defer { glpk.close(deleteProblem: !trapped) }
        func message() -> String { glpk.message() }
        glp_set_obj_dir(lp, GLP_MIN)

        // Rows: households 1...n and coverage rows with a quota; a helper's or a spread
        // group's row only once its columns exceed its capacity (before that the household
        // rows imply it and its dual is 0).
        var rowCount: Int32 = 0
        func addRow(_ type: Int32, _ value: Double, _ columns: [Int32]) -> Bool {
            let i = columns.withUnsafeBufferPointer {
                cglpk_guarded_add_unit_row(lp, type, value, Int32($0.count), $0.baseAddress)
            }
            if i == CGLPK_TRAPPED { trapped = true; outcome.failure = "glp_add_rows: " + message(); return false }
            if i <= 0 { outcome.failure = "out of memory adding a row"; return false }
            rowCount = i
            return true
        }
        for _ in 0..<n { guard addRow(GLP_UP, 1, []) else { return outcome } }
        var coverageRow = [Int32](repeating: 0, count: need.count)
        for i in need.indices where need[i] > 0 {
            guard addRow(GLP_LO, Double(need[i]), []) else { return outcome }
            coverageRow[i] = rowCount
        }
        var helperRow = [Int32](repeating: 0, count: helpers)
        var columnsOfHelper = [[Int32]](repeating: [], count: helpers)
        var groupRow: [Int: Int32] = [:]
        var columnsOfGroup: [Int: [Int32]] = [:]
        let spread = sides.spreadLimit != nil

        // Columns.
        var columnHousehold: [Int32] = [], columnHelper: [Int32] = [], columnCost: [Int] = []
        var known: [Int: Int32] = [:]  // h * helpers + g → column
        var nonzeros = 0
        func add(_ batch: [[(Int32, Int)]]) -> Bool {
            var objective: [Double] = [], startIndex: [Int32] = [0], rows: [Int32] = []
            var touchedHelpers = Set<Int>(), touchedGroups = Set<Int>()
            for (r, list) in batch.enumerated() {
                let h = free[r]
                for (g32, c) in list {
                    let g = Int(g32)
                    let j = Int32(columnHousehold.count + 1)
                    guard residual[g] > 0, known[h * helpers + g] == nil else { continue }
                    known[h * helpers + g] = j
                    columnHousehold.append(Int32(r)); columnHelper.append(g32); columnCost.append(c)
                    objective.append(Double(c - l.freeUnpaired[r]))
                    rows.append(Int32(r + 1))
                    for rule in sides.rowOf.indices {
                        let i = Int(sides.rowOf[rule][h])
                        if i >= 0 && coverageRow[i] > 0 { rows.append(coverageRow[i]) }
                    }
                    columnsOfHelper[g].append(j)
                    if helperRow[g] > 0 { rows.append(helperRow[g]) } else { touchedHelpers.insert(g) }
                    if spread, let q = sides.group(h, g) {
                        columnsOfGroup[q, default: []].append(j)
                        if let row = groupRow[q] { rows.append(row) } else { touchedGroups.insert(q) }
                    }
                    startIndex.append(Int32(rows.count))
                }
            }
            nonzeros += rows.count
            let code = objective.withUnsafeBufferPointer { o in
                startIndex.withUnsafeBufferPointer { s in
                    rows.withUnsafeBufferPointer { r in
                        cglpk_guarded_add_unit_columns(lp, Int32(o.count), o.baseAddress, s.baseAddress, r.baseAddress)
                    }
                }
            }
            if code == CGLPK_TRAPPED { trapped = true; outcome.failure = "glp_add_cols: " + message(); return false }
            if code != 0 { outcome.failure = "a column has too many rows"; return false }
            for g in touchedHelpers.sorted() where columnsOfHelper[g].count > Int(residual[g]) {
                guard addRow(GLP_UP, Double(residual[g]), columnsOfHelper[g]) else { return false }
                helperRow[g] = rowCount
                nonzeros += columnsOfHelper[g].count
            }
            for q in touchedGroups.sorted() where columnsOfGroup[q]!.count > Int(room[q]) {
                guard addRow(GLP_UP, Double(room[q]), columnsOfGroup[q]!) else { return false }
                groupRow[q] = rowCount
                nonzeros += columnsOfGroup[q]!.count
            }
            return true
        }
        guard add(start) else { return outcome }

        let constant = Double(l.freeUnpaired.reduce(0, +))
        var coverageOf = [[Int]](repeating: [], count: n)  // coverage rows (with a quota) of each free household
        for (r, h) in free.enumerated() {
            for rule in sides.rowOf.indices {
                let i = Int(sides.rowOf[rule][h])
                if i >= 0 && coverageRow[i] > 0 { coverageOf[r].append(i) }
            }
        }
        let pairs = l.repair.pairs
        let clock = ContinuousClock(), began = clock.now
        // First basis: the incumbent's pairs basic at 1 with their household rows at the
        // bound, every other row's slack basic (nonsingular: each such pair is the only basic
        // column in its household row). Primal feasible, so the simplex skips phase 1.
        var startColumn = [Int32](repeating: 0, count: n)
        for (r, g) in incumbent.enumerated() where g >= 0 {
            guard let j = known[free[r] * helpers + Int(g)] else { continue }
            startColumn[r] = j
            glp_set_col_stat(lp, j, GLP_BS)
            glp_set_row_stat(lp, Int32(r + 1), GLP_NU)
        }
        while clock.now < deadline {
            outcome.rounds += 1
            var smcp = glp_smcp()
            let left = LagrangianPairing.seconds(deadline - clock.now)
            cglpk_init_smcp(&smcp, Int32(max(1, min(left * 1000, Double(Int32.max - 1)))))
            if echo { smcp.msg_lev = GLP_MSG_ON; smcp.out_frq = 5000 }
            var code = cglpk_guarded_simplex(lp, &smcp)
            if code == GLP_EBADB || code == GLP_ESING {
                glp_std_basis(lp)  // should not happen: the incumbent's basis is valid
                code = cglpk_guarded_simplex(lp, &smcp)
            }
            if code == CGLPK_TRAPPED { trapped = true; outcome.failure = "glp_simplex: " + message(); break }
            if code == GLP_ETMLIM { outcome.failure = "time limit inside the simplex"; break }
            if code != 0 { outcome.failure = "glp_simplex returned \(code)"; break }
            guard glp_get_status(lp) == GLP_OPT else { outcome.failure = "LP status \(glp_get_status(lp))"; break }
            let value = glp_get_obj_val(lp) + constant

            // Duals, clamped to their signs.
            var lambda = [Double](repeating: 0, count: need.count)
            for i in need.indices where coverageRow[i] > 0 { lambda[i] = max(0, glp_get_row_dual(lp, coverageRow[i])) }
            var mu = [Double](repeating: 0, count: spread ? sides.groupCount : 0)
            for (q, row) in groupRow { mu[q] = max(0, -glp_get_row_dual(lp, row)) }
            var v = [Double](repeating: 0, count: helpers)
            for g in 0..<helpers where helperRow[g] > 0 { v[g] = max(0, -glp_get_row_dual(lp, helperRow[g])) }
            var u = [Double](repeating: 0, count: n)
            for r in 0..<n {
                u[r] = Double(l.freeUnpaired[r]) + min(0, glp_get_row_dual(lp, Int32(r + 1)))
                for i in coverageOf[r] { u[r] += lambda[i] }
            }

            // Pricing over every eligible pair, in ascending V (scaled for the walk's cut-off).
            let K = 1024.0
            let order = pairs.ordered(by: v.map { Int(($0 * K).rounded(.down)) })
            let (k, tol) = (perHousehold, tolerance)
            let (prices, helperPrice, groupPrice) = (u, v, mu)
            let parts = parallelChunks(total: n) { range -> ([[(Int32, Int)]], Double, Int) in
                var out: [[(Int32, Int)]] = [], slack = 0.0, found = 0
                var best = SmallestK(k: k)
                for r in range {
                    let h = free[r], ur = prices[r]
                    best.removeAll()
                    var lowest = 0.0
                    let limit = Int(((ur + keep) * K).rounded(.up)) + 1
                    pairs.forEach(h, in: order, below: limit) { g, c in
                        var d = Double(c) + helperPrice[g] - ur
                        if spread, let q = sides.group(h, g) { d += groupPrice[q] }
                        if d < -tol {
                            lowest = min(lowest, d)
                            best.offer(key: Int((d * 1e6).rounded()), tie: SplitMix64.mix(h, g), item: Int32(g), value: c)
                        }
                    }
                    slack += lowest
                    found += best.count
                    out.append(best.pairs)
                }
                return (out, slack, found)
            }
            let estimate = value + parts.reduce(0) { $0 + $1.1 }
            let added = parts.reduce(0) { $0 + $1.2 }
            if estimate > outcome.estimate {
                outcome.estimate = estimate
                outcome.lambda = lambda
                outcome.mu = mu
            }
            outcome.restrictedValue = value
            log?(String(
                format: "column generation %3d  %6.1f s  LP %.3f  Lagrangian estimate %.3f  columns %d  priced out %d",
                outcome.rounds, LagrangianPairing.seconds(clock.now - began), value, estimate,
                columnHousehold.count, added))
            if added == 0 { outcome.converged = true; break }
            guard add(parts.flatMap(\.0)) else { break }
        }

        outcome.rows = Int(rowCount)
        outcome.columns = columnHousehold.count
        outcome.nonzeros = nonzeros
        if !trapped && (outcome.converged || outcome.failure == nil) {
            var plan = [Int32](repeating: -1, count: n), integral = true
            for j in 0..<columnHousehold.count {
                let x = glp_get_col_prim(lp, Int32(j + 1))
                if x > 1 - 1e-9 { plan[Int(columnHousehold[j])] = columnHelper[j] }
                else if x > 1e-9 { integral = false; break }
            }
            if integral { outcome.integralPlan = plan }
        }
        if trapped { return outcome }
        var byHousehold = [[(Int32, Int)]](repeating: [], count: n)
        for j in 0..<columnHousehold.count { byHousehold[Int(columnHousehold[j])].append((columnHelper[j], columnCost[j])) }
        outcome.columnsByHousehold = byHousehold
        return outcome
    }
}
#endif
