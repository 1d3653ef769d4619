import Foundation
import GRDB
import Matcher

/// The round operations behind the office's pages and the JSON API (issue 19, part A): each
/// a plain async function that both the JSON controller (``RoundOperationsController``) and
/// the page controllers call with the signed-in ``Caller``. Access by role is the route
/// table's (``Route``); what depends on the data — the caller's place scope, the round's
/// state — is checked here, and refused with a ``RoundRefusal``. Sources/MatchServer/
/// ROUND-OPERATIONS.md lists them for the pages.
struct RoundOperations: Sendable {
    let store: OfficeStore
    /// Cost models and prices of solved rounds, for the alternatives (rebuilt on a miss).
    let alternatives: AlternativesCache
    /// The solver queue, for the progress and cancel of solves.
    let solver: SolveQueue

    init(store: OfficeStore, solver: SolveQueue, alternatives: AlternativesCache) {
        self.store = store
        self.solver = solver
        self.alternatives = alternatives
    }

    /// The caller's scope, narrowed to `place` when given (refused when `place` is outside it).
    static func scope(_ caller: Caller, place: PlaceScope?) throws -> PlaceScope {
        guard let place else { return caller.scope }
        guard caller.scope.contains(place) else { throw RoundRefusal.placeOutsideScope }
        return place
    }

    // MARK: 1. Pair list

    /// One page of the round's pair list, within the caller's scope (and `query.place`):
    /// every household, paired or not, searched, filtered and sorted, with the total count of
    /// matching rows. Identity numbers are whole for admins and for clerks of the household's
    /// scope, masked for everyone else; `language` chooses the words.
    func pairList(round id: Int64, caller: Caller, query: PairListQuery, language: Presentation.Language = .zh)
        async throws -> PairListPage
    {
        let scope = try Self.scope(caller, place: query.place)
        var query = query
        query.page = min(max(1, query.page), PairListQuery.lastPage)
        query.pageSize = min(max(1, query.pageSize), PairListQuery.largestPage)
        let (total, rows) = try await store.pairList(round: id, scope: scope, query)
        return PairListPage(
            total: total, page: query.page, pageSize: query.pageSize,
            rows: rows.map { Self.pairListRow($0, caller: caller, language: language) })
    }

    static func pairListRow(_ row: Row, caller: Caller, language: Presentation.Language) -> PairListRow {
        let district: String = row["district"], street: String = row["street"]
        let number: String = row["id_number"]
        let kind: String? = row["helper_kind"], distance: Int? = row["distance"]
        let status: String = row["status"], reason: String? = row["unpaired_reason"]
        return PairListRow(
            householdId: row["household_id"], name: row["name"], district: district, street: street,
            community: row["community"], severity: row["severity"], helperId: row["helper_id"],
            helperName: row["helper_name"], helperKind: kind, distance: distance, status: status,
            unpairedReason: reason, unmet: row["unmet"], cost: row["cost"], locked: row["locked"],
            coveredWords: row[language == .zh ? "covered_zh" : "covered_en"],
            unmetWords: row[language == .zh ? "unmet_zh" : "unmet_en"], kindWords: Words.kind(kind, language),
            distanceWords: Words.distance(distance, language), statusWords: Words.status(status, language),
            reasonWords: Words.reason(reason, language),
            idNumber: caller.seesIdentityNumbers(district: district, street: street) ? number : IdentityNumbers.mask(number))
    }
}
