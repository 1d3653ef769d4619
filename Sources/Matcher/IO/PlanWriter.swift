import Foundation

/// Writes a plan's files into an output directory: pairs.csv, unpaired.csv, summary.json
/// and, when asked, the certificate. Every file is built in memory first and written whole
/// (``AtomicFile``), so a failed run leaves no partial file.
public struct PlanWriter: Sendable {
    public let model: CostModel
    public let result: PairingResult
    public var presentation: Presentation

    public init(model: CostModel, result: PairingResult, presentation: Presentation = Presentation()) {
        self.model = model
        self.result = result
        self.presentation = presentation
    }

    /// Households in the order people read lists: by district, street and community name,
    /// then id (households are stored in id order, so index order breaks ties).
    ///
    /// - Complexity: O(c log c + n log n) integer comparisons for c communities, n households.
    func householdsByPlace() -> [Int] {
        let hs = model.roll.households, places = model.roll.places
        func names(_ c: Int) -> (String, String, String) {
            let s = Int(places.communityStreet[c])
            return (places.districtNames[Int(places.streetDistrict[s])], places.streetNames[s], places.communityNames[c])
        }
        let communities = places.communityNames.indices.sorted { names($0) < names($1) }
        var rank = [Int](repeating: 0, count: communities.count)
        for (i, c) in communities.enumerated() { rank[c] = i }
        return (0..<hs.count).sorted { a, b in
            let ra = rank[Int(hs.locations[a].community)], rb = rank[Int(hs.locations[b].community)]
            return ra != rb ? ra < rb : a < b
        }
    }

    func placeFields(_ h: Int) -> [String] {
        let l = model.roll.households.locations[h], p = model.roll.places
        return [p.districtNames[Int(l.district)], p.streetNames[Int(l.street)], p.communityNames[Int(l.community)]]
    }

    func placeCells(_ h: Int) -> [ListTable.Cell] { placeFields(h).map { .text($0) } }

    /// "medical; education" style lists of what the helper covers and what stays unmet.
    func needWords(_ h: Int, _ g: Int) -> (covered: String, unmet: String) {
        let dims = model.roll.dimensions, d = dims.count, p = presentation
        var covered: [String] = [], unmet: [String] = []
        for i in 0..<d {
            let need = Int(model.roll.households.needs[h * d + i])
            guard need > 0 else { continue }
            let offer = g >= 0 ? Int(model.roll.helpers.offers[g * d + i]) : 0
            let name = p.dimension(dims, i)
            if offer >= need { covered.append(name) } else { unmet.append("\(name) \(need - offer)") }
        }
        return (covered.joined(separator: p.listSeparator), unmet.joined(separator: p.listSeparator))
    }

    /// One row per pair, households in place order (``householdsByPlace()``).
    /// `order` lists the households to include, in order (one street's, for
    /// ``PlaceExport``); all of them by default.
    public func pairsTable(households order: [Int]? = nil) -> ListTable {
        let p = presentation
        var table = ListTable(title: p.title(.pairs), header: p.header([
            "household_id", "household_name", "district", "street", "community", "severity", "helper_id",
            "helper_name", "helper_kind", "distance", "covered_needs", "unmet_needs", "cost", "need_cost",
            "distance_cost", "keep_cost", "status",
        ]))
        let hs = model.roll.households, gs = model.roll.helpers
        for h in order ?? householdsByPlace() {
            let g = Int(result.helperOf[h])
            guard g >= 0 else { continue }
            let words = needWords(h, g), parts = model.costParts(h, g)
            table.rows.append(
                [.code(hs.ids[h]), .text(hs.names[h])] + placeCells(h) + [
                    .number(Int(hs.severity[h])), .code(gs.ids[g]), .text(gs.names[g]), .text(p.kind(gs.kinds[g])),
                    .text(p.distance(model.distance(h, g))), .text(words.covered), .text(words.unmet),
                    .number(parts.total), .number(parts.need), .number(parts.distance), .number(parts.keep),
                    .text(p.status(PairStatus(model: model, household: h, helper: g))),
                ])
        }
        return table
    }

    public func pairsCSV() -> [UInt8] { presentation.csv(pairsTable()) }

    /// One row per household left unpaired, with the reason.
    public func unpairedTable(households order: [Int]? = nil) -> ListTable {
        let p = presentation
        var table = ListTable(title: p.title(.unpaired), header: p.header([
            "household_id", "household_name", "district", "street", "community", "severity", "unmet_needs",
            "unpaired_cost", "reason",
        ]))
        let hs = model.roll.households
        let reasons = UnpairedReasons(model: model, result: result)
        for h in order ?? householdsByPlace() where result.helperOf[h] < 0 {
            table.rows.append(
                [.code(hs.ids[h]), .text(hs.names[h])] + placeCells(h) + [
                    .number(Int(hs.severity[h])), .text(needWords(h, -1).unmet), .number(model.unpairedCost(h)),
                    .text(p.reason(reasons.reason(h))),
                ])
        }
        return table
    }

    public func unpairedCSV() -> [UInt8] { presentation.csv(unpairedTable()) }

    /// The list for public notice (公示): households and helpers by masked name, place and
    /// kind only — no id, id number, phone, severity, need or cost. A unit's name (a party
    /// branch, a military unit, an enterprise) is public and stays whole.
    public func publicNoticeTable(households order: [Int]? = nil) -> ListTable {
        let p = presentation
        var table = ListTable(
            title: p.title(.publicNotice),
            header: p.header(["household_name", "district", "street", "community", "helper_name", "helper_kind"]))
        let hs = model.roll.households, gs = model.roll.helpers
        for h in order ?? householdsByPlace() {
            let g = Int(result.helperOf[h])
            guard g >= 0 else { continue }
            let person = [.leader, .cadre, .volunteer].contains(gs.kinds[g])
            table.rows.append(
                [.text(PublicNotice.mask(hs.names[h]))] + placeCells(h)
                    + [.text(person ? PublicNotice.mask(gs.names[g]) : gs.names[g]), .text(p.kind(gs.kinds[g]))])
        }
        return table
    }

    public func publicNoticeCSV() -> [UInt8] { presentation.csv(publicNoticeTable()) }

    public func summaryJSON(_ summary: PlanSummary) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(summary)) ?? Data()) + [0x0A]
    }

    /// SPEC's certificate: `side,id,price` for every free household, every helper and every
    /// quota group.
    public func certificateCSV() -> [UInt8] {
        var csv = CSVWriter(byteOrderMark: false)
        csv.row(["side", "id", "price"])
        let hs = model.roll.households, gs = model.roll.helpers
        for h in 0..<hs.count { if let u = result.householdPrice[h] { csv.row(["household", hs.ids[h], String(u)]) } }
        for g in 0..<gs.count { csv.row(["helper", gs.ids[g], String(result.helperPrice[g])]) }
        if let quotas = result.quotaPrices {
            for (q, group) in quotas.network.groups.enumerated() { csv.row(["quota", group.id, String(quotas.price[q])]) }
        }
        return csv.data
    }

    /// Writes the files into `directory` (created if needed), as CSV or workbooks as the
    /// presentation says; the public notice and report.html too when asked.
    public func write(
        to directory: String, summary: PlanSummary, certificate: String?, publicNotice: Bool = false,
        report: Bool = false, extraFiles: [(name: String, bytes: [UInt8])] = []
    ) throws(AtomicFile.WriteError) {
        do {
            if !FileManager.default.fileExists(atPath: directory) { PendingFiles.addDirectory(directory) }
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw AtomicFile.WriteError(path: directory, reason: Table.reason(error))
        }
        // The two lists are built at once, on two threads (dalian: 0.12 s one after the other
        // as CSV). A workbook of pairs carries the summary's headline figures as a second sheet.
        let p = presentation
        let headlines = summary.headlines(p)
        let lists = parallelChunks(total: 2, chunks: 2) { part -> Result<[UInt8], WorkbookWriter.Failure> in
            Result { () throws(WorkbookWriter.Failure) -> [UInt8] in
                part.lowerBound == 0 ? try p.file(self.pairsTable(), summary: headlines) : try p.file(self.unpairedTable())
            }
        }
        var files: [(String, [UInt8])] = []
        do {
            files = [
                (p.fileName(.pairs), try lists[0].get()), (p.fileName(.unpaired), try lists[1].get()),
                ("summary.json", summaryJSON(summary)),
            ]
            if publicNotice { files.append((p.fileName(.publicNotice), try p.file(publicNoticeTable()))) }
        } catch {
            throw AtomicFile.WriteError(path: directory, reason: error.description)
        }
        files += extraFiles.map { ($0.name, $0.bytes) }
        if report {
            files.append(("report.html", reportHTML(source: summary.solver, provenOptimal: summary.certificateVerified)))
        }
        // Everything is built before anything is written.
        let certificateBytes = certificate.map { _ in certificateCSV() }
        var writes = files.map { (path: directory + "/" + $0.0, bytes: $0.1) }
        if let certificate, let certificateBytes { writes.append((certificate, certificateBytes)) }
        try AtomicFile.write(all: writes)  // all renamed together, after all are written
    }
}

/// Why a household is left unpaired, in the office's words.
public enum UnpairedReason: String, Sendable {
    case noEligibleHelper, allFull, forbidden, cheaperUnpaired

    public var english: String {
        switch self {
        case .noEligibleHelper: "no eligible helper within reach"
        case .allFull: "every eligible helper is full"
        case .forbidden: "its only eligible helpers are forbidden"
        case .cheaperUnpaired: "every eligible pair costs more than leaving it unpaired"
        }
    }

    public var chinese: String {
        switch self {
        case .noEligibleHelper: "可及范围内无符合条件的帮扶人"
        case .allFull: "符合条件的帮扶人均已满额"
        case .forbidden: "符合条件的帮扶人均属回避"
        case .cheaperUnpaired: "结对成本高于不结对"
        }
    }
}

struct UnpairedReasons {
    let model: CostModel
    /// Eligible pairs with helpers that have places at all, and with helpers that have places
    /// left in the plan.
    let pairs: EligiblePairs
    let pairsWithRoom: EligiblePairs
    /// Forbidden helpers of each household that has any.
    let forbiddenHelpers: [Int: [Int]]

    init(model: CostModel, result: PairingResult) {
        self.model = model
        let capacity = model.roll.helpers.capacity
        pairs = EligiblePairs(model: model, residualCapacity: capacity)
        var room = capacity
        for g in result.helperOf where g >= 0 { room[Int(g)] -= 1 }
        pairsWithRoom = EligiblePairs(model: model, residualCapacity: room)
        let n = max(1, model.roll.helpers.count)
        forbiddenHelpers = Dictionary(grouping: model.forbidden, by: { $0 / n }).mapValues { $0.map { $0 % n } }
    }

    func reason(_ h: Int) -> UnpairedReason {
        if pairsWithRoom.hasEligible(h) { return .cheaperUnpaired }
        if pairs.hasEligible(h) { return .allFull }
        // Forbidden only if a forbidden helper with places would otherwise be eligible.
        let blockedByForbid = (forbiddenHelpers[h] ?? []).contains { g in
            model.roll.helpers.capacity[g] > 0 && model.ineligibility(h, g) == CostModel.forbiddenReason
        }
        return blockedByForbid ? .forbidden : .noEligibleHelper
    }
}
