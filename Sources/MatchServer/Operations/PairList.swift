import Foundation
import Matcher

/// What the pair list page asks for: a search text, filters, a page and an order.
struct PairListQuery: Sendable, Equatable {
    enum Sort: String, Sendable, CaseIterable {
        /// District, street, community, household id (the lists' order).
        case place
        case id, name, severity, cost, unmet, status, distance, helper
    }

    /// Matches household id, name, district, street, community, helper id and name (any
    /// part, case-insensitive).
    var search: String? = nil
    /// One district or street (`DISTRICT` or `DISTRICT/STREET`), within the caller's scope.
    var place: PlaceScope? = nil
    var helperKind: HelperKind? = nil
    /// kept / moved / new / unpaired.
    var status: PairStatus? = nil
    /// true: households with some need left unmet; false: those with every need covered.
    var unmetNeed: Bool? = nil
    /// Page number from 1.
    var page = 1
    var pageSize = 50
    var sort = Sort.place
    var descending = false

    static let largestPage = 500
    /// Pages beyond this hold no roll (10 million rows of one); keeps the offset from overflowing.
    static let lastPage = 10_000_000
}

/// One household of the plan as the pair list shows it.
struct PairListRow: Sendable, Encodable {
    var householdId: String
    var name: String
    var district: String
    var street: String
    var community: String
    var severity: Int
    var helperId: String?
    var helperName: String?
    var helperKind: String?
    /// 0 same community, 1 same street, 2 same district, 3 another district or citywide.
    var distance: Int?
    /// new / kept / moved / unpaired.
    var status: String
    /// For unpaired households: noEligibleHelper, allFull, forbidden or cheaperUnpaired.
    var unpairedReason: String?
    /// Need levels left unmet (Σ over dimensions).
    var unmet: Int
    var cost: Int
    var locked: Bool
    /// Words in the language asked for: needs covered, needs unmet with levels short, the
    /// helper's kind, the distance, the status, the unpaired reason.
    var coveredWords: String
    var unmetWords: String
    var kindWords: String?
    var distanceWords: String?
    var statusWords: String
    var reasonWords: String?
    /// Whole within the caller's scope for admins and clerks, masked elsewhere; empty when
    /// the roll has none.
    var idNumber: String

    enum CodingKeys: String, CodingKey {
        case householdId = "household_id", name, district, street, community, severity
        case helperId = "helper_id", helperName = "helper_name", helperKind = "helper_kind", distance, status
        case unpairedReason = "unpaired_reason", unmet, cost, locked
        case coveredWords = "covered_words", unmetWords = "unmet_words", kindWords = "kind_words"
        case distanceWords = "distance_words", statusWords = "status_words", reasonWords = "reason_words"
        case idNumber = "id_number"
    }
}

/// One page of the pair list and the number of rows that match in all.
struct PairListPage: Sendable, Encodable {
    var total: Int
    var page: Int
    var pageSize: Int
    var rows: [PairListRow]

    enum CodingKeys: String, CodingKey { case total, page, pageSize = "page_size", rows }
}

/// Words of the codes kept in the table, in either language.
enum Words {
    static func kind(_ raw: String?, _ language: Presentation.Language) -> String? {
        raw.flatMap { HelperKind(name: $0) }.map { language == .zh ? $0.chinese : $0.english }
    }

    static func distance(_ level: Int?, _ language: Presentation.Language) -> String? {
        guard let level, (0..<4).contains(level) else { return nil }
        return language == .zh ? Distance.chinese[level] : Distance.english[level]
    }

    static func status(_ raw: String, _ language: Presentation.Language) -> String {
        guard let status = PairStatus(rawValue: raw) else { return raw }
        return language == .zh ? status.chinese : status.rawValue
    }

    static func reason(_ raw: String?, _ language: Presentation.Language) -> String? {
        raw.flatMap(UnpairedReason.init(rawValue:)).map { $0.words(language) }
    }
}
