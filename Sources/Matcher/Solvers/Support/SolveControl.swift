import Synchronization

/// How a caller watches a solve and stops it: the solver reports its progress after every
/// round (elapsed time, best plan so far, proven bound) and checks for a cancel between
/// rounds. The office server passes one per solve so its pages can show the progress and
/// offer a cancel; the command line passes none.
///
/// A cancelled solve stops at its next check (at most one round later) and the run fails
/// with ``YearlyPairing/Failure/cancelled``: nothing half-done is handed on.
public final class SolveControl: Sendable {
    private let cancelled = Atomic<Bool>(false)
    private let started = ContinuousClock.now
    private let onProgress: (@Sendable (SolveProgress) -> Void)?
    /// A muted control's parent: its cancel stops this one too.
    private let parent: SolveControl?

    public init(onProgress: (@Sendable (SolveProgress) -> Void)? = nil) {
        self.onProgress = onProgress
        parent = nil
    }

    private init(parent: SolveControl) {
        onProgress = nil
        self.parent = parent
    }

    /// A control for a part of this solve: it reports nothing (a part's plan and bound are
    /// not the whole's) and stops when this one is cancelled.
    func muted() -> SolveControl { SolveControl(parent: self) }

    /// Asks the solve to stop; safe from any thread, any number of times.
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) || (parent?.isCancelled ?? false) }

    /// Tells the caller where the solve is (`plan` and `bound` when the stage knows them).
    func report(_ stage: SolveProgress.Stage, plan: Int? = nil, bound: Int? = nil) {
        guard let onProgress else { return }
        onProgress(SolveProgress(seconds: started.duration(to: .now).inSeconds, stage: stage, plan: plan, bound: bound))
    }
}

/// One progress report of a solve (see ``SolveControl``).
public struct SolveProgress: Sendable, Equatable {
    /// Seconds since the solve started.
    public var seconds: Double
    public var stage: Stage
    /// Cost of the best plan found so far that meets every rule (nil: none yet).
    public var plan: Int?
    /// Proven lower bound on the cost of every plan (nil: none yet).
    public var bound: Int?

    /// Relative gap between the plan and the bound, when both are known.
    public var gap: Double? {
        guard let plan, let bound else { return nil }
        return plan == 0 ? 0 : Double(max(0, plan - bound)) / Double(abs(plan))
    }

    /// What the solver is doing, in the order a solve goes through them.
    public enum Stage: String, Sendable, CaseIterable {
        /// Rounds of the assignment with pricing over all eligible pairs.
        case pricing
        /// The same, with the coverage quotas' columns.
        case coverage
        /// Lagrangian relaxation of the side constraints (bound) with repaired plans.
        case relaxation
        /// Re-pairing a few communities at a time to improve the plan.
        case neighbourhoods
        /// GLPK's branch-and-cut on the reduced program.
        case integerProgram
    }
}
