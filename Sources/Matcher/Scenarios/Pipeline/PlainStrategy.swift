/// The assignment model with no rule coupling pairs: the Hungarian method with pricing over
/// all eligible pairs (``PairingSolver``), exact, stopped with a proven bound at the time
/// limit. With `--solver hungarian` on a policy with side constraints it ignores them, and
/// the pipeline lists the rules the plan misses.
struct PlainStrategy: PairingStrategy {
    /// The policy has side constraints this strategy does not honour.
    var ignoredRules: Bool
    /// `--solver hungarian` was given.
    var asked: Bool
    var name: SolverName { .hungarian }

    func solve(_ instance: PairingInstance, _ settings: SolveSettings) -> (PairingOutcome, String) {
        var pairing = PairingSolver()
        pairing.threads = settings.threads
        pairing.control = settings.control
        if settings.timeLimit.isFinite { pairing.deadline = ContinuousClock.now + .seconds(settings.timeLimit) }
        let result = pairing.solve(instance)
        var reason = ignoredRules
            ? "asked for; the Hungarian method cannot honour coverage or org_spread, so this plan is optimal without them and ignores them"
            : (asked ? "asked for; " : "")
                + "no rule couples pairs, so the assignment model is exact; Hungarian method with pricing over all eligible pairs"
        switch result.stop {
        case nil:
            break
        case .cancelled:
            return (.cancelled, reason)
        case .timeLimit:
            reason += String(
                format: "; stopped at the time limit after %d rounds with the best plan so far, not proven optimal: proven bound %d, gap %.2f%% (the prices prove the bound)",
                result.statistics.rounds, result.bound, result.gap * 100)
        }
        return (.priced(result), reason)
    }
}
