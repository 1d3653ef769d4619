import Foundation
import Testing
@testable import Matcher

/// households.csv and helpers.csv: headers in English or Chinese and any order, extra need
/// dimensions, and every input problem with its exact file, line, column and kind.
@Suite struct RollReaderTests {
    static let householdHeader =
        "id,name,district,street,community,members,severity,need_material,need_emotional,need_policy,need_employment,need_education,need_medical,id_number,phone"
    static let helperHeader =
        "id,name,kind,capacity,district,street,community,offer_material,offer_emotional,offer_policy,offer_employment,offer_education,offer_medical,organization"

    /// One households.csv row in the order of `householdHeader`.
    static func household(
        _ id: String, name: String = "张三", district: String = "西岗区", street: String = "站北街道",
        community: String = "旗兴社区", members: String = "1", severity: String = "1",
        needs: [String] = ["0", "0", "0", "0", "0", "0"], idNumber: String = "", phone: String = ""
    ) -> String {
        ([id, name, district, street, community, members, severity] + needs + [idNumber, phone])
            .joined(separator: ",")
    }

    /// One helpers.csv row in the order of `helperHeader`.
    static func helper(
        _ id: String, name: String = "李四", kind: String = "cadre", capacity: String = "1",
        district: String = "西岗区", street: String = "", community: String = "",
        offers: [String] = ["0", "0", "0", "0", "0", "0"], organization: String = ""
    ) -> String {
        ([id, name, kind, capacity, district, street, community] + offers + [organization])
            .joined(separator: ",")
    }

    static let oneHousehold = householdHeader + "\n" + household("H1") + "\n"
    static let oneHelper = helperHeader + "\n" + helper("G1") + "\n"

    struct Files {
        let dir: TemporaryDirectory
        let households: String
        let helpers: String
    }

    /// Writes both files into a fresh directory and runs `body` on their paths.
    func withFiles<T>(
        households: String = oneHousehold, helpers: String = oneHelper, _ body: (Files) throws -> T
    ) rethrows -> T {
        let dir = TemporaryDirectory("roll")
        defer { dir.remove() }
        let files = Files(
            dir: dir, households: dir.write("households.csv", households),
            helpers: dir.write("helpers.csv", helpers))
        return try body(files)
    }

    /// The problems RollReader reports, sorted by file, line and column.
    func problems(households: String = oneHousehold, helpers: String = oneHelper) -> (Files?, [InputProblem]) {
        let dir = TemporaryDirectory("roll")
        defer { dir.remove() }
        let files = Files(
            dir: dir, households: dir.write("households.csv", households),
            helpers: dir.write("helpers.csv", helpers))
        do {
            _ = try RollReader.read(households: files.households, helpers: files.helpers)
            return (files, [])
        } catch {
            return (files, Self.sorted(error.problems))
        }
    }

    static func sorted(_ p: [InputProblem]) -> [InputProblem] {
        p.sorted {
            ($0.file, $0.line ?? 0, $0.column ?? 0, "\($0.kind)") < ($1.file, $1.line ?? 0, $1.column ?? 0, "\($1.kind)")
        }
    }

    /// Checks that exactly `expected` (file names relative to the directory) are reported.
    func expectProblems(
        households: String = oneHousehold, helpers: String = oneHelper,
        _ expected: [(file: String, line: Int?, column: Int?, kind: InputProblem.Kind)],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (files, found) = problems(households: households, helpers: helpers)
        let want = Self.sorted(expected.map {
            InputProblem(file: files!.dir.file($0.file), line: $0.line, column: $0.column, $0.kind)
        })
        #expect(found == want, sourceLocation: sourceLocation)
    }

    // MARK: - Reading

    @Test func englishHeaders() throws {
        let households = Self.householdHeader + "\n"
            + Self.household("H2", name: "王五", street: "八一路街道", community: "平育社区", members: "3", severity: "4",
                             needs: ["1", "2", "3", "0", "1", "2"], idNumber: "210202199001011234", phone: "13800000000") + "\n"
            + Self.household("H1", members: "", severity: "") + "\n"
        let helpers = Self.helperHeader + "\n"
            + Self.helper("G3", name: "志愿队", kind: "volunteer", capacity: "2", street: "站北街道", community: "旗兴社区") + "\n"
            + Self.helper("G1", name: "某企业", kind: "Enterprise", capacity: "3", district: "", offers: ["3", "3", "3", "3", "3", "3"], organization: "某公司") + "\n"
            + Self.helper("G2", capacity: "", street: "八一路街道", offers: ["1", "0", "0", "0", "0", "2"]) + "\n"
        let roll = try withFiles(households: households, helpers: helpers) {
            try RollReader.read(households: $0.households, helpers: $0.helpers)
        }
        let hs = roll.households
        #expect(roll.dimensions.names == NeedDimensions.standard)
        #expect(hs.ids == ["H1", "H2"], "sorted by id")
        #expect(hs.names == ["张三", "王五"])
        #expect(hs.members == [1, 3], "members defaults to 1")
        #expect(hs.severity == [1, 4], "severity defaults to 1")
        #expect(hs.needs == [0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 1, 2])
        #expect(hs.idNumbers == ["", "210202199001011234"])
        #expect(hs.phones == ["", "13800000000"])
        #expect(hs.lines == [3, 2])
        let p = roll.places
        #expect(p.districtNames == ["西岗区"])
        #expect(p.streetNames == ["八一路街道", "站北街道"])
        #expect(p.communityNames == ["平育社区", "旗兴社区"])
        #expect(hs.locations == [
            Location(district: 0, street: 1, community: 1), Location(district: 0, street: 0, community: 0),
        ])
        let gs = roll.helpers
        #expect(gs.ids == ["G1", "G2", "G3"])
        #expect(gs.kinds == [.enterprise, .cadre, .volunteer])
        #expect(gs.capacity == [3, 1, 2], "capacity defaults to 1")
        #expect(gs.locations == [
            .citywide, Location(district: 0, street: 0, community: -1), Location(district: 0, street: 1, community: 1),
        ])
        #expect(gs.offers == [3, 3, 3, 3, 3, 3, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0])
        #expect(gs.organizations == ["某公司", "", ""])
        #expect(gs.lines == [3, 4, 2])
    }

    /// Helpers' rows are read apart from the households' (on another thread) and their places
    /// joined afterwards: shared places keep the households' indices, new ones follow in the
    /// order the helpers file names them, and every index leads back to the text it came from.
    @Test func helpersPlacesJoinTheHouseholdsPlaces() throws {
        let households = Self.householdHeader + "\n"
            + Self.household("H1", district: "西岗区", street: "站北街道", community: "旗兴社区") + "\n"
            + Self.household("H2", district: "中山区", street: "海军广场街道", community: "长春社区") + "\n"
        let helperRows: [(id: String, district: String, street: String, community: String)] = [
            ("G1", "沙河口区", "春柳街道", "春光社区"),  // all new
            ("G2", "中山区", "海军广场街道", "长春社区"),  // all shared
            ("G3", "西岗区", "八一路街道", ""),  // new street in a shared district
            ("G4", "", "", ""),  // citywide
            ("G5", "沙河口区", "春柳街道", "春和社区"),  // new community under a new street
            ("G6", "中山区", "", ""),  // district-wide
        ]
        let helpers = Self.helperHeader + "\n" + helperRows.map {
            Self.helper($0.id, district: $0.district, street: $0.street, community: $0.community)
        }.joined(separator: "\n") + "\n"
        let roll = try withFiles(households: households, helpers: helpers) {
            try RollReader.read(households: $0.households, helpers: $0.helpers)
        }
        let p = roll.places
        #expect(p.districtNames == ["西岗区", "中山区", "沙河口区"])
        #expect(p.streetNames == ["站北街道", "海军广场街道", "春柳街道", "八一路街道"])
        #expect(p.communityNames == ["旗兴社区", "长春社区", "春光社区", "春和社区"])
        #expect(p.streetDistrict == [0, 1, 2, 0])
        #expect(p.communityStreet == [0, 1, 2, 2])
        for (g, row) in helperRows.enumerated() {
            let l = roll.helpers.locations[g]
            #expect((l.district < 0 ? "" : p.districtNames[Int(l.district)]) == row.district, "\(row.id)")
            #expect((l.street < 0 ? "" : p.streetNames[Int(l.street)]) == row.street, "\(row.id)")
            #expect((l.community < 0 ? "" : p.communityNames[Int(l.community)]) == row.community, "\(row.id)")
            if l.street >= 0 { #expect(p.streetDistrict[Int(l.street)] == l.district, "\(row.id)") }
            if l.community >= 0 { #expect(p.communityStreet[Int(l.community)] == l.street, "\(row.id)") }
        }
        #expect(roll.helpers.locations[1] == roll.households.locations[1], "G2 lives where H2 does")
        #expect(roll.helpers.locations[3] == .citywide)
    }

    @Test func chineseHeadersAndKinds() throws {
        let households = """
            户编号,户主姓名,区,街道,社区,人口,困难程度,物质,精神,政策,就业,助学,医疗,身份证号,电话
            H1,张三,西岗区,站北街道,旗兴社区,2,5,3,2,1,0,1,2,210202199001011234,13800000000

            """
        let helpers = """
            编号,名称,类型,帮扶户数,区,街道,社区,物质,精神,政策,就业,助学,医疗,单位
            G1,王局长,领导干部,1,西岗区,,,1,1,1,1,1,1,区政府
            G2,赵干部,干部,2,西岗区,站北街道,,0,0,0,0,0,3,
            G3,某支部,党支部,3,西岗区,站北街道,旗兴社区,0,0,0,0,0,0,
            G4,某部队,部队,4,,,,2,0,0,0,0,0,
            G5,某企业,企业,5,西岗区,,,0,3,0,0,0,0,
            G6,志愿者甲,志愿者,0,西岗区,,,0,0,0,0,2,0,

            """
        let roll = try withFiles(households: households, helpers: helpers) {
            try RollReader.read(households: $0.households, helpers: $0.helpers)
        }
        #expect(roll.households.ids == ["H1"])
        #expect(roll.households.names == ["张三"])
        #expect(roll.households.members == [2])
        #expect(roll.households.severity == [5])
        #expect(roll.households.needs == [3, 2, 1, 0, 1, 2])
        #expect(roll.households.idNumbers == ["210202199001011234"])
        #expect(roll.households.phones == ["13800000000"])
        #expect(roll.helpers.kinds == [.leader, .cadre, .partyBranch, .militaryUnit, .enterprise, .volunteer])
        #expect(roll.helpers.capacity == [1, 2, 3, 4, 5, 0])
        #expect(roll.helpers.organizations == ["区政府", "", "", "", "", ""])
        #expect(roll.helpers.offers[0..<6] == [1, 1, 1, 1, 1, 1])
        #expect(roll.helpers.offers[6..<12] == [0, 0, 0, 0, 0, 3])
        #expect(roll.helpers.locations[3] == .citywide)
        #expect(roll.helpers.locations[2] == Location(district: 0, street: 0, community: 0))
    }

    @Test func headersAreCaseInsensitiveAndTrimmed() throws {
        let households = "ID, Name ,DISTRICT,Street,Community,SEVERITY,Need_Medical\nH1,张三,D,S,C,2,3\n"
        let helpers = "Id,NAME,Kind,Capacity,Offer_Medical\nG1,x,CADRE,2,1\n"
        let roll = try withFiles(households: households, helpers: helpers) {
            try RollReader.read(households: $0.households, helpers: $0.helpers)
        }
        #expect(roll.households.severity == [2])
        #expect(roll.households.needs == [0, 0, 0, 0, 0, 3])
        #expect(roll.helpers.kinds == [.cadre])
        #expect(roll.helpers.offers == [0, 0, 0, 0, 0, 1])
    }

    @Test func columnsInAnyOrderAndUnknownColumnsIgnored() throws {
        let households = """
            note,community,severity,need_medical,id,street,remark,name,district
            any text,C1,3,2,H1,S1,,张三,D
            "quoted, with comma",C2,1,0,H2,S1,x,李四,D

            """
        let helpers = """
            capacity,comment,kind,offer_medical,id,name
            2,whatever,cadre,3,G1,某人

            """
        let roll = try withFiles(households: households, helpers: helpers) {
            try RollReader.read(households: $0.households, helpers: $0.helpers)
        }
        #expect(roll.dimensions.names == NeedDimensions.standard)
        #expect(roll.households.ids == ["H1", "H2"])
        #expect(roll.households.names == ["张三", "李四"])
        #expect(roll.households.severity == [3, 1])
        #expect(roll.households.needs == [0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0])
        #expect(roll.places.communityNames == ["C1", "C2"])
        #expect(roll.helpers.capacity == [2])
        #expect(roll.helpers.locations == [.citywide])
        #expect(roll.helpers.offers == [0, 0, 0, 0, 0, 3])
    }

    @Test func extraNeedDimension() throws {
        let households = """
            id,name,district,street,community,need_housing,need_material
            H1,张三,D,S,C,3,1
            H2,李四,D,S,C,,2

            """
        let helpers = """
            id,name,kind,offer_housing,offer_unused
            G1,甲,cadre,2,3
            G2,乙,cadre,,1

            """
        let roll = try withFiles(households: households, helpers: helpers) {
            try RollReader.read(households: $0.households, helpers: $0.helpers)
        }
        #expect(roll.dimensions.names == NeedDimensions.standard + ["housing"])
        #expect(roll.dimensions.count == 7)
        #expect(roll.households.needs == [1, 0, 0, 0, 0, 0, 3, 2, 0, 0, 0, 0, 0, 0])
        #expect(roll.helpers.offers == [0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func extraNeedIsRangeChecked() {
        let households = "id,name,district,street,community,need_housing\nH1,张三,D,S,C,4\n"
        expectProblems(households: households, [
            ("households.csv", 2, 6, .outOfRange(column: "need_housing", value: 4, range: 0...3))
        ])
    }

    // MARK: - Whole-file problems

    @Test func emptyFile() {
        expectProblems(households: "", [("households.csv", 1, 1, .emptyFile)])
        expectProblems(helpers: "\n\r\n\n", [("helpers.csv", 1, 1, .emptyFile)])
    }

    @Test func headerOnly() {
        expectProblems(households: Self.householdHeader + "\n", [("households.csv", 1, 1, .noRows)])
        expectProblems(helpers: Self.helperHeader, [("helpers.csv", 1, 1, .noRows)])
    }

    @Test func bothFilesEmptyAreBothReported() {
        expectProblems(households: "", helpers: "", [
            ("households.csv", 1, 1, .emptyFile), ("helpers.csv", 1, 1, .emptyFile),
        ])
    }

    @Test func missingRequiredColumns() {
        expectProblems(households: "id,name,district,street\nH1,张三,D,S\n", [
            ("households.csv", 1, 1, .missingColumn("community"))
        ])
        expectProblems(households: "id,district,street\nH1,D,S\n", [
            ("households.csv", 1, 1, .missingColumn("name")),
            ("households.csv", 1, 1, .missingColumn("community")),
        ])
        expectProblems(helpers: "id,name,capacity\nG1,x,1\n", [("helpers.csv", 1, 1, .missingColumn("kind"))])
    }

    @Test func missingColumnIsReportedOnTheHeaderLine() {
        // The header is on line 3 after two blank lines.
        expectProblems(households: "\n\nid,name,district,street\nH1,张三,D,S\n", [
            ("households.csv", 3, 1, .missingColumn("community"))
        ])
    }

    @Test func duplicateColumns() {
        expectProblems(households: "id,name,district,street,community,户编号\nH1,x,D,S,C,H1\n", [
            ("households.csv", 1, 6, .duplicateColumn("id", firstAt: 1))
        ])
        expectProblems(households: "id,name,district,street,community,severity,困难程度,need_medical,医疗\nH1,x,D,S,C,1,1,1,1\n", [
            ("households.csv", 1, 7, .duplicateColumn("severity", firstAt: 6)),
            ("households.csv", 1, 9, .duplicateColumn("need_medical", firstAt: 8)),
        ])
        expectProblems(helpers: "id,name,kind,Kind\nG1,x,cadre,cadre\n", [
            ("helpers.csv", 1, 4, .duplicateColumn("kind", firstAt: 3))
        ])
    }

    // MARK: - Row problems

    @Test func duplicateId() {
        let households = [Self.householdHeader, Self.household("H1"), Self.household("H2"), Self.household("H1")]
            .joined(separator: "\n")
        expectProblems(households: households, [
            ("households.csv", 4, 1, .duplicateId(column: "id", firstLine: 2))
        ])
        let helpers = [Self.helperHeader, Self.helper("G1"), "", Self.helper("G1")].joined(separator: "\n")
        expectProblems(helpers: helpers, [("helpers.csv", 4, 1, .duplicateId(column: "id", firstLine: 2))])
    }

    @Test func duplicateIdIsReportedEvenWhenItsFirstRowHasAnotherProblem() {
        let households = [Self.householdHeader, Self.household("H1", severity: "7"), Self.household("H1")]
            .joined(separator: "\n")
        expectProblems(households: households, [
            ("households.csv", 2, 7, .outOfRange(column: "severity", value: 7, range: 1...5)),
            ("households.csv", 3, 1, .duplicateId(column: "id", firstLine: 2)),
        ])
    }

    @Test func unknownKind() {
        let helpers = Self.helperHeader + "\n" + Self.helper("G1", kind: "boss") + "\n"
        expectProblems(helpers: helpers, [("helpers.csv", 2, 3, .unknownKind("boss"))])
    }

    @Test func severityOutOfRange() {
        let households = Self.householdHeader + "\n" + Self.household("H1", severity: "7") + "\n"
        expectProblems(households: households, [
            ("households.csv", 2, 7, .outOfRange(column: "severity", value: 7, range: 1...5))
        ])
        let zero = Self.householdHeader + "\n" + Self.household("H1", severity: "0") + "\n"
        expectProblems(households: zero, [
            ("households.csv", 2, 7, .outOfRange(column: "severity", value: 0, range: 1...5))
        ])
    }

    @Test func needOutOfRange() {
        let households = Self.householdHeader + "\n"
            + Self.household("H1", needs: ["0", "0", "4", "0", "0", "0"]) + "\n"
        expectProblems(households: households, [
            ("households.csv", 2, 10, .outOfRange(column: "need_policy", value: 4, range: 0...3))
        ])
        let chinese = "户编号,户主姓名,区,街道,社区,医疗\nH1,张三,D,S,C,4\n"
        expectProblems(households: chinese, [
            ("households.csv", 2, 6, .outOfRange(column: "need_medical", value: 4, range: 0...3))
        ])
    }

    @Test func membersMustBePositive() {
        let households = Self.householdHeader + "\n" + Self.household("H1", members: "0") + "\n"
        expectProblems(households: households, [
            ("households.csv", 2, 6, .outOfRange(column: "members", value: 0, range: 1...99))
        ])
    }

    @Test func capacityNegativeOrNotANumber() {
        let negative = Self.helperHeader + "\n" + Self.helper("G1", capacity: "-1") + "\n"
        expectProblems(helpers: negative, [
            ("helpers.csv", 2, 4, .outOfRange(column: "capacity", value: -1, range: 0...1_000_000))
        ])
        let text = Self.helperHeader + "\n" + Self.helper("G1", capacity: "abc") + "\n"
        expectProblems(helpers: text, [("helpers.csv", 2, 4, .notAnInteger(column: "capacity", value: "abc"))])
        let offer = Self.helperHeader + "\n" + Self.helper("G1", offers: ["0", "0", "0", "0", "0", "9"]) + "\n"
        expectProblems(helpers: offer, [
            ("helpers.csv", 2, 13, .outOfRange(column: "offer_medical", value: 9, range: 0...3))
        ])
    }

    @Test func idWithBlanksAroundIt() {
        let households = [Self.householdHeader, Self.household(" H1"), Self.household("H2 "), Self.household("\"H3\t\"")]
            .joined(separator: "\n")
        expectProblems(households: households, [
            ("households.csv", 2, 1, .blanksAroundId(column: "id")),
            ("households.csv", 3, 1, .blanksAroundId(column: "id")),
            ("households.csv", 4, 1, .blanksAroundId(column: "id")),
        ])
        let helpers = Self.helperHeader + "\n" + Self.helper(" G1") + "\n"
        expectProblems(helpers: helpers, [("helpers.csv", 2, 1, .blanksAroundId(column: "id"))])
    }

    @Test func blankRequiredValues() {
        let households = [Self.householdHeader, Self.household(""), Self.household("H2", name: " "),
                          Self.household("H3", district: ""), Self.household("H4", community: "")]
            .joined(separator: "\n")
        expectProblems(households: households, [
            ("households.csv", 2, 1, .blank(column: "id")),
            ("households.csv", 3, 2, .blank(column: "name")),
            ("households.csv", 4, 3, .blank(column: "district")),
            ("households.csv", 5, 5, .blank(column: "community")),
        ])
        let helpers = Self.helperHeader + "\n" + Self.helper("G1", kind: "") + "\n"
        expectProblems(helpers: helpers, [("helpers.csv", 2, 3, .blank(column: "kind"))])
    }

    @Test func streetWithoutDistrict() {
        let helpers = Self.helperHeader + "\n" + Self.helper("G1", district: "", street: "站北街道") + "\n"
        expectProblems(helpers: helpers, [
            ("helpers.csv", 2, 6, .placeWithoutParent(level: "street", missing: "district"))
        ])
    }

    @Test func communityWithoutStreet() {
        let helpers = Self.helperHeader + "\n" + Self.helper("G1", street: "", community: "旗兴社区") + "\n"
        expectProblems(helpers: helpers, [
            ("helpers.csv", 2, 7, .placeWithoutParent(level: "community", missing: "street"))
        ])
    }

    @Test func tooManyAndTooFewFields() {
        let households = [Self.householdHeader, Self.household("H1") + ",extra", Self.household("H2"),
                          "H3,张三,D,S,C"].joined(separator: "\n")
        expectProblems(households: households, [
            ("households.csv", 2, 16, .wrongFieldCount(expected: 15, found: 16)),
            ("households.csv", 4, 6, .wrongFieldCount(expected: 15, found: 5)),
        ])
    }

    @Test func csvSyntaxProblemsReachTheCaller() {
        let households = Self.householdHeader + "\n" + Self.household("H1", name: "张\"三") + "\n"
        let (_, found) = problems(households: households)
        #expect(found.map(\.kind) == [.quoteInUnquotedField])
        #expect(found.first?.line == 2)
    }

    @Test func everyProblemInBothFilesIsReported() {
        let households = [
            Self.householdHeader,                                                // 1
            Self.household("H1", severity: "7"),                                 // 2
            Self.household("H2", needs: ["0", "0", "4", "0", "0", "0"]),         // 3
            "",                                                                  // 4
            Self.household(" H3"),                                               // 5
            "H4,张三,D,S,C,1,1,0,0,0,0,0,0,x",                                   // 6
            Self.household("H5", name: ""),                                      // 7
            Self.household("H6"),                                                // 8
            Self.household("H6"),                                                // 9
            Self.household("H7", members: "two"),                                // 10
            Self.household("H8"),                                                // 11
        ].joined(separator: "\n") + "\n"
        let helpers = [
            Self.helperHeader,                                                   // 1
            Self.helper("G1", kind: "boss"),                                     // 2
            Self.helper("G2", capacity: "-1"),                                   // 3
            Self.helper("G3", capacity: "abc"),                                  // 4
            Self.helper("G4", district: "", street: "S"),                        // 5
            Self.helper("G5", street: "", community: "C"),                       // 6
            Self.helper("G6", offers: ["0", "0", "0", "0", "0", "9"]),           // 7
            Self.helper("G7") + ",extra",                                        // 8
            Self.helper("G8"),                                                   // 9
        ].joined(separator: "\n") + "\n"
        expectProblems(households: households, helpers: helpers, [
            ("households.csv", 2, 7, .outOfRange(column: "severity", value: 7, range: 1...5)),
            ("households.csv", 3, 10, .outOfRange(column: "need_policy", value: 4, range: 0...3)),
            ("households.csv", 5, 1, .blanksAroundId(column: "id")),
            ("households.csv", 6, 15, .wrongFieldCount(expected: 15, found: 14)),
            ("households.csv", 7, 2, .blank(column: "name")),
            ("households.csv", 9, 1, .duplicateId(column: "id", firstLine: 8)),
            ("households.csv", 10, 6, .notAnInteger(column: "members", value: "two")),
            ("helpers.csv", 2, 3, .unknownKind("boss")),
            ("helpers.csv", 3, 4, .outOfRange(column: "capacity", value: -1, range: 0...1_000_000)),
            ("helpers.csv", 4, 4, .notAnInteger(column: "capacity", value: "abc")),
            ("helpers.csv", 5, 6, .placeWithoutParent(level: "street", missing: "district")),
            ("helpers.csv", 6, 7, .placeWithoutParent(level: "community", missing: "street")),
            ("helpers.csv", 7, 13, .outOfRange(column: "offer_medical", value: 9, range: 0...3)),
            ("helpers.csv", 8, 15, .wrongFieldCount(expected: 14, found: 15)),
        ])
    }

    @Test func severalProblemsInOneRowAreAllReported() {
        let households = Self.householdHeader + "\n"
            + Self.household("H1", name: "", members: "0", severity: "9", needs: ["5", "0", "0", "0", "0", "x"]) + "\n"
        expectProblems(households: households, [
            ("households.csv", 2, 2, .blank(column: "name")),
            ("households.csv", 2, 6, .outOfRange(column: "members", value: 0, range: 1...99)),
            ("households.csv", 2, 7, .outOfRange(column: "severity", value: 9, range: 1...5)),
            ("households.csv", 2, 8, .outOfRange(column: "need_material", value: 5, range: 0...3)),
            ("households.csv", 2, 13, .notAnInteger(column: "need_medical", value: "x")),
        ])
    }

    @Test func personalDataNeverAppearsInMessages() {
        let idNumber = "210202199001011234", phone = "13912345678", name = "欧阳秘密"
        let rows = [
            Self.householdHeader,
            Self.household("H1", name: name, severity: "7", idNumber: idNumber, phone: phone),
            Self.household("H1", name: name, members: "x", idNumber: idNumber, phone: phone),
            Self.household(" H2", name: name, needs: ["9", "0", "0", "0", "0", "0"], idNumber: idNumber, phone: phone),
            Self.household("H3", name: name, idNumber: idNumber, phone: phone) + "," + phone,
            Self.household("H4", name: name, community: "", idNumber: idNumber, phone: phone),
            "H5,\(name),D,S,C,1,1,0,0,0,0,0,0,\(idNumber)\",\(phone)",
            "H6,\(name),D,S,C,1,1,0,0,0,0,0,0,\"\(idNumber)\"x,\(phone)",
            Self.household("H7", name: name, idNumber: idNumber, phone: phone),
            Self.household("H7", name: name, idNumber: idNumber, phone: phone),
        ]
        // The same data under Chinese headers.
        let chinese = "户编号,户主姓名,区,街道,社区,困难程度,身份证号,电话\nH1,\(name),D,S,C,6,\(idNumber),\(phone)\nH1,\(name),D,S,C,1,\(idNumber)\n"
        for households in [rows.joined(separator: "\n") + "\n", chinese] {
            let (_, found) = problems(households: households)
            #expect(found.count >= 2)
            for p in found {
                for secret in [idNumber, phone, name, String(idNumber.suffix(8)), String(phone.suffix(8))] {
                    #expect(!p.description.contains(secret), "\(p.description)")
                    #expect(!"\(p.kind)".contains(secret), "\(p.kind)")
                }
            }
        }
    }

    @Test func unreadableFile() {
        let dir = TemporaryDirectory("roll")
        defer { dir.remove() }
        let helpers = dir.write("helpers.csv", Self.oneHelper)
        let missing = dir.file("nope.csv")
        let error = #expect(throws: InputProblems.self) {
            try RollReader.read(households: missing, helpers: helpers)
        }
        #expect(error?.problems.count == 1)
        guard let p = error?.problems.first else { return }
        #expect(p.file == missing && p.line == nil && p.column == nil)
        if case .unreadable = p.kind {} else { Issue.record("expected unreadable, got \(p.kind)") }
    }
}
