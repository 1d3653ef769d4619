import Foundation
import GRDB
import Matcher

/// A round's roll before solving, as the profile page shows it (library: ``RollProfile``,
/// ``NeedAgainstOffer``): households by street (the caller's scope only), helpers by kind,
/// need against offer per need kind, capacity against households.
struct RoundProfileView: Sendable, Encodable {
    struct Street: Sendable, Encodable { var district: String; var street: String; var households: Int }
    struct Kind: Sendable, Encodable { var kind: String; var words: String; var helpers: Int; var capacity: Int }
    struct Need: Sendable, Encodable {
        var dimension: String
        var words: String
        var householdsInNeed: Int
        var needLevels: Int
        var helpersOffering: Int
        var placesOffering: Int
        var offerLevels: Int
        enum CodingKeys: String, CodingKey {
            case dimension, words, householdsInNeed = "households_in_need", needLevels = "need_levels"
            case helpersOffering = "helpers_offering", placesOffering = "places_offering", offerLevels = "offer_levels"
        }
    }

    var households: Int
    var helpers: Int
    var capacity: Int
    /// capacity − households: places to spare (negative: households that cannot all be paired).
    var spare: Int
    var householdsByStreet: [Street]
    var helpersByKind: [Kind]
    var needAgainstOffer: [Need]

    enum CodingKeys: String, CodingKey {
        case households, helpers, capacity, spare, householdsByStreet = "households_by_street"
        case helpersByKind = "helpers_by_kind", needAgainstOffer = "need_against_offer"
    }
}

extension RoundOperations {
    // MARK: 4. The round's profile before solving

    /// The profile of the round's uploaded roll (both files needed: 409 otherwise).
    /// Counts are the whole roll's; the streets listed are those of the caller's scope.
    func profile(round id: Int64, caller: Caller, language: Presentation.Language = .zh) async throws -> RoundProfileView {
        let inputs = try await store.pool.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM round WHERE id = ?", arguments: [id]) == true else {
                throw RoundRefusal.noSuchRound(id)
            }
            return try OfficeStore.solveInputs(db, id)
        }
        return try await Task.detached(priority: .userInitiated) { () throws -> RoundProfileView in
            let roll: Roll
            do {
                roll = try RollReader.parse(households: inputs.households.bytes, helpers: inputs.helpers.bytes)
            } catch {
                throw RoundRefusal.cannot("the round's files no longer read together; upload them again")
            }
            let profile = RollProfile(roll)
            let zh = language == .zh
            return RoundProfileView(
                households: profile.households, helpers: profile.helpers, capacity: profile.capacity,
                spare: profile.capacity - profile.households,
                householdsByStreet: profile.householdsByStreet
                    .filter { caller.scope.covers(district: $0.district, street: $0.street) }
                    .map { RoundProfileView.Street(district: $0.district, street: $0.street, households: $0.households) },
                helpersByKind: profile.capacityByKind.map {
                    RoundProfileView.Kind(kind: $0.kind.english, words: zh ? $0.kind.chinese : $0.kind.english, helpers: $0.helpers, capacity: $0.capacity)
                },
                needAgainstOffer: NeedAgainstOffer.of(roll).enumerated().map { i, n in
                    RoundProfileView.Need(
                        dimension: n.dimension, words: zh ? roll.dimensions.chinese(i) : n.dimension,
                        householdsInNeed: n.householdsInNeed, needLevels: n.needLevels, helpersOffering: n.helpersOffering,
                        placesOffering: n.placesOffering, offerLevels: n.offerLevels)
                })
        }.value
    }
}

extension RoundOperations {
    // MARK: 8. Template workbooks

    /// The template workbook of the households or helpers file (Chinese headers, one
    /// example row; library: ``RollTemplate``). Anyone signed in.
    static func template(_ file: RollTemplate.File) throws(WorkbookWriter.Failure) -> [UInt8] {
        try RollTemplate.workbook(file)
    }
}
