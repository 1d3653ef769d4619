import GRDB

extension OfficeStore {
    /// The review page's figures of round `id`'s plan within `scope`, counted by SQLite
    /// over the plan's household table (one row per household, paired or not): a city's
    /// 52,000 households in a few grouped scans instead of reading its lists whole.
    func planFigures(round id: Int64, scope: PlaceScope) async throws -> PlanFigures {
        try await pool.read { db in
            var within = "round_id = ?"
            var arguments: StatementArguments = [id]
            if let district = scope.district { within += " AND district = ?"; arguments += [district] }
            if let street = scope.street { within += " AND street = ?"; arguments += [street] }
            var figures = PlanFigures()
            let places = try Row.fetchAll(
                db,
                sql: """
                    SELECT district, street, community, COUNT(*) AS households, COUNT(helper_id) AS paired
                    FROM plan_household WHERE \(within) GROUP BY district, street, community
                    """,
                arguments: arguments)
            var streets: [String: PlanFigures.Place] = [:]
            for row in places {
                let district: String = row["district"], street: String = row["street"], community: String = row["community"]
                let households: Int = row["households"], paired: Int = row["paired"]
                let path = district + "/" + street
                streets[path, default: PlanFigures.Place(name: street, path: path)].households += households
                streets[path]?.paired += paired
                figures.communities.append(PlanFigures.Place(
                    name: street + " · " + community, path: path + "/" + community, households: households, paired: paired))
            }
            figures.streets = streets.values.sorted { $0.path < $1.path }
            figures.communities.sort { ($0.coverage, $0.name) < ($1.coverage, $1.name) }
            figures.pairsByKind = try Row.fetchAll(
                db,
                sql: """
                    SELECT helper_kind, COUNT(*) AS n FROM plan_household
                    WHERE \(within) AND helper_kind IS NOT NULL GROUP BY helper_kind ORDER BY n DESC, helper_kind
                    """,
                arguments: arguments
            ).map { ($0["helper_kind"], $0["n"]) }
            for row in try Row.fetchAll(
                db,
                sql: "SELECT distance, COUNT(*) AS n FROM plan_household WHERE \(within) AND distance IS NOT NULL GROUP BY distance",
                arguments: arguments)
            {
                let level: Int = row["distance"]
                if (0..<4).contains(level) { figures.pairsByDistance[level] = row["n"] }
            }
            var unmet: [String: Int] = [:]
            let words = try String.fetchCursor(
                db, sql: "SELECT unmet_en FROM plan_household WHERE \(within) AND unmet > 0", arguments: arguments)
            while let text = try words.next() { PlanFigures.addUnmet(text, to: &unmet) }
            figures.unmetNeed = unmet.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
            return figures
        }
    }
}
