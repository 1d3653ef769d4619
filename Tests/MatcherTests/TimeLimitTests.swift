import Testing
@testable import Matcher

/// A plain solve past its deadline stops after an exact round with that round's plan and a
/// bound its prices prove: never above the brute-force optimum, and the certificate check
/// (in its bound form) holds; a solve with time to spare is proven optimal as before.
@Suite struct TimeLimitTests {
    @Test func stoppedSolveHasAProvenBound() {
        var stopped = 0, gapped = 0
        for seed in 0..<600 {
            let c = PairingCase.random(seed: UInt64(seed) &+ 7_000, households: 3...6, helpers: 2...4)
            var solver = PairingSolver()
            solver.candidatesPerHousehold = 1
            solver.addedPerRound = 1
            solver.deadline = ContinuousClock.now - .seconds(1)
            let result = solver.solve(c.model, lockedHelper: c.locked)
            let optimum = SidedCase(base: c, model: c.model).bruteForceOptimum()!
            #expect(result.bound <= optimum && optimum <= result.objective, "seed \(seed): bound \(result.bound), optimum \(optimum), plan \(result.objective)")
            #expect(SidedCase(base: c, model: c.model).objective(result.helperOf) == result.objective, "seed \(seed)")
            #expect(PairingCertificate.problems(c.model, result).isEmpty, "seed \(seed)")
            if result.stop != nil { stopped += 1 } else { #expect(result.bound == result.objective) }
            if result.bound < result.objective { gapped += 1 }
            // The broken bound is refused.
            if result.stop != nil {
                var broken = result
                broken.bound += 1
                #expect(!PairingCertificate.problems(c.model, broken).isEmpty, "seed \(seed)")
            }
        }
        #expect(stopped > 50, "only \(stopped) solves stopped")
        #expect(gapped > 10, "only \(gapped) stopped with a gap")
    }
}
