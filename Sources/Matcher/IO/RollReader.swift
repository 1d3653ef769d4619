/// Reads households.csv and helpers.csv (SPEC "Inputs") into a ``Roll``, reporting every
/// problem in both files with file, line and column.
public enum RollReader {
    static let householdAliases: [String: String] = [
        "id": "id", "户编号": "id", "name": "name", "户主姓名": "name",
        "district": "district", "区": "district", "street": "street", "街道": "street",
        "community": "community", "社区": "community", "members": "members", "人口": "members",
        "severity": "severity", "困难程度": "severity", "id_number": "id_number", "身份证号": "id_number",
        "phone": "phone", "电话": "phone",
    ].merging(chineseDimensionAliases(prefix: "need_")) { a, _ in a }

    static let helperAliases: [String: String] = [
        "id": "id", "编号": "id", "name": "name", "名称": "name", "kind": "kind", "类型": "kind",
        "capacity": "capacity", "帮扶户数": "capacity", "district": "district", "区": "district",
        "street": "street", "街道": "street", "community": "community", "社区": "community",
        "organization": "organization", "单位": "organization",
    ].merging(chineseDimensionAliases(prefix: "offer_")) { a, _ in a }

    private static func chineseDimensionAliases(prefix: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: NeedDimensions.chineseNames.map { ($0.value, prefix + $0.key) })
    }

    /// Reads both files. Throws ``InputProblems`` listing every problem found.
    public static func read(
        households householdsPath: String, helpers helpersPath: String, encoding: TextEncoding? = nil
    ) throws(InputProblems) -> Roll {
        // The two files are read, decoded and split into records at once, on two threads.
        trace("reading \(householdsPath) and \(helpersPath)")
        let tables = parallelChunks(total: 2, chunks: 2) { part in
            part.lowerBound == 0
                ? Table(path: householdsPath, encoding: encoding, aliases: householdAliases)
                : Table(path: helpersPath, encoding: encoding, aliases: helperAliases)
        }
        trace("households and helpers split into records")
        defer { trace("roll read") }
        return try roll(tables[0], tables[1])
    }

    /// Reads both files from bytes already in memory (`householdsFile` and `helpersFile`
    /// name them in messages), each CSV or an .xlsx workbook as its bytes say; a workbook's
    /// parts must unpack within `budget`. Throws ``InputProblems`` listing every problem found.
    public static func parse(
        households: [UInt8], helpers: [UInt8], householdsFile: String = "households.csv",
        helpersFile: String = "helpers.csv", encoding: TextEncoding? = nil, budget: MemoryBudget = .standard()
    ) throws(InputProblems) -> Roll {
        try roll(
            Table(bytes: households, file: householdsFile, encoding: encoding, aliases: householdAliases, budget: budget),
            Table(bytes: helpers, file: helpersFile, encoding: encoding, aliases: helperAliases, budget: budget))
    }

    private static func roll(_ householdTable: Table, _ helperTable: Table) throws(InputProblems) -> Roll {
        let dimensions = NeedDimensions(extra: extraDimensions(householdTable))
        // The two files' rows are read at once, on two threads, each naming places in its own
        // `Places`; the helpers' places then join the households' in the order they were
        // first met, which gives the same indices as one pass over both files.
        let parts = parallelChunks(total: 2, chunks: 2) { part -> RowsRead in
            var places = Places()
            if part.lowerBound == 0 {
                var table = householdTable
                let households = readHouseholds(&table, dimensions: dimensions, places: &places)
                return RowsRead(households: households, places: places, problems: table.problems)
            }
            var table = helperTable
            let helpers = readHelpers(&table, dimensions: dimensions, places: &places)
            return RowsRead(helpers: helpers, places: places, problems: table.problems)
        }
        let problems = parts[0].problems + parts[1].problems
        if !problems.isEmpty { throw InputProblems(problems) }
        var places = parts[0].places
        var helpers = parts[1].helpers
        let joined = places.adding(parts[1].places)
        helpers.locations = helpers.locations.map(joined.location)
        return Roll(
            places: places, dimensions: dimensions,
            households: parts[0].households.sortedById(), helpers: helpers.sortedById())
    }

    /// The rows of one file, with the places they name.
    private struct RowsRead: Sendable {
        var households = Households()
        var helpers = Helpers()
        var places: Places
        var problems: [InputProblem]
    }

    private static func extraDimensions(_ table: Table) -> [String] {
        table.header.compactMap { cell -> String? in
            guard cell.hasPrefix("need_") else { return nil }
            let name = String(cell.dropFirst(5))
            return NeedDimensions.standard.contains(name) || name.isEmpty ? nil : name
        }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    private static func readHouseholds(
        _ table: inout Table, dimensions: NeedDimensions, places: inout Places
    ) -> Households {
        var out = Households()
        guard table.problems.allSatisfy({ !isFatal($0) }),
              table.require(["id", "name", "district", "street", "community"]) else { return out }
        var firstLine: [String: Int] = [:]
        let level = 0...maximumLevel
        for record in table.records {
            let id = table.identifier(record, "id")
            let name = table.required(record, "name")
            let district = table.required(record, "district")
            let street = table.required(record, "street")
            let community = table.required(record, "community")
            let members = table.integer(record, "members", default: 1, range: 1...99)
            let severity = table.integer(record, "severity", default: 1, range: 1...5)
            var needs: [UInt8] = []
            var needsOK = true
            for d in dimensions.names {
                if let n = table.integer(record, "need_" + d, default: 0, range: level) {
                    needs.append(UInt8(n))
                } else {
                    needsOK = false
                }
            }
            if let id {
                if let earlier = firstLine[id] {
                    table.problems.append(table.problem(record, "id", .duplicateId(column: "id", firstLine: earlier)))
                    continue
                }
                firstLine[id] = record.line
            }
            guard let id, let name, let district, let street, let community, let members, let severity,
                  needsOK else { continue }
            let d = places.district(district)
            let s = places.street(street, in: d)
            let c = places.community(community, in: s)
            out.ids.append(id)
            out.names.append(name)
            out.locations.append(Location(district: d, street: s, community: c))
            out.members.append(Int32(members))
            out.severity.append(Int32(severity))
            out.needs += needs
            out.idNumbers.append(table.text(record, "id_number"))
            out.phones.append(table.text(record, "phone"))
            out.lines.append(record.line)
        }
        return out
    }

    private static func readHelpers(
        _ table: inout Table, dimensions: NeedDimensions, places: inout Places
    ) -> Helpers {
        var out = Helpers()
        guard table.problems.allSatisfy({ !isFatal($0) }),
              table.require(["id", "name", "kind"]) else { return out }
        var firstLine: [String: Int] = [:]
        for record in table.records {
            let id = table.identifier(record, "id")
            let name = table.required(record, "name")
            var kind: HelperKind? = nil
            if let kindText = table.required(record, "kind") {
                kind = HelperKind(name: kindText)
                if kind == nil {
                    table.problems.append(table.problem(record, "kind", .unknownKind(String(kindText.prefix(20)))))
                }
            }
            let capacity = table.integer(record, "capacity", default: 1, range: 0...1_000_000)
            var offers: [UInt8] = []
            var offersOK = true
            for d in dimensions.names {
                if let n = table.integer(record, "offer_" + d, default: 0, range: 0...maximumLevel) {
                    offers.append(UInt8(n))
                } else {
                    offersOK = false
                }
            }
            let district = table.text(record, "district")
            let street = table.text(record, "street")
            let community = table.text(record, "community")
            var placeOK = true
            if district.isEmpty && !street.isEmpty {
                table.problems.append(table.problem(record, "street", .placeWithoutParent(level: "street", missing: "district")))
                placeOK = false
            } else if street.isEmpty && !community.isEmpty {
                table.problems.append(table.problem(record, "community", .placeWithoutParent(level: "community", missing: "street")))
                placeOK = false
            }
            if let id {
                if let earlier = firstLine[id] {
                    table.problems.append(table.problem(record, "id", .duplicateId(column: "id", firstLine: earlier)))
                    continue
                }
                firstLine[id] = record.line
            }
            guard let id, let name, let kind, let capacity, offersOK, placeOK else { continue }
            var location = Location.citywide
            if !district.isEmpty {
                location.district = places.district(district)
                if !street.isEmpty {
                    location.street = places.street(street, in: location.district)
                    if !community.isEmpty { location.community = places.community(community, in: location.street) }
                }
            }
            out.ids.append(id)
            out.names.append(name)
            out.kinds.append(kind)
            out.capacity.append(Int32(capacity))
            out.locations.append(location)
            out.offers += offers
            out.organizations.append(table.text(record, "organization"))
            out.lines.append(record.line)
        }
        return out
    }

    /// Problems after which the rows cannot be read meaningfully.
    private static func isFatal(_ p: InputProblem) -> Bool {
        if case .duplicateColumn = p.kind { return true }
        return p.makesFileUnreadable
    }
}

extension Households {
    /// The same households ordered by id.
    func sortedById() -> Households { rows(ids.orderOfSorting()) }

    /// The households at positions `order`, in that order (a reordering or a selection).
    func rows(_ order: [Int]) -> Households {
        var out = self
        out.ids = ids.permuted(order); out.names = names.permuted(order)
        out.locations = locations.permuted(order); out.members = members.permuted(order)
        out.severity = severity.permuted(order); out.needs = needs.permutedRows(order, of: ids.count)
        out.idNumbers = idNumbers.permuted(order); out.phones = phones.permuted(order)
        out.lines = lines.permuted(order)
        return out
    }
}

extension Helpers {
    /// The same helpers ordered by id.
    func sortedById() -> Helpers { rows(ids.orderOfSorting()) }

    /// The helpers at positions `order`, in that order (a reordering or a selection).
    func rows(_ order: [Int]) -> Helpers {
        var out = self
        out.ids = ids.permuted(order); out.names = names.permuted(order); out.kinds = kinds.permuted(order)
        out.capacity = capacity.permuted(order); out.locations = locations.permuted(order)
        out.offers = offers.permutedRows(order, of: ids.count)
        out.organizations = organizations.permuted(order); out.lines = lines.permuted(order)
        return out
    }
}

extension Array where Element: Comparable {
    /// The indices of the elements in ascending order (stable for equal elements).
    func orderOfSorting() -> [Int] { indices.sorted { (self[$0], $0) < (self[$1], $1) } }
}

extension Array {
    /// The elements taken in `order`.
    func permuted(_ order: [Int]) -> [Element] { order.map { self[$0] } }

    /// A row-major table of `rows` equal rows, its rows taken in `order`.
    func permutedRows(_ order: [Int], of rows: Int) -> [Element] {
        let width = rows == 0 ? 0 : count / rows
        return order.flatMap { self[($0 * width)..<(($0 + 1) * width)] }
    }
}
