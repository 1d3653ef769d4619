/// What a what-if changed against its baseline: for every household, kept, moved (from →
/// to, and why), newly paired, newly unpaired or gone from the roll; and the before/after
/// figures an office compares (pairs, plan cost, unmet need, coverage by street).
public struct PlanDiff: Sendable {
    public enum Change: String, Sendable, CaseIterable {
        case kept, moved, newlyPaired = "newly_paired", newlyUnpaired = "newly_unpaired", leftRoll = "left_roll"

        public var chinese: String {
            switch self {
            case .kept: "保持"
            case .moved: "调整"
            case .newlyPaired: "新结对"
            case .newlyUnpaired: "新未结对"
            case .leftRoll: "退出名册"
            }
        }
    }

    public enum Reason: String, Sendable {
        case unchanged, helperLeft, helperShrank, newHousehold, leftRoll, forbidden, locked, noLongerEligible
        case cheaperPlan, placeFreed, placeTaken

        public var english: String {
            switch self {
            case .unchanged: ""
            case .helperLeft: "the helper left the roll"
            case .helperShrank: "the helper's capacity was reduced"
            case .newHousehold: "new on the roll"
            case .leftRoll: "left the roll"
            case .forbidden: "the pair is now forbidden"
            case .locked: "locked to another helper"
            case .noLongerEligible: "the pair is no longer eligible"
            case .cheaperPlan: "a cheaper plan overall"
            case .placeFreed: "a place became free"
            case .placeTaken: "its place went to a household whose need costs more to leave unmet"
            }
        }

        public var chinese: String {
            switch self {
            case .unchanged: ""
            case .helperLeft: "原帮扶人已退出"
            case .helperShrank: "原帮扶人帮扶户数减少"
            case .newHousehold: "新纳入名册"
            case .leftRoll: "已退出名册"
            case .forbidden: "该结对现需回避"
            case .locked: "已锁定其他帮扶人"
            case .noLongerEligible: "该结对已不符合条件"
            case .cheaperPlan: "整体方案成本更低"
            case .placeFreed: "有名额空出"
            case .placeTaken: "名额让给更需要帮扶的家庭"
            }
        }
    }

    public struct Entry: Sendable, Equatable {
        public var household: String
        public var householdName: String
        public var change: Change
        public var fromHelper: String?
        public var toHelper: String?
        public var reason: Reason
    }

    /// The figures compared before and after.
    public struct Figures: Sendable, Equatable {
        public var pairs = 0
        public var unpaired = 0
        /// Σ pair costs + Σ unpaired costs, without any keep bonus (comparable across plans).
        public var planCost = 0
        /// Σ over households and dimensions of need left unmet.
        public var unmetNeed = 0
        /// "district street" → (paired, households).
        public var streets: [String: (paired: Int, households: Int)] = [:]

        public static func == (a: Figures, b: Figures) -> Bool {
            a.pairs == b.pairs && a.unpaired == b.unpaired && a.planCost == b.planCost && a.unmetNeed == b.unmetNeed
                && a.streets.keys.sorted() == b.streets.keys.sorted()
                && a.streets.allSatisfy { b.streets[$0.key]! == $0.value }
        }
    }

    /// Households in id order; unchanged unpaired households are left out.
    public var entries: [Entry] = []
    public var before = Figures()
    public var after = Figures()
    /// The baseline's helper of each household of the roll before the changes (-1 none).
    public var baselineHelperOf: [Int32] = []
    /// Names of the helpers in `entries`, for the diff file.
    var helperNames: [String: String] = [:]

    public func count(_ change: Change) -> Int { entries.filter { $0.change == change }.count }

    /// - Parameters:
    ///   - before: the roll as read from the files, before the changes given as options;
    ///   - baseline: the baseline's pairs, by id;
    ///   - after: the model that was solved (changed roll, keep bonus on baseline pairs);
    ///   - plain: the same roll and rules without any keep bonus, to price both plans alike.
    init(before old: Roll, baseline: [PairListReader.IdPair], after model: CostModel, result: PairingResult, plain: CostModel) {
        let now = model.roll
        let oldG = old.helperIndex(), newG = now.helperIndex()
        // Both rolls are sorted by id: walk them side by side.
        var baselineHelper = [String: String](minimumCapacity: baseline.count)
        for pair in baseline where oldG[pair.helper] != nil { baselineHelper[pair.household] = pair.helper }
        var oldIndex = [Int](repeating: -1, count: 0), newIndex = [Int](repeating: -1, count: 0)
        var a = 0, b = 0
        let oldIds = old.households.ids, newIds = now.households.ids
        while a < oldIds.count || b < newIds.count {
            if b == newIds.count || (a < oldIds.count && oldIds[a] < newIds[b]) {
                oldIndex.append(a); newIndex.append(-1); a += 1
            } else if a == oldIds.count || newIds[b] < oldIds[a] {
                oldIndex.append(-1); newIndex.append(b); b += 1
            } else {
                oldIndex.append(a); newIndex.append(b); a += 1; b += 1
            }
        }
        var oldHelperOf = [Int?](repeating: nil, count: oldIds.count)
        for h in oldIndex where h >= 0 {
            oldHelperOf[h] = baselineHelper[oldIds[h]].flatMap { oldG[$0] }
        }
        baselineHelperOf = oldHelperOf.map { Int32($0 ?? -1) }
        before = Self.figures(old, helperOf: { oldHelperOf[$0] }, policy: plain.policy)
        after = Self.figures(now, helperOf: { h in result.helperOf[h] >= 0 ? Int(result.helperOf[h]) : nil }, policy: plain.policy)

        for k in oldIndex.indices {
            let hOld = oldIndex[k], hNow = newIndex[k]
            let id = hNow >= 0 ? newIds[hNow] : oldIds[hOld]
            let from = hOld >= 0 ? oldHelperOf[hOld].map { old.helpers.ids[$0] } : nil
            let name = hNow >= 0 ? now.households.names[hNow] : old.households.names[hOld]
            guard hNow >= 0 else {
                entries.append(Entry(household: id, householdName: name, change: .leftRoll, fromHelper: from, toHelper: nil, reason: .leftRoll))
                continue
            }
            let g = Int(result.helperOf[hNow])
            let to = g >= 0 ? now.helpers.ids[g] : nil
            if from == nil && to == nil { continue }
            if from == to {
                entries.append(Entry(household: id, householdName: name, change: .kept, fromHelper: from, toHelper: to, reason: .unchanged))
                continue
            }
            let change: Change = from == nil ? .newlyPaired : (to == nil ? .newlyUnpaired : .moved)
            let reason: Reason
            if let from {
                reason = Self.whyLeft(household: hNow, helper: from, model: model, result: result, before: old, oldG: oldG, newG: newG, newlyUnpaired: to == nil)
            } else {
                reason = hOld < 0 ? .newHousehold : .placeFreed
            }
            entries.append(Entry(household: id, householdName: name, change: change, fromHelper: from, toHelper: to, reason: reason))
        }
        for e in entries where e.change != .kept {
            for id in [e.fromHelper, e.toHelper].compactMap({ $0 }) {
                helperNames[id] = newG[id].map { now.helpers.names[$0] } ?? oldG[id].map { old.helpers.names[$0] } ?? ""
            }
        }
    }

    static func whyLeft(
        household h: Int, helper from: String, model: CostModel, result: PairingResult, before: Roll,
        oldG: [String: Int], newG: [String: Int], newlyUnpaired: Bool
    ) -> Reason {
        guard let g = newG[from] else { return .helperLeft }
        if model.roll.helpers.capacity[g] < before.helpers.capacity[oldG[from]!] { return .helperShrank }
        if result.locked[h] { return .locked }
        if model.isForbidden(h, g) { return .forbidden }
        if model.ineligibility(h, g) != nil { return .noLongerEligible }
        return newlyUnpaired ? .placeTaken : .cheaperPlan
    }

    static func figures(_ roll: Roll, helperOf: (Int) -> Int?, policy: Policy) -> Figures {
        var f = Figures()
        let model = try? CostModel(roll: roll, policy: policy)
        let d = roll.dimensions.count
        let hs = roll.households
        let streets = roll.places.streetNames.count
        var paired = [Int](repeating: 0, count: streets), total = paired
        for h in 0..<hs.count {
            let s = Int(hs.locations[h].street)
            total[s] += 1
            if let g = helperOf(h) {
                f.pairs += 1
                paired[s] += 1
                f.planCost += model?.cost(h, g) ?? 0
                for i in 0..<d { f.unmetNeed += max(0, Int(hs.needs[h * d + i]) - Int(roll.helpers.offers[g * d + i])) }
            } else {
                f.unpaired += 1
                f.planCost += model?.unpairedCost(h) ?? 0
                for i in 0..<d { f.unmetNeed += Int(hs.needs[h * d + i]) }
            }
        }
        for s in 0..<streets where total[s] > 0 {
            let district = roll.places.districtNames[Int(roll.places.streetDistrict[s])]
            f.streets[district + " " + roll.places.streetNames[s]] = (paired[s], total[s])
        }
        return f
    }

    /// The changes: one row per household whose pairing changed (kept pairs are left out).
    public func table(_ p: Presentation) -> ListTable {
        let zh = p.language == .zh
        var table = ListTable(title: p.title(.changes), header: zh
            ? ["户编号", "户主姓名", "变化", "原帮扶人编号", "原帮扶人", "新帮扶人编号", "新帮扶人", "原因"]
            : ["household_id", "household_name", "change", "from_helper_id", "from_helper_name", "to_helper_id", "to_helper_name", "reason"])
        for e in entries where e.change != .kept {
            table.rows.append([
                .code(e.household), .text(e.householdName), .text(zh ? e.change.chinese : e.change.rawValue),
                .code(e.fromHelper ?? ""), .text(e.fromHelper.flatMap { helperNames[$0] } ?? ""),
                .code(e.toHelper ?? ""), .text(e.toHelper.flatMap { helperNames[$0] } ?? ""),
                .text(zh ? e.reason.chinese : e.reason.english),
            ])
        }
        return table
    }

    /// diff.csv: ``table(_:)`` as CSV.
    public func csv(_ p: Presentation) -> [UInt8] { p.csv(table(p)) }

    /// Before and after figures, and the count of each change, for a workbook's summary sheet.
    public func headlines(_ p: Presentation) -> [(String, ListTable.Cell)] {
        let zh = p.language == .zh
        var rows: [(String, ListTable.Cell)] = [
            (zh ? "结对户数（原）" : "pairs before", .number(before.pairs)),
            (zh ? "结对户数（新）" : "pairs after", .number(after.pairs)),
            (zh ? "未结对户数（原）" : "unpaired before", .number(before.unpaired)),
            (zh ? "未结对户数（新）" : "unpaired after", .number(after.unpaired)),
            (zh ? "方案成本（原）" : "plan cost before", .number(before.planCost)),
            (zh ? "方案成本（新）" : "plan cost after", .number(after.planCost)),
            (zh ? "未满足需求（原）" : "unmet need before", .number(before.unmetNeed)),
            (zh ? "未满足需求（新）" : "unmet need after", .number(after.unmetNeed)),
        ]
        for change in Change.allCases {
            rows.append(((zh ? "变化：" + change.chinese : "change: " + change.rawValue), .number(count(change))))
        }
        return rows
    }
}
