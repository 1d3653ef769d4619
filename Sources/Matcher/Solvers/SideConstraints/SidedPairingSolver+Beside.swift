#if GLPK
import Foundation
import Dispatch
import Synchronization

/// A neighbourhood search on its own thread, beside the relaxation.
///
/// Most rounds of the relaxation skip the pass over every pair, its one parallel part, so the
/// second core would sit idle while the first runs the Hungarian method and the repair. The
/// search beside waits until the relaxation has run `after` rounds (its prices are then worth
/// ranking pairs by) or has ended, then improves the ``SharedPlan`` until `deadline`, taking
/// the relaxation's repaired plans and newest prices as they come.
final class SearchBeside: Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let outcome = Mutex<NeighbourhoodSearch.Outcome?>(nil)
    /// Set when the relaxation has ended, so the search need not wait for its rounds.
    let relaxationEnded = Atomic<Bool>(false)

    /// Stops the search (and follows the solve's cancel).
    private let control: SolveControl

    init(
        _ search: NeighbourhoodSearch, shared: SharedPlan, after rounds: Int, deadline: ContinuousClock.Instant,
        control parent: SolveControl?
    ) {
        let control = parent?.muted() ?? SolveControl()
        self.control = control
        var controlled = search
        controlled.control = control
        let search = controlled
        DispatchQueue.global().async { [self] in
            defer { finished.signal() }
            while ContinuousClock.now < deadline && !control.isCancelled {
                if (shared.prices?.rounds ?? 0) >= rounds || relaxationEnded.load(ordering: .relaxed) { break }
                Thread.sleep(forTimeInterval: 0.02)
            }
            guard let prices = shared.prices, let start = shared.best, ContinuousClock.now < deadline else { return }
            let found = search.improve(start.plan, objective: start.objective, prices: prices, deadline: deadline, shared: shared)
            outcome.withLock { $0 = found }
        }
    }

    /// Stops the search after its current neighbourhood, and waits for it.
    func stop() {
        control.cancel()
        _ = wait()
    }

    /// Waits for the search to end (at its deadline) and returns what it did (nil: it never
    /// started, for want of prices or time).
    func wait() -> NeighbourhoodSearch.Outcome? {
        relaxationEnded.store(true, ordering: .relaxed)
        finished.wait()
        finished.signal()  // so that a second wait returns at once
        return outcome.withLock { $0 }
    }
}
#endif
