import Foundation
import Matcher

/// A solved plan's households as the pair list pages keep them (table `plan_household`):
/// the library's typed rows (``PlanListing``) with their words in both languages, the
/// certificate's prices (u_h and the quota places' Σ w_q), and the proof status.
struct PlanHouseholds: Sendable {
    struct Row: Sendable {
        var listing: PlanListing.Row
        var coveredZh: String, unmetZh: String, coveredEn: String, unmetEn: String
        var price: Int?
        var quotaPrice: Int
        /// Lower-cased household id and name, places, helper id and name.
        var search: String
    }

    /// How far the stored plan is proven (column `plan.proof`).
    enum Proof: String, Sendable, Encodable {
        /// The certificate was checked: the plan is optimal given its rules and hand edits.
        case provenOptimal = "proven_optimal"
        /// Stopped at the time limit: the checked prices prove the bound, not the plan.
        case boundProven = "bound_proven"
        /// Side constraints (org_spread): the bound comes from a relaxation, no prices.
        case notProven = "not_proven"
    }

    var rows: [Row]
    var helperPrices: [Int]?
    var proof: Proof

    init(_ plan: RoundPairing.Plan) {
        let listing = PlanListing(model: plan.model, result: plan.result)
        let prices = PairAlternatives.Prices(plan.result)
        rows = listing.rows().map { row in
            let g = row.helper ?? -1
            let zh = listing.needWords(row.household, g, .zh), en = listing.needWords(row.household, g, .en)
            let search = [row.id, row.name, row.district, row.street, row.community, row.helperId ?? "", row.helperName ?? ""]
                .joined(separator: " ").lowercased()
            return Row(
                listing: row, coveredZh: zh.covered, unmetZh: zh.unmet, coveredEn: en.covered, unmetEn: en.unmet,
                price: prices?.household[row.household], quotaPrice: prices?.quotaChain[row.household] ?? 0, search: search)
        }
        helperPrices = prices?.helper
        proof = !plan.summary.certificateVerified ? .notProven : plan.result.bound == plan.result.objective ? .provenOptimal : .boundProven
    }

    /// Prices as a blob of little-endian 64-bit integers.
    static func blob(_ prices: [Int]) -> Data {
        var data = Data(capacity: prices.count * 8)
        for p in prices { withUnsafeBytes(of: Int64(p).littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func prices(_ blob: Data) -> [Int] {
        let bytes = [UInt8](blob)
        return stride(from: 0, to: bytes.count - 7, by: 8).map { i in
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            return Int(Int64(bitPattern: v))
        }
    }
}
