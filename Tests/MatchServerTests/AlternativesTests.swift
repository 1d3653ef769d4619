import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MatchServer

/// A household's alternatives against an independent reading of SPEC's default model:
/// seeded random rolls are uploaded and solved through the API; the test prices every pair
/// itself (c = severity × Σ max(0, need − offer) + distance, p = severity × (Σ need + 10),
/// eligible within distance 2), checks the stored prices are a certificate (u − v ≤ c on
/// every eligible pair, u ≤ p, v ≥ 0, tight on the plan), and that each household's
/// alternatives are exactly its five cheapest other choices by c − u + v, all ≥ 0.
@Suite struct AlternativesTests {
    struct Household { var id: String; var district: Int; var street: Int; var community: Int; var severity: Int; var needs: [Int] }
    struct Helper { var id: String; var capacity: Int; var district: Int?; var street: Int?; var community: Int?; var offers: [Int] }

    static let dimensions = ["material", "emotional", "policy"]

    /// A roll of 2 districts × 2 streets × 2 communities; helpers at every level, citywide too.
    static func roll(seed: UInt64) -> (households: [Household], helpers: [Helper]) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func next(_ n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
        let households = (0..<(20 + next(20))).map { i in
            Household(
                id: String(format: "h%03d", i), district: next(2), street: next(2), community: next(2), severity: 1 + next(5),
                needs: dimensions.map { _ in next(4) })
        }
        let helpers = (0..<(6 + next(6))).map { i -> Helper in
            let level = next(4)  // 0 citywide, 1 district, 2 street, 3 community
            return Helper(
                id: String(format: "g%03d", i), capacity: 1 + next(3), district: level >= 1 ? next(2) : nil,
                street: level >= 2 ? next(2) : nil, community: level >= 3 ? next(2) : nil,
                offers: dimensions.map { _ in next(4) })
        }
        return (households, helpers)
    }

    static func names(_ d: Int, _ s: Int?, _ c: Int?) -> [String] {
        ["区\(d)", s.map { "区\(d)街\($0)" } ?? "", c.map { "区\(d)街\(s ?? 0)社\($0)" } ?? ""]
    }

    static func csv(_ roll: (households: [Household], helpers: [Helper])) -> (String, String) {
        var households = "id,name,district,street,community,severity," + dimensions.map { "need_" + $0 }.joined(separator: ",") + "\n"
        for h in roll.households {
            households += ([h.id, "户" + h.id] + names(h.district, h.street, h.community) + [String(h.severity)] + h.needs.map(String.init))
                .joined(separator: ",") + "\n"
        }
        var helpers = "id,name,kind,capacity,district,street,community," + dimensions.map { "offer_" + $0 }.joined(separator: ",") + "\n"
        for g in roll.helpers {
            let place = g.district.map { names($0, g.street, g.community) } ?? ["", "", ""]
            helpers += ([g.id, "帮" + g.id, "cadre", String(g.capacity)] + place + g.offers.map(String.init)).joined(separator: ",") + "\n"
        }
        return (households, helpers)
    }

    /// SPEC's distance level, and the default model's costs.
    static func distance(_ h: Household, _ g: Helper) -> Int {
        guard let d = g.district, d == h.district else { return 3 }
        guard let s = g.street, s == h.street else { return 2 }
        guard let c = g.community, c == h.community else { return 1 }
        return 0
    }

    static func cost(_ h: Household, _ g: Helper) -> Int? {
        let dist = distance(h, g)
        guard dist <= 2 || g.district == nil, g.capacity > 0 else { return nil }
        return h.severity * zip(h.needs, g.offers).map { max(0, $0 - $1) }.reduce(0, +) + dist
    }

    static func unpaired(_ h: Household) -> Int { h.severity * (h.needs.reduce(0, +) + 10) }

    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func alternativesAreTheCheapestByReducedCost(seed: UInt64) async throws {
        let office = try TestOffice()
        defer { office.remove() }
        let roll = Self.roll(seed: seed)
        let (households, helpers) = Self.csv(roll)
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            #expect(try await client.call(.post, "/api/rounds", as: admin, body: #"{"name":"random"}"#).status == .created)
            #expect(try await client.call(.put, "/api/rounds/1/households", as: admin, body: households, contentType: "text/csv").status == .ok)
            #expect(try await client.call(.put, "/api/rounds/1/helpers", as: admin, body: helpers, contentType: "text/csv").status == .ok)
            #expect(try await client.call(.post, "/api/rounds/1/solve", as: admin).status == .accepted)
            #expect(try await client.waitForSolve(1, as: admin)["status"] as? String == "solved")

            // The stored prices, read from the database (helpers in id order, as the roll keeps them).
            let store = try OfficeStore(directory: office.directory)
            let (u, plan, v) = try await store.pool.read { db in
                let rows = try Row.fetchAll(db, sql: "SELECT household_id, price, helper_id FROM plan_household WHERE round_id = 1")
                let blob = try Data.fetchOne(db, sql: "SELECT helper_prices FROM plan WHERE round_id = 1") ?? Data()
                return (
                    Dictionary(uniqueKeysWithValues: rows.map { ($0["household_id"] as String, $0["price"] as Int?) }),
                    Dictionary(uniqueKeysWithValues: rows.map { ($0["household_id"] as String, $0["helper_id"] as String?) }),
                    PlanHouseholds.prices(blob))
            }
            let sortedHelpers = roll.helpers.sorted { $0.id < $1.id }
            #expect(v.count == sortedHelpers.count)
            let price = Dictionary(uniqueKeysWithValues: zip(sortedHelpers.map(\.id), v))

            for h in roll.households {
                let uh = try #require(u[h.id] ?? nil, "household \(h.id) has no price")
                // The certificate, checked independently.
                #expect(uh <= Self.unpaired(h))
                for g in roll.helpers {
                    #expect(price[g.id]! >= 0)
                    guard let c = Self.cost(h, g) else { continue }
                    #expect(uh - price[g.id]! <= c, "\(h.id)–\(g.id): u − v = \(uh - price[g.id]!) > c = \(c)")
                }
                let current = plan[h.id] ?? nil
                if let current, let g = roll.helpers.first(where: { $0.id == current }) {
                    #expect(uh - price[g.id]! == Self.cost(h, g), "\(h.id)'s pair is not tight")
                } else {
                    #expect(uh == Self.unpaired(h))
                }

                // Every other choice priced independently: (reduced cost, cost, helper or nil).
                var expected: [(reduced: Int, cost: Int, helper: String?)] = roll.helpers.compactMap { g in
                    guard g.id != current, let c = Self.cost(h, g) else { return nil }
                    return (c - uh + price[g.id]!, c, g.id)
                }
                if current != nil { expected.append((Self.unpaired(h) - uh, Self.unpaired(h), nil)) }
                let response = try await client.call(.get, "/api/rounds/1/pair-list/\(h.id)?lang=en", as: admin)
                let detail = try RoundOperationsTests.json(response)
                let alternatives = detail["alternatives"] as? [[String: Any]] ?? []
                #expect(alternatives.count == min(5, expected.count))
                let got = alternatives.map { ($0["reduced_cost"] as? Int ?? -1, $0["cost"] as? Int ?? -1, $0["helper_id"] as? String) }
                // Ties are broken by cost, then by helper (roll order = id order), unpaired first.
                let top = expected.sorted { ($0.reduced, $0.cost, $0.helper ?? "") < ($1.reduced, $1.cost, $1.helper ?? "") }.prefix(5)
                #expect(got.map(\.0) == top.map(\.reduced), "\(h.id)")
                #expect(got.map(\.1) == top.map(\.cost), "\(h.id)")
                #expect(got.map(\.2) == top.map(\.helper), "\(h.id)")
                #expect(got.allSatisfy { $0.0 >= 0 })
                #expect(detail["proof"] as? String == "proven_optimal")
            }
        }
    }
}
