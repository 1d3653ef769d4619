#if GLPK
import CGLPK
import Foundation

/// Solves a ``ReducedPairingProgram`` with GLPK's branch-and-cut (`glp_simplex` for the root
/// LP, then `glp_intopt` started from the program's plan through `glp_ios_heur_sol`), on its
/// own thread, every bulk call behind the C shim's setjmp guard, within a time limit.
///
/// The bound is read where GLPK keeps it: the best open node's LP value in the branch-and-cut
/// callback (`glp_ios_best_node`, `glp_ios_node_bound`), or the root LP value when the search
/// stopped before the first callback, or the optimum when the tree was searched to the end.
/// GLPK works in `Double` with tolerances of about 1e-7 relative, so a bound b becomes the
/// integer `⌈b − 1e-6·max(1,|b|)⌉` (costs are integers, so every plan's value is one).
///
/// - Complexity: the LP and the search are GLPK's; building is O(rows + nonzeros).
struct GLPKReducedSolver {
    let sides: SideConstraints
    let model: CostModel
    /// Free households (row r of the program is household free[r]).
    let free: [Int]
    let residual: [Int32]
    let need: [Int]
    let room: [Int32]
    var echo = false

    func solve(_ program: ReducedPairingProgram, timeLimitSeconds: Double, mipGap: Double) -> ReducedProgramOutcome {
        let limit = Int32(max(1, min(timeLimitSeconds * 1000, Double(Int32.max - 1))))
        let me = self
        return GLPKThread.run { me.run(program, limitMilliseconds: limit, mipGap: mipGap) }
    }

    private func run(_ p: ReducedPairingProgram, limitMilliseconds: Int32, mipGap: Double) -> ReducedProgramOutcome {
        let started = ContinuousClock.now
        var outcome = ReducedProgramOutcome(stop: .solved)
        // Rows: one per free household with a kept pair or that must be paired.
        let householdCount = model.roll.households.count
        var pairsOf = [[Int]](repeating: [], count: householdCount)
        for j in 0..<p.columnCount { pairsOf[Int(p.household[j])].append(j) }
        for h in p.mustPair where pairsOf[h].isEmpty {
            outcome.bound = .infeasible  // a household must be paired but has no pair left
            return outcome
        }
        var rowElements: [[Int]] = []
        var rowBounds: [(Int32, Double)] = []  // (GLP_FX/GLP_UP/GLP_LO, value)
        for h in free where !pairsOf[h].isEmpty {
            rowElements.append(pairsOf[h])
            rowBounds.append(p.mustPair.contains(h) ? (GLP_FX, 1) : (GLP_UP, 1))
        }
        var byHelper: [Int32: [Int]] = [:]
        for j in 0..<p.columnCount { byHelper[p.helper[j], default: []].append(j) }
        for (g, list) in byHelper.sorted(by: { $0.key < $1.key }) where list.count > Int(residual[Int(g)]) {
            rowElements.append(list)
            rowBounds.append((GLP_UP, Double(residual[Int(g)])))
        }
        for (i, row) in sides.coverage.enumerated() where need[i] > 0 {
            let list = row.households.flatMap { pairsOf[$0] }
            let distinct = Set(row.households.filter { !pairsOf[$0].isEmpty }).count
            if distinct < need[i] {
                outcome.bound = .infeasible  // the quota cannot be met with the kept pairs
                return outcome
            }
            rowElements.append(list)
            rowBounds.append((GLP_LO, Double(need[i])))
        }
        if sides.spreadLimit != nil {
            var byGroup: [Int: [Int]] = [:]
            for j in 0..<p.columnCount {
                if let q = sides.group(Int(p.household[j]), Int(p.helper[j])) { byGroup[q, default: []].append(j) }
            }
            for (q, list) in byGroup.sorted(by: { $0.key < $1.key }) where list.count > Int(room[q]) {
                rowElements.append(list)
                rowBounds.append((GLP_UP, Double(room[q])))
            }
        }
        let nonzeros = rowElements.reduce(0) { $0 + $1.count }
        outcome.rows = rowElements.count
        outcome.columns = p.columnCount
        outcome.nonzeros = nonzeros
        if p.columnCount == 0 || rowElements.isEmpty || nonzeros >= Int(Int32.max) - 1 {
            outcome.stop = .failed("the reduced program is empty or too large for GLPK")
            return outcome
        }

        // GLPK's output is captured (shown only when echoed); the problem and the capture are
        // released on every path (see GLPKProblem).
        guard let glpk = GLPKProblem(echo: echo) else { outcome.stop = .failed("glp_create_prob failed"); return outcome }
        let lp = glpk.pointer
        var trapped = false
        defer { glpk.close(deleteProblem: !trapped) }
        func message() -> String { glpk.message() }

        glp_set_obj_dir(lp, GLP_MIN)
        glp_add_rows(lp, Int32(rowElements.count))
        glp_add_cols(lp, Int32(p.columnCount))
        for (i, b) in rowBounds.enumerated() { glp_set_row_bnds(lp, Int32(i + 1), b.0, b.1, b.1) }
        for j in 0..<p.columnCount {
            let h = Int(p.household[j])
            glp_set_col_kind(lp, Int32(j + 1), GLP_BV)
            glp_set_obj_coef(lp, Int32(j + 1), Double(p.cost[j] - model.unpairedCost(h)))
        }
        var ia = [Int32](repeating: 0, count: nonzeros + 1)
        var ja = [Int32](repeating: 0, count: nonzeros + 1)
        let ar = [Double](repeating: 1, count: nonzeros + 1)
        var e = 0
        for (i, list) in rowElements.enumerated() {
            for j in list { e += 1; ia[e] = Int32(i + 1); ja[e] = Int32(j + 1) }
        }
        var element: Int32 = 0
        switch cglpk_guarded_load_matrix(lp, Int32(nonzeros), ia, ja, ar, &element) {
        case 0: break
        case CGLPK_TRAPPED:
            trapped = true
            outcome.stop = .failed("glp_load_matrix: " + message())
            return outcome
        default:
            outcome.stop = .failed("glp_check_dup rejected matrix element \(element)")
            return outcome
        }

        var smcp = glp_smcp()
        cglpk_init_smcp(&smcp, limitMilliseconds)
        smcp.meth = GLP_DUALP
        // Long-step ratio test: measured best for assignment-like LPs (issue 4's notes).
        smcp.r_test = GLP_RT_FLIP
        if echo { smcp.msg_lev = GLP_MSG_ON; smcp.out_frq = 2000 }
        let lpCode = cglpk_guarded_simplex(lp, &smcp)
        if lpCode == CGLPK_TRAPPED {
            trapped = true
            outcome.stop = .failed("glp_simplex: " + message())
            return outcome
        }
        if lpCode == GLP_ETMLIM { outcome.stop = .timeLimit; return outcome }
        if lpCode != 0 { outcome.stop = .failed("glp_simplex returned \(lpCode)"); return outcome }
        switch glp_get_status(lp) {
        case GLP_OPT: outcome.bound = Self.integerBound(glp_get_obj_val(lp)).map { .proven($0 + p.constant) }
        case GLP_NOFEAS:
            outcome.bound = .infeasible
            return outcome
        case let status:
            outcome.stop = .failed("LP status \(status)")
            return outcome
        }

        let spent = ContinuousClock.now - started
        let remaining = Int64(limitMilliseconds) - spent.components.seconds * 1000
            - spent.components.attoseconds / 1_000_000_000_000_000
        if remaining <= 0 { outcome.stop = .timeLimit; return outcome }
        var iocp = glp_iocp()
        cglpk_init_iocp(&iocp, Int32(remaining), mipGap)
        if echo { iocp.msg_lev = GLP_MSG_ON; iocp.out_frq = 2000 }
        var start = [Double](repeating: 0, count: p.columnCount + 1)
        for j in p.start.values where j >= 0 { start[j + 1] = 1 }
        var progress = cglpk_mip_progress()
        var accepted: Int32 = 0
        let code = cglpk_guarded_intopt_from(lp, &iocp, &progress, start, &accepted)
        outcome.startAccepted = accepted != 0
        if code == CGLPK_TRAPPED {
            trapped = true
            outcome.stop = .failed("glp_intopt: " + message())
            return outcome
        }
        switch code {
        case 0: outcome.stop = .solved
        case GLP_EMIPGAP: outcome.stop = .gapReached
        case GLP_ETMLIM: outcome.stop = .timeLimit
        default:
            outcome.stop = .failed("glp_intopt returned \(code)")
            return outcome
        }
        let status = glp_mip_status(lp)
        if status == GLP_NOFEAS { outcome.bound = .infeasible; return outcome }
        if status == GLP_OPT || status == GLP_FEAS {
            var plan: [Int: Int32] = [:]
            var value = p.constant
            for j in 0..<p.columnCount where glp_mip_col_val(lp, Int32(j + 1)) > 0.5 {
                let h = Int(p.household[j])
                plan[h] = p.helper[j]
                value += p.cost[j] - model.unpairedCost(h)
            }
            outcome.plan = plan
            outcome.objective = value
        }
        if outcome.stop == .solved, let value = outcome.objective {
            outcome.bound = .proven(value)  // the tree was searched to the end
        } else if progress.has_bound != 0, let node = Self.integerBound(progress.best_bound) {
            let best = node + p.constant
            if case .proven(let root)? = outcome.bound { outcome.bound = .proven(max(root, best)) } else { outcome.bound = .proven(best) }
        }
        return outcome
    }

    /// nil when GLPK's value is not a finite number an `Int` can hold safely.
    static func integerBound(_ b: Double) -> Int? {
        guard b.isFinite, abs(b) < 9e15 else { return nil }
        return Int((b - 1e-6 * max(1, abs(b))).rounded(.up))
    }
}
#endif
