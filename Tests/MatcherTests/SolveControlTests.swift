import Foundation
import Synchronization
import Testing
@testable import Matcher

/// The progress a solve reports is true at every step (each plan reported is at least the
/// optimum, each bound at most it) and a cancelled solve stops with the `.cancelled` reason
/// and a bound its prices prove; through ``YearlyPairing`` a cancel fails the run.
@Suite struct SolveControlTests {
    @Test func progressReportsBracketTheOptimum() {
        var reports = 0
        for seed in 0..<300 {
            let c = PairingCase.random(seed: UInt64(seed) &+ 9_100, households: 3...7, helpers: 2...4)
            let seen = Mutex<[SolveProgress]>([])
            var solver = PairingSolver()
            solver.candidatesPerHousehold = 1
            solver.addedPerRound = 1
            solver.coarseRounds = false
            solver.control = SolveControl { progress in seen.withLock { $0.append(progress) } }
            let result = solver.solve(c.model, lockedHelper: c.locked)
            let optimum = SidedCase(base: c, model: c.model).bruteForceOptimum()!
            #expect(result.objective == optimum && result.stop == nil, "seed \(seed)")
            for p in seen.withLock({ $0 }) {
                reports += 1
                #expect(p.stage == .pricing)
                #expect(p.bound! <= optimum && optimum <= p.plan!, "seed \(seed): \(p)")
                #expect(p.gap! >= 0)
            }
        }
        #expect(reports > 50, "only \(reports) progress reports")
    }

    @Test func cancelledSolveStopsWithAProvenBound() {
        var cancelled = 0
        for seed in 0..<300 {
            let c = PairingCase.random(seed: UInt64(seed) &+ 9_500, households: 3...7, helpers: 2...4)
            var solver = PairingSolver()
            solver.candidatesPerHousehold = 1
            solver.addedPerRound = 1
            solver.coarseRounds = false
            let control = SolveControl()
            control.cancel()
            solver.control = control
            let result = solver.solve(c.model, lockedHelper: c.locked)
            let optimum = SidedCase(base: c, model: c.model).bruteForceOptimum()!
            #expect(result.bound <= optimum && optimum <= result.objective, "seed \(seed)")
            if result.stop == .cancelled { cancelled += 1 } else { #expect(result.stop == nil && result.bound == optimum) }
            #expect(PairingCertificate.problems(c.model, result).isEmpty, "seed \(seed)")
        }
        #expect(cancelled > 50, "only \(cancelled) solves were still pricing when cancelled")
    }
}

/// Through a whole run: a cancel before or during the solve fails it with `.cancelled` and
/// writes nothing, for the plain, the coverage and the side-constrained path alike.
@Suite struct CancelledRunTests {
    @Test(arguments: ["", "coverage: [{level: street, min_fraction: 0.75}]\n",
                      "coverage: [{level: street, min_fraction: 0.75}]\norg_spread: 3\n"])
    func cancelledRunWritesNothing(policy: String) {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var options = SideConstraintRunTests.roll(dir, policy: policy)
        let control = SolveControl()
        control.cancel()
        options.control = control
        do {
            _ = try YearlyPairing.run(options)
            Issue.record("a cancelled run finished")
        } catch .cancelled {
        } catch {
            Issue.record("expected .cancelled, got \(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/pairs.csv")))
    }
}
