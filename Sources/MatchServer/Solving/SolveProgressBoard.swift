import Foundation
import Matcher
import Synchronization

/// The solves queued or running, each with its ``SolveControl`` (for a cancel) and its
/// latest progress report, for the progress page. Entries go when their solve ends.
final class SolveProgressBoard: Sendable {
    struct Entry: Sendable {
        var control: SolveControl
        var queuedAt: ContinuousClock.Instant
        var startedAt: ContinuousClock.Instant?
        var latest: SolveProgress?
        var cancelledBy: String?
    }

    private let entries = Mutex<[Int64: Entry]>([:])

    /// A control for round `id`'s solve, whose reports land on the board.
    func add(round id: Int64) -> SolveControl {
        let control = SolveControl { [weak self] progress in
            self?.entries.withLock { $0[id]?.latest = progress }
        }
        entries.withLock { $0[id] = Entry(control: control, queuedAt: .now) }
        return control
    }

    func started(round id: Int64) { entries.withLock { $0[id]?.startedAt = .now } }

    func remove(round id: Int64) -> Entry? { entries.withLock { $0.removeValue(forKey: id) } }

    func entry(round id: Int64) -> Entry? { entries.withLock { $0[id] } }

    /// Cancels round `id`'s solve; false when it is not on the board.
    func cancel(round id: Int64, by user: String) -> Bool {
        entries.withLock { all in
            guard all[id] != nil else { return false }
            all[id]?.cancelledBy = user
            all[id]?.control.cancel()
            return true
        }
    }
}

/// A round's solve as the progress page shows it.
struct SolveStatus: Sendable, Encodable {
    /// The round's status (draft, solving, solved, published).
    var status: String
    /// queued or running while the round is solving; nil otherwise.
    var state: String?
    /// Seconds since the solve was queued (queued) or started (running).
    var seconds: Double?
    /// The solver's stage and its figures from its last report (nil before the first).
    var stage: String?
    var plan: Int?
    var bound: Int?
    var gap: Double?
    /// Why the last solve ended without a plan (cancelled, failed), as the round keeps it.
    var error: String?
}

extension RoundOperations {
    // MARK: 7. Solve progress and cancel

    /// Round `id`'s solve: queued or running, elapsed seconds, and the solver's last report
    /// (stage, best plan, proven bound, gap). Any signed-in user.
    func solveStatus(round id: Int64, caller: Caller) async throws -> SolveStatus {
        let detail = try await store.round(id)
        var status = SolveStatus(status: detail.listing.status, error: detail.error)
        guard detail.listing.status == "solving", let entry = solver.board.entry(round: id) else { return status }
        let since = entry.startedAt ?? entry.queuedAt
        status.state = entry.startedAt == nil ? "queued" : "running"
        status.seconds = (ContinuousClock.now - since).inSeconds
        if let latest = entry.latest {
            status.stage = latest.stage.rawValue
            status.plan = latest.plan
            status.bound = latest.bound
            status.gap = latest.gap
        }
        return status
    }

    /// Cancels round `id`'s solve (queued or running): it stops at the solver's next check,
    /// nothing of it is stored, and the round goes back to `draft`. 409 when the round is
    /// not being solved. Admins only.
    func cancelSolve(round id: Int64, caller: Caller) async throws {
        let detail = try await store.round(id)
        guard detail.listing.status == "solving", solver.board.cancel(round: id, by: caller.name) else {
            throw RoundRefusal.cannot("round \(id) is not being solved")
        }
    }
}
