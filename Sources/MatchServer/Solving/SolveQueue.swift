import Foundation
import Logging
import Matcher

#if canImport(Glibc)
import Glibc
#endif

/// Runs solves one at a time per database on a thread of its own, at a lower CPU priority
/// (nice 10): never on the server's event loop or Swift's cooperative threads, so pages and
/// API calls are answered while a city-scale solve runs. The solver's own worker threads
/// are limited by ``ServerSettings/solverThreads`` (one core is left to the server).
///
/// The round is marked `solving` (committed) before the solve is queued; the plan and the
/// status `solved` are committed together at the end, or the status goes back to `draft`
/// with the error. A process killed mid-solve leaves the round `solving`, which
/// ``OfficeStore/recoverInterruptedSolves()`` turns back into `draft` on the next start.
final class SolveQueue: @unchecked Sendable {
    private let store: OfficeStore
    private let settings: ServerSettings
    private let logger: Logger
    /// Guards `jobs`; the solver thread waits on it.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var thread: Thread?
    /// The solves queued or running, with their progress and cancel.
    let board = SolveProgressBoard()

    /// Cost models of solved plans, primed when a plan is stored.
    private let alternatives: AlternativesCache

    init(store: OfficeStore, settings: ServerSettings, logger: Logger, alternatives: AlternativesCache) {
        self.alternatives = alternatives
        self.store = store
        self.settings = settings
        self.logger = logger
    }

    /// Marks `round` solving and queues its solve; returns once the mark is committed.
    func start(round id: Int64, by user: String) async throws {
        var inputs = try await store.beginSolve(round: id)
        inputs.threads = settings.solverThreads
        inputs.timeLimit = settings.solveTimeLimit
        let control = board.add(round: id)
        inputs.control = control
        let job = inputs
        let (store, logger, board, alternatives) = (store, logger, board, alternatives)
        enqueue {
            let outcome: Result<(RoundPairing.Plan, PlanRows, PlanHouseholds), YearlyPairing.Failure>
            let clock = ContinuousClock(), start = clock.now
            board.started(round: id)
            do throws(YearlyPairing.Failure) {
                // Cancelled while queued: not started at all.
                if control.isCancelled { throw .cancelled }
                let plan = try RoundPairing.solve(job)
                let solved = clock.now
                let rows = PlanRows(plan)
                let households = PlanHouseholds(plan)
                logger.info("round \(id): solved in \(solved - start), lists cut in \(clock.now - solved)")
                outcome = .success((plan, rows, households))
            } catch {
                outcome = .failure(error)
            }
            // The commit is awaited here, so the next solve starts after it.
            let done = DispatchSemaphore(value: 0)
            Task {
                do {
                    let detail: String
                    switch outcome {
                    case .success(let (plan, rows, households)):
                        let storing = clock.now
                        try await store.finishSolve(round: id, plan: plan, rows: rows, households: households)
                        logger.info("round \(id): plan stored in \(clock.now - storing)")
                        if let solvedAt = try await store.planSolvedAt(round: id) {
                            await alternatives.prime(round: id, solvedAt: solvedAt, plan: plan)
                        }
                        let s = plan.summary
                        detail = "solved: objective \(s.objective), bound \(s.bound), \(s.pairs) pairs, \(s.unpaired) unpaired, "
                            + String(format: "%.1f s", s.seconds)
                    case .failure(.cancelled):
                        let by = board.entry(round: id)?.cancelledBy ?? "someone"
                        try await store.failSolve(round: id, error: "the solve was cancelled by \(by); nothing of it was kept; solve again when ready")
                        detail = "cancelled by \(by): back to draft"
                    case .failure(let failure):
                        try await store.failSolve(round: id, error: failure.description)
                        detail = "failed: back to draft with the error"
                    }
                    try await store.audit(AuditEntry(
                        at: Clock.stamp(), user: user, role: "admin", address: "server", action: "solveFinished",
                        round: id, status: 200, detail: detail))
                } catch {
                    logger.error("round \(id): the solve's outcome could not be stored: \(type(of: error))")
                    try? await store.failSolve(round: id, error: "the plan could not be stored; run the solve again")
                }
                _ = board.remove(round: id)
                done.signal()
            }
            done.wait()
        }
    }

    private func enqueue(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        if thread == nil {
            let thread = Thread { [unowned self] in self.run() }
            thread.name = "match solver"
            thread.start()
            self.thread = thread
        }
        condition.signal()
        condition.unlock()
    }

    /// The solver thread: lowers its own priority, then runs jobs in order, forever.
    private func run() {
        #if canImport(Glibc)
        // On Linux, PRIO_PROCESS with 0 sets the calling thread's nice value only.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
