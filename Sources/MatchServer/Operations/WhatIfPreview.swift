import Foundation
import GRDB
import Matcher

/// A what-if asked of a round: the changes, as the JSON body and the pages give them.
struct WhatIfRequest: Sendable, Codable, Equatable {
    struct Capacity: Sendable, Codable, Equatable {
        var helperId: String
        var capacity: Int
        enum CodingKeys: String, CodingKey { case helperId = "helper_id", capacity }
    }

    /// Helpers who withdraw.
    var removeHelpers: [String] = []
    /// Households who leave the roll.
    var removeHouseholds: [String] = []
    /// Helpers whose capacity changes.
    var capacity: [Capacity] = []
    /// A whole households file (CSV text) to use instead of the round's, for households
    /// joining the roll (nil: the round's own).
    var householdsCSV: String? = nil

    enum CodingKeys: String, CodingKey {
        case removeHelpers = "remove_helpers", removeHouseholds = "remove_households", capacity
        case householdsCSV = "households_csv"
    }

    init(removeHelpers: [String] = [], removeHouseholds: [String] = [], capacity: [Capacity] = [], householdsCSV: String? = nil) {
        self.removeHelpers = removeHelpers
        self.removeHouseholds = removeHouseholds
        self.capacity = capacity
        self.householdsCSV = householdsCSV
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        removeHelpers = try c.decodeIfPresent([String].self, forKey: .removeHelpers) ?? []
        removeHouseholds = try c.decodeIfPresent([String].self, forKey: .removeHouseholds) ?? []
        capacity = try c.decodeIfPresent([Capacity].self, forKey: .capacity) ?? []
        householdsCSV = try c.decodeIfPresent(String.self, forKey: .householdsCSV)
    }

    var changes: RollChanges {
        var changes = RollChanges()
        changes.removedHelpers = removeHelpers
        changes.removedHouseholds = removeHouseholds
        changes.capacity = capacity.map { ($0.helperId, $0.capacity) }
        return changes
    }

    var isEmpty: Bool { removeHelpers.isEmpty && removeHouseholds.isEmpty && capacity.isEmpty && householdsCSV == nil }
}

/// What a what-if would change, before anything is applied (library: ``WhatIf``,
/// ``PlanDiff``): counts by change, the figures before → after, coverage by street before
/// → after, and the households that change, with reasons — within the caller's scope.
struct WhatIfPreview: Sendable, Encodable {
    struct Figures: Sendable, Encodable {
        var pairs: Int
        var unpaired: Int
        /// Σ pair costs + Σ unpaired costs, without keep bonuses (comparable across plans).
        var planCost: Int
        var unmetNeed: Int
        enum CodingKeys: String, CodingKey { case pairs, unpaired, planCost = "plan_cost", unmetNeed = "unmet_need" }
    }

    struct Street: Sendable, Encodable {
        var district: String
        var street: String
        var pairedBefore: Int
        var householdsBefore: Int
        var pairedAfter: Int
        var householdsAfter: Int
        enum CodingKeys: String, CodingKey {
            case district, street, pairedBefore = "paired_before", householdsBefore = "households_before"
            case pairedAfter = "paired_after", householdsAfter = "households_after"
        }
    }

    struct Entry: Sendable, Encodable {
        var householdId: String
        var name: String
        /// moved, newly_paired, newly_unpaired, left_roll.
        var change: String
        var fromHelperId: String?
        var toHelperId: String?
        var reason: String
        var reasonWords: String
        enum CodingKeys: String, CodingKey {
            case householdId = "household_id", name, change, fromHelperId = "from_helper_id", toHelperId = "to_helper_id"
            case reason, reasonWords = "reason_words"
        }
    }

    /// The stored preview's id, for apply or discard.
    var id: Int64
    /// Counts within the caller's scope, by change (kept, moved, newly_paired, newly_unpaired, left_roll).
    var counts: [String: Int]
    /// The whole plan's figures (not cut to a scope).
    var before: Figures
    var after: Figures
    var streets: [Street]
    var entries: [Entry]

    enum CodingKeys: String, CodingKey { case id, counts, before, after, streets, entries }
}

extension RoundOperations {
    // MARK: 5. What-if: preview, apply, discard

    /// Runs a what-if on the round's solved plan and returns what it would change, storing
    /// only the request (for ``applyWhatIf(round:preview:caller:)``); the round, its inputs
    /// and its plan stay as they are. A clerk may ask (its scope's households only in the
    /// answer); 409 before a plan, 422 for changes naming nobody or a roll that does not read.
    func previewWhatIf(
        round id: Int64, request: WhatIfRequest, caller: Caller, language: Presentation.Language = .zh, limit: Int = 1_000
    ) async throws -> WhatIfPreview {
        let (outcome, places) = try await runWhatIf(round: id, request)
        let previewId = try await store.storeWhatIf(round: id, request: request, by: caller.name)
        return Self.preview(outcome, id: previewId, places: places, scope: caller.scope, language: language, limit: limit)
    }

    /// The round's inputs and plan with the what-if run on them; also each household's place
    /// (the round's roll and the what-if's), for cutting the answer to a scope.
    func runWhatIf(round id: Int64, _ request: WhatIfRequest) async throws
        -> (WhatIf.Outcome, [String: (district: String, street: String)])
    {
        guard !request.isEmpty else { throw RoundRefusal.cannot("the what-if names no change") }
        let (inputs, baseline, places) = try await store.whatIfInputs(round: id)
        let outcome = try await Task.detached(priority: .userInitiated) { () throws -> WhatIf.Outcome in
            do throws(YearlyPairing.Failure) {
                return try RoundPairing.whatIf(
                    inputs, baseline: baseline, changes: request.changes,
                    households: request.householdsCSV.map { RoundPairing.File(name: "households.csv", bytes: Array($0.utf8)) })
            } catch .input(let problems) {
                throw APIError.problems(problems.problems)
            } catch .unsupported(let why) {
                throw RoundRefusal.cannot(why)
            } catch .cancelled {
                throw RoundRefusal.cannot("the what-if was cancelled")
            } catch {
                throw RoundRefusal.cannot("the what-if found no plan: " + error.description)
            }
        }.value
        var all = places
        let roll = outcome.model.roll
        for h in 0..<roll.households.count {
            let l = roll.households.locations[h]
            all[roll.households.ids[h]] = (roll.places.districtNames[Int(l.district)], roll.places.streetNames[Int(l.street)])
        }
        return (outcome, all)
    }

    static func preview(
        _ outcome: WhatIf.Outcome, id: Int64, places: [String: (district: String, street: String)], scope: PlaceScope,
        language: Presentation.Language, limit: Int
    ) -> WhatIfPreview {
        let diff = outcome.diff
        func within(_ household: String) -> Bool {
            places[household].map { scope.covers(district: $0.district, street: $0.street) } ?? false
        }
        var counts: [String: Int] = Dictionary(uniqueKeysWithValues: PlanDiff.Change.allCases.map { ($0.rawValue, 0) })
        var entries: [WhatIfPreview.Entry] = []
        for entry in diff.entries where within(entry.household) {
            counts[entry.change.rawValue, default: 0] += 1
            guard entry.change != .kept, entries.count < limit else { continue }
            entries.append(WhatIfPreview.Entry(
                householdId: entry.household, name: entry.householdName, change: entry.change.rawValue,
                fromHelperId: entry.fromHelper, toHelperId: entry.toHelper, reason: entry.reason.rawValue,
                reasonWords: language == .zh ? entry.reason.chinese : entry.reason.english))
        }
        func figures(_ f: PlanDiff.Figures) -> WhatIfPreview.Figures {
            WhatIfPreview.Figures(pairs: f.pairs, unpaired: f.unpaired, planCost: f.planCost, unmetNeed: f.unmetNeed)
        }
        // Street keys are "district street" (PlanDiff.Figures).
        let keys = Set(diff.before.streets.keys).union(diff.after.streets.keys).sorted()
        let streets = keys.compactMap { key -> WhatIfPreview.Street? in
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, scope.covers(district: parts[0], street: parts[1]) else { return nil }
            let b = diff.before.streets[key] ?? (0, 0), a = diff.after.streets[key] ?? (0, 0)
            return WhatIfPreview.Street(
                district: parts[0], street: parts[1], pairedBefore: b.paired, householdsBefore: b.households,
                pairedAfter: a.paired, householdsAfter: a.households)
        }
        return WhatIfPreview(
            id: id, counts: counts, before: figures(diff.before), after: figures(diff.after), streets: streets,
            entries: entries)
    }
}

extension OfficeStore {
    /// A solved round's inputs, its plan's pairs (the what-if's baseline), and the place of
    /// every household of its roll.
    func whatIfInputs(round id: Int64) async throws
        -> (RoundPairing.Inputs, [RoundPairing.Pair], [String: (district: String, street: String)])
    {
        try await pool.read { db in
            try Self.requireSolved(db, id)
            let inputs = try Self.solveInputs(db, id)
            let baseline = try Row.fetchAll(
                db, sql: "SELECT household_id, helper_id FROM plan_household WHERE round_id = ? AND helper_id IS NOT NULL ORDER BY ordinal",
                arguments: [id]
            ).map { RoundPairing.Pair(household: $0["household_id"], helper: $0["helper_id"]) }
            var places: [String: (district: String, street: String)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT household_id, district, street FROM round_household WHERE round_id = ?", arguments: [id]) {
                places[row["household_id"]] = (row["district"], row["street"])
            }
            return (inputs, baseline, places)
        }
    }

    /// Keeps a what-if's request (not its result) until it is applied or discarded.
    func storeWhatIf(round id: Int64, request: WhatIfRequest, by user: String) async throws -> Int64 {
        let body = try JSONEncoder().encode(request)
        return try await pool.write { db in
            let solvedAt = try String.fetchOne(db, sql: "SELECT solved_at FROM plan WHERE round_id = ?", arguments: [id]) ?? ""
            try db.execute(
                sql: """
                    INSERT INTO whatif (round_id, request, plan_solved_at, created_by, created_at, state)
                    VALUES (?, ?, ?, ?, ?, 'open')
                    """,
                arguments: [id, body, solvedAt, user, Clock.stamp()])
            return db.lastInsertedRowID
        }
    }
}
