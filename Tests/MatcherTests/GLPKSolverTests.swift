#if GLPK
import CGLPK
import Dispatch
import Testing
@testable import Matcher

@Suite struct GLPKSolverTests {
    /// Checks GLPK against the Hungarian solver on one problem: same optimum, or both
    /// infeasible, and GLPK's own certificate verifies.
    private func expectAgreement(
        _ problem: AssignmentProblem, _ label: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let glpk = GLPKAssignmentSolver().solve(problem)
        let hungarian = HungarianSolver().solve(problem)
        switch (glpk, hungarian) {
        case (.optimal(let g), .optimal(let h)):
            #expect(g.objective == h.objective, "\(label)", sourceLocation: sourceLocation)
            #expect(
                AssignmentCertificate.violations(of: g, for: problem) == [], "\(label)",
                sourceLocation: sourceLocation)
        case (.infeasible, .infeasible):
            break
        default:
            Issue.record("\(label): GLPK \(glpk), Hungarian \(hungarian)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: 0..<500)
    func agreesWithHungarianOnSmallProblems(seed: Int) {
        let problem = BruteForce.randomProblem(seed: UInt64(seed), allowUnassigned: seed % 3 != 0)
        expectAgreement(problem, "seed \(seed)")
        // The brute force settles any disagreement between the two.
        #expect(GLPKAssignmentSolver().solve(problem).solution?.objective == BruteForce.optimum(problem))
    }

    /// rows × columns, `degree` arcs per row to distinct random columns, capacities 0...3,
    /// costs in −100...10 000.
    static func mediumProblem(
        seed: UInt64, rows: Int, columns: Int, degree: Int, allowUnassigned: Bool
    ) -> AssignmentProblem {
        var rng = SplitMix64(seed: seed)
        var arcs: [(row: Int, column: Int, cost: Int)] = []
        for r in 0..<rows {
            for g in Array(0..<columns).shuffled(using: &rng).prefix(degree) {
                arcs.append((r, g, Int.random(in: -100...10_000, using: &rng)))
            }
        }
        let capacity = (0..<columns).map { _ in Int32.random(in: 0...3, using: &rng) }
        let unassigned = allowUnassigned
            ? (0..<rows).map { _ in Int.random(in: 0...12_000, using: &rng) } : nil
        return AssignmentProblem(
            rowCount: rows, columnCount: columns, arcs: arcs, capacity: capacity,
            unassignedCost: unassigned)
    }

    @Test(arguments: [(1, true), (2, true), (3, false), (4, false), (5, true)])
    func agreesWithHungarianOnMediumProblems(seed: Int, allowUnassigned: Bool) {
        let sparse = Self.mediumProblem(
            seed: UInt64(seed), rows: 200, columns: 150, degree: 12, allowUnassigned: allowUnassigned)
        expectAgreement(sparse, "sparse seed \(seed)")
        let dense = Self.mediumProblem(
            seed: UInt64(seed) &+ 1000, rows: 200, columns: 150, degree: 150,
            allowUnassigned: allowUnassigned)
        expectAgreement(dense, "dense seed \(seed)")
    }

    @Test func bothReportInfeasibleMediumProblems() {
        // Total capacity 150 < 200 rows, everyone must be assigned.
        var tight = Self.mediumProblem(seed: 7, rows: 200, columns: 150, degree: 20, allowUnassigned: false)
        tight.capacity = Array(repeating: 1, count: 150)
        #expect(GLPKAssignmentSolver().solve(tight) == .infeasible)
        guard case .infeasible = HungarianSolver().solve(tight) else {
            Issue.record("Hungarian did not report infeasibility"); return
        }
        // Enough capacity overall, but two rows share a single column of capacity 1.
        var arcs: [(row: Int, column: Int, cost: Int)] = [(0, 0, 5), (1, 0, 3)]
        for r in 2..<50 { arcs.append((r, r, 1)) }
        let pinch = AssignmentProblem(
            rowCount: 50, columnCount: 60, arcs: arcs, capacity: Array(repeating: 1, count: 60),
            unassignedCost: nil)
        expectAgreement(pinch, "pinch")
        #expect(GLPKAssignmentSolver().solve(pinch) == .infeasible)
    }

    @Test func edgeCases() {
        let empty = AssignmentProblem(
            rowCount: 0, columnCount: 2, arcs: [], capacity: [1, 1], unassignedCost: nil)
        #expect(GLPKAssignmentSolver().solve(empty).solution?.objective == 0)
        let noArcs = AssignmentProblem(
            rowCount: 2, columnCount: 0, arcs: [], capacity: [], unassignedCost: [4, -1])
        #expect(GLPKAssignmentSolver().solve(noArcs).solution?.objective == 3)
        let nowhere = AssignmentProblem(
            rowCount: 2, columnCount: 0, arcs: [], capacity: [], unassignedCost: nil)
        #expect(GLPKAssignmentSolver().solve(nowhere) == .infeasible)
        // Zero capacity: the cheap column is closed.
        let closed = AssignmentProblem(
            rowCount: 1, columnCount: 2, arcs: [(0, 0, 1), (0, 1, 9)], capacity: [0, 1],
            unassignedCost: nil)
        #expect(GLPKAssignmentSolver().solve(closed).solution?.objective == 9)
        expectAgreement(closed, "zero capacity")
    }

    @Test func malformedProblemsNeverReachGLPK() {
        var bad = BruteForce.randomProblem(seed: 11, allowUnassigned: true)
        bad.arcColumn = bad.arcColumn.map { _ in Int32(bad.columnCount) }  // out of range
        guard case .failed(.invalidInput) = GLPKAssignmentSolver().solve(bad) else {
            Issue.record("out-of-range column accepted"); return
        }
        var short = BruteForce.randomProblem(seed: 12, allowUnassigned: true)
        short.unassignedCost!.removeLast()
        guard case .failed(.invalidInput) = GLPKAssignmentSolver().solve(short) else {
            Issue.record("short unassignedCost accepted"); return
        }
        let ok = BruteForce.randomProblem(seed: 13, allowUnassigned: true)
        guard case .failed(.invalidInput) = GLPKAssignmentSolver().solve(ok, timeLimitSeconds: -1) else {
            Issue.record("negative time limit accepted"); return
        }
        // Inputs the certificate could not accept: negative capacity, parallel arcs.
        let negative = AssignmentProblem(
            rowCount: 1, columnCount: 2, arcs: [(0, 0, 1), (0, 1, 9)], capacity: [-2, 1],
            unassignedCost: nil)
        guard case .failed(.invalidInput) = GLPKAssignmentSolver().solve(negative) else {
            Issue.record("negative capacity accepted"); return
        }
        let parallel = AssignmentProblem(
            rowCount: 1, columnCount: 1, arcs: [(0, 0, 5), (0, 0, 2)], capacity: [1],
            unassignedCost: nil)
        guard case .failed(.invalidInput) = GLPKAssignmentSolver().solve(parallel) else {
            Issue.record("parallel arcs accepted"); return
        }
        let huge = AssignmentProblem(
            rowCount: 1, columnCount: 1, arcs: [(0, 0, 1 << 60)], capacity: [1], unassignedCost: nil)
        #expect(GLPKAssignmentSolver().solve(huge) == .costOverflow(largest: 1 << 60))
    }

    @Test func timeLimitStopsOrSolves() {
        let problem = Self.mediumProblem(seed: 21, rows: 200, columns: 150, degree: 150, allowUnassigned: true)
        switch GLPKAssignmentSolver().solve(problem, timeLimitSeconds: 0) {
        case .timeLimitReached, .optimal: break
        case let other: Issue.record("unexpected \(other)")
        }
        #expect(GLPKAssignmentSolver().solve(problem, timeLimitSeconds: 60).solution != nil)
    }

    @Test func concurrentSolvesStayApart() {
        let problems = (0..<8).map {
            Self.mediumProblem(seed: UInt64(100 + $0), rows: 120, columns: 90, degree: 15, allowUnassigned: true)
        }
        let results = ResultSlots(count: problems.count)
        DispatchQueue.concurrentPerform(iterations: problems.count) { i in
            results.set(i, GLPKAssignmentSolver().solve(problems[i]).solution?.objective)
        }
        for (i, p) in problems.enumerated() {
            guard case .optimal(let h) = HungarianSolver().solve(p) else { Issue.record("problem \(i)"); continue }
            #expect(results.get(i) == h.objective, "problem \(i)")
        }
    }

    // MARK: The error guard

    /// A one-row, one-column LP (x = 1, minimise x) on the calling thread.
    private static func tinyProblem() -> OpaquePointer {
        let lp = glp_create_prob()!
        glp_add_rows(lp, 1)
        glp_add_cols(lp, 1)
        glp_set_row_bnds(lp, 1, GLP_FX, 1, 1)
        glp_set_col_bnds(lp, 1, GLP_LO, 0, 0)
        glp_set_obj_coef(lp, 1, 1)
        var element: Int32 = 0
        let code = cglpk_guarded_load_matrix(lp, 1, [0, 1], [0, 1], [0, 1], &element)
        precondition(code == 0)
        return lp
    }

    @Test func invalidCallsReturnAnErrorInsteadOfAborting() {
        struct Report: Sendable {
            var simplexCode: Int32 = 0, simplexMessage = ""
            var intoptCode: Int32 = 0, intoptMessage = ""
            var afterwardsCode: Int32 = 0, afterwardsObjective = 0.0
            var badIndex: Int32 = 0, badIndexElement: Int32 = 0
            var duplicate: Int32 = 0, duplicateElement: Int32 = 0
        }
        let report = GLPKThread.run { () -> Report in
            var report = Report()
            let sink = UnsafeMutablePointer<cglpk_output>.allocate(capacity: 1)
            sink.initialize(to: cglpk_output())
            defer { cglpk_output_release(sink); sink.deallocate() }

            // glp_simplex with an invalid message level: GLPK would print and abort().
            cglpk_capture_output(sink)
            var smcp = glp_smcp()
            cglpk_init_smcp(&smcp, -1)
            smcp.msg_lev = 12345
            report.simplexCode = cglpk_guarded_simplex(Self.tinyProblem(), &smcp)
            // The trap freed the environment and the problem: no glp_delete_prob here.
            report.simplexMessage = sink.pointee.text.map { String(cString: $0) } ?? ""
            cglpk_output_release(sink)

            // glp_intopt with an invalid branching technique, in the fresh environment.
            cglpk_capture_output(sink)
            var iocp = glp_iocp()
            cglpk_init_iocp(&iocp, -1, 0)
            iocp.br_tech = 99
            report.intoptCode = cglpk_guarded_intopt(Self.tinyProblem(), &iocp, nil)
            report.intoptMessage = sink.pointee.text.map { String(cString: $0) } ?? ""

            // GLPK still works on this thread.
            cglpk_capture_output(nil)
            let lp = Self.tinyProblem()
            cglpk_init_smcp(&smcp, -1)
            report.afterwardsCode = cglpk_guarded_simplex(lp, &smcp)
            report.afterwardsObjective = glp_get_obj_val(lp)

            // glp_check_dup catches bad and repeated indices before glp_load_matrix.
            report.badIndex = cglpk_guarded_load_matrix(
                lp, 2, [0, 1, 2], [0, 1, 1], [0, 1, 1], &report.badIndexElement)
            report.duplicate = cglpk_guarded_load_matrix(
                lp, 2, [0, 1, 1], [0, 1, 1], [0, 1, 1], &report.duplicateElement)
            glp_delete_prob(lp)
            glp_term_hook(nil, nil)
            return report
        }
        #expect(report.simplexCode == CGLPK_TRAPPED)
        #expect(report.simplexMessage.contains("msg_lev = 12345; invalid parameter"))
        #expect(report.intoptCode == CGLPK_TRAPPED)
        #expect(report.intoptMessage.contains("br_tech = 99; invalid parameter"))
        #expect(report.afterwardsCode == 0)
        #expect(report.afterwardsObjective == 1)
        #expect(report.badIndex == CGLPK_BAD_INDEX && report.badIndexElement == 2)
        #expect(report.duplicate == CGLPK_DUPLICATE && report.duplicateElement == 2)
        // And the solver still works afterwards.
        let problem = BruteForce.randomProblem(seed: 3, allowUnassigned: true)
        #expect(GLPKAssignmentSolver().solve(problem).solution?.objective == BruteForce.optimum(problem))
    }
}

/// Results written from `concurrentPerform` workers, one slot each.
private final class ResultSlots: @unchecked Sendable {
    private var values: [Int?]
    private let lock = DispatchSemaphore(value: 1)
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: Int?) { lock.wait(); values[i] = v; lock.signal() }
    func get(_ i: Int) -> Int? { lock.wait(); defer { lock.signal() }; return values[i] }
}
#endif
