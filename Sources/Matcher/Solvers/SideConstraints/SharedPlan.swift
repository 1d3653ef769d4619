import Synchronization

/// The best plan of a side-constrained solve and the relaxation's latest prices, shared
/// between the relaxation and the neighbourhood searches that run beside it on the other
/// core (``SidedPairingSolver``).
///
/// **Invariant.** `best`, once set, meets every rule and fits every capacity of the instance,
/// and its objective never rises: whole plans are taken only when cheaper; a neighbourhood's
/// result is laid over the current best and taken only when the whole still meets every rule
/// (``SidedPairingSolver/meetsEveryRule(_:_:)``) and costs less. So two searches working on
/// different neighbourhoods of older plans never undo each other's gains.
final class SharedPlan: Sendable {
    private struct State {
        var best: Incumbent?
        var prices: LagrangianPairing.Result?
    }

    private let state = Mutex(State())
    let instance: PairingInstance

    init(_ instance: PairingInstance, start: Incumbent? = nil) {
        self.instance = instance
        state.withLock { $0.best = start }
    }

    var best: Incumbent? { state.withLock { $0.best } }

    /// The relaxation's best multipliers and prices so far (nil before its first bound).
    var prices: LagrangianPairing.Result? { state.withLock { $0.prices } }

    func publish(_ prices: LagrangianPairing.Result) {
        var copy = prices
        copy.arcs = nil  // the searches rank pairs by price; the candidate list stays with the relaxation
        state.withLock { $0.prices = copy }
    }

    /// Takes `plan` (meeting every rule) when it is cheaper than the best; returns the best.
    @discardableResult
    func offer(_ plan: Incumbent) -> Incumbent {
        state.withLock { s in
            if s.best.map({ plan.objective < $0.objective }) ?? true { s.best = plan }
            return s.best!
        }
    }

    /// Lays the helpers `found` gives the households of `hood` over the best plan, and takes
    /// the result when it meets every rule and is cheaper; returns the best either way (nil
    /// while there is none).
    func merge(_ hood: [Int], from found: [Int32]) -> Incumbent? {
        state.withLock { s in
            guard let current = s.best else { return nil }
            var plan = current.plan
            for h in hood { plan[h] = found[h] }
            let value = instance.objective(plan)
            if value < current.objective && SidedPairingSolver.meetsEveryRule(plan, instance) {
                s.best = Incumbent(plan: plan, objective: value)
            }
            return s.best
        }
    }
}
