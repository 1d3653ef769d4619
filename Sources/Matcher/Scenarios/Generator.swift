import Foundation

/// Realistic synthetic rolls at the seed documents' scale (``Preset``), reproducible from a
/// seed: the same preset and seed give byte-identical files on every machine.
///
/// Needs follow the seeds: medical, schooling and employment most common, severity skewed
/// low, needier households (higher severity) needing more. Each helper kind offers what it
/// typically can: enterprises jobs and material aid, party branches policy and emotional
/// support, military units material and emotional support, cadres policy help, volunteers
/// emotional support, tutoring and medical help.
public struct Generator {
    public let preset: Preset
    /// Multiplies the preset's households and helpers, for scale tests: the districts are
    /// repeated (中山区, 中山区2, …) so that each keeps the preset's density, and eligible
    /// pairs grow with the roll, as in a province. `dalian` at scale 20 is about a million
    /// households.
    public var scale = 1.0
    private var rng: SplitMix64

    public init(preset: Preset, seed: UInt64) {
        self.preset = preset
        rng = SplitMix64(seed: seed)
    }

    /// The households.csv and helpers.csv tables (header first).
    public mutating func generate() -> (households: [[String]], helpers: [[String]]) {
        var shape = preset.shape
        if scale != 1 {
            let copies = max(1, Int(scale.rounded(.up)))
            let districts = shape.districts
            shape.districts = (0..<copies).flatMap { k in
                districts.map { (name: k == 0 ? $0.name : $0.name + String(k + 1), weight: $0.weight) }
            }
            shape.households = Int((Double(shape.households) * scale).rounded())
            for i in shape.helpers.indices {
                shape.helpers[i].count = max(1, Int((Double(shape.helpers[i].count) * scale).rounded()))
            }
        }
        let places = makePlaces(shape)
        let households = makeHouseholds(shape, places)
        let helpers = makeHelpers(shape, places)
        return (households, helpers)
    }

    // MARK: places

    struct Street { var district: String; var name: String; var communities: [String] }

    private mutating func makePlaces(_ shape: Preset.Shape) -> [Street] {
        var streets: [Street] = []
        var usedCommunity = Set<String>()
        for (district, _) in shape.districts {
            let names = shape.streetNames ?? (0..<Int.random(in: shape.streetsPerDistrict, using: &rng)).map { _ in
                Self.placeSyllables.randomElement(using: &rng)! + Self.placeSyllables.randomElement(using: &rng)! + "街道"
            }
            var usedStreet = Set<String>()
            for var name in names {
                while usedStreet.contains(name) { name = Self.placeSyllables.randomElement(using: &rng)! + name }
                usedStreet.insert(name)
                streets.append(Street(district: district, name: name, communities: []))
            }
        }
        // Communities: a fixed total when the preset names one, else a few per street.
        let counts: [Int]
        if let total = shape.communityCount {
            counts = streets.indices.map { total / streets.count + ($0 < total % streets.count ? 1 : 0) }
        } else {
            counts = streets.map { _ in Int.random(in: shape.communitiesPerStreet, using: &rng) }
        }
        for i in streets.indices {
            for _ in 0..<counts[i] {
                var name: String
                repeat {
                    name = Self.placeSyllables.randomElement(using: &rng)! + Self.placeSyllables.randomElement(using: &rng)! + "社区"
                } while usedCommunity.contains(streets[i].district + name)
                usedCommunity.insert(streets[i].district + name)
                streets[i].communities.append(name)
            }
        }
        return streets
    }

    // MARK: households

    /// (dimension, chance of any need at severity 1)
    private static let needChance: [Double] = [0.30, 0.22, 0.18, 0.40, 0.36, 0.48]

    private mutating func makeHouseholds(_ shape: Preset.Shape, _ streets: [Street]) -> [[String]] {
        var rows: [[String]] = [[
            "id", "name", "district", "street", "community", "members", "severity",
            "need_material", "need_emotional", "need_policy", "need_employment", "need_education",
            "need_medical", "id_number", "phone",
        ]]
        let districtWeights = shape.districts.map(\.weight)
        let streetsByDistrict = Dictionary(grouping: streets.indices, by: { streets[$0].district })
        let districtCodes = Dictionary(uniqueKeysWithValues: shape.districts.enumerated().map { ($1.name, 210202 + $0) })
        for i in 0..<shape.households {
            let district = shape.districts[pick(districtWeights)].name
            let street = streets[streetsByDistrict[district]!.randomElement(using: &rng)!]
            let community = street.communities.randomElement(using: &rng)!
            let members = members(mean: shape.meanMembers)
            let severity = 1 + pick([0.34, 0.28, 0.2, 0.12, 0.06])
            var needs: [String] = []
            for chance in Self.needChance {
                let p = min(0.95, chance * (0.75 + 0.15 * Double(severity)))
                needs.append(Double.random(in: 0..<1, using: &rng) < p ? String(1 + pick([0.55, 0.3, 0.15])) : "0")
            }
            rows.append(
                [String(format6("H", i + 1)), personName(), district, street.name, community,
                 String(members), String(severity)] + needs
                    + [idNumber(region: districtCodes[district]!), phone()])
        }
        return rows
    }

    private mutating func members(mean: Double) -> Int {
        // 1..5 people, shifted so that the mean matches the preset.
        let base = [0.40, 0.35, 0.18, 0.06, 0.01]
        let shift = (mean - 1.93) * 0.5
        return 1 + pick([base[0] - shift, base[1], base[2] + shift / 2, base[3] + shift / 2, base[4]])
    }

    // MARK: helpers

    private mutating func makeHelpers(_ shape: Preset.Shape, _ streets: [Street]) -> [[String]] {
        var rows: [[String]] = [[
            "id", "name", "kind", "capacity", "district", "street", "community", "offer_material",
            "offer_emotional", "offer_policy", "offer_employment", "offer_education", "offer_medical",
            "organization",
        ]]
        var serial = 0
        let districts = shape.districts.map(\.name)
        let weights = shape.districts.map(\.weight)
        let streetsByDistrict = Dictionary(grouping: streets.indices, by: { streets[$0].district })
        for group in shape.helpers {
            for _ in 0..<group.count {
                serial += 1
                // Helpers live where the households do: districts by the same weights.
                let street: Street
                if districts.count > 1 {
                    street = streets[streetsByDistrict[districts[pick(weights)]]!.randomElement(using: &rng)!]
                } else {
                    street = streets.randomElement(using: &rng)!
                }
                var place = ["", "", ""]
                switch group.scope {
                case .citywide: break
                case .district: place = [districts.count == 1 ? districts[0] : street.district, "", ""]
                case .street: place = [street.district, street.name, ""]
                case .community: place = [street.district, street.name, street.communities.randomElement(using: &rng)!]
                }
                var capacity = Int.random(in: group.capacity, using: &rng)
                if !group.isUnit && Double.random(in: 0..<1, using: &rng) < shape.idleShare { capacity = 0 }
                let (name, organization) = helperName(group, place: place)
                rows.append(
                    [format6("G", serial), name, group.kind.english, String(capacity)] + place
                        + offers(group.kind).map(String.init) + [organization])
            }
        }
        return rows
    }

    /// Typical offers (material, emotional, policy, employment, education, medical).
    private mutating func offers(_ kind: HelperKind) -> [Int] {
        func level(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
        switch kind {
        case .leader: return [level(1...2), level(1...2), 3, level(1...2), level(0...1), level(0...1)]
        case .cadre: return [level(0...1), level(1...2), level(2...3), level(0...2), level(0...1), level(0...1)]
        case .partyBranch: return [level(0...2), level(2...3), level(2...3), level(0...1), level(0...2), level(0...1)]
        case .militaryUnit: return [level(2...3), level(2...3), level(0...1), level(0...1), level(0...2), level(0...2)]
        case .enterprise:
            let clinic = Double.random(in: 0..<1, using: &rng) < 0.12
            return [level(2...3), level(0...1), level(0...1), level(2...3), level(0...1), clinic ? level(2...3) : 0]
        case .volunteer:
            let profession = pick([0.5, 0.25, 0.25])  // 0 general, 1 teacher, 2 medical worker
            return [level(0...1), level(1...3), level(0...1), level(0...1),
                    profession == 1 ? level(2...3) : level(0...1), profession == 2 ? level(2...3) : level(0...1)]
        }
    }

    private mutating func helperName(_ group: Preset.HelperGroup, place: [String]) -> (String, String) {
        let area = place[0].isEmpty ? "大连市" : place[0]
        let department = Self.departments.randomElement(using: &rng)!
        switch group.kind {
        case .partyBranch:
            return ("\(area)\(department)党支部", "\(area)\(department)")
        case .militaryUnit:
            let unit = "驻地部队\(Int.random(in: 61000...96999, using: &rng))部队"
            return (unit, unit)
        case .enterprise:
            let firm = "大连" + Self.placeSyllables.randomElement(using: &rng)! + Self.firmWords.randomElement(using: &rng)! + "有限公司"
            return (firm, firm)
        case .leader: return (personName(), "\(area)人民政府")
        case .cadre: return (personName(), "\(area)\(department)")
        case .volunteer:
            let station = place[2].isEmpty ? "" : "\(place[2])志愿者服务站"
            return (personName(), station)
        }
    }

    // MARK: people

    private mutating func personName() -> String {
        let surname = Self.surnames.randomElement(using: &rng)!
        let length = Double.random(in: 0..<1, using: &rng) < 0.7 ? 2 : 1
        return surname + (0..<length).map { _ in Self.givenCharacters.randomElement(using: &rng)! }.joined()
    }

    private mutating func idNumber(region: Int) -> String {
        let year = Int.random(in: 1930...2005, using: &rng)
        let month = Int.random(in: 1...12, using: &rng), day = Int.random(in: 1...28, using: &rng)
        let body = String(region) + String(year) + pad2(month) + pad2(day) + String(Int.random(in: 100...999, using: &rng))
        // ISO 7064 MOD 11-2 check character, as on real resident identity cards.
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    private mutating func phone() -> String {
        let prefix = ["139", "138", "137", "135", "150", "151", "158", "186", "189", "133"].randomElement(using: &rng)!
        return prefix + String(Int.random(in: 10_000_000...99_999_999, using: &rng))
    }

    private func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private func format6(_ prefix: String, _ n: Int) -> String {
        let digits = String(n)
        return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Index drawn with the given (unnormalised) weights.
    private mutating func pick(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = Double.random(in: 0..<total, using: &rng)
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").map(String.init)
    static let givenCharacters = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建华文辉力建国志强淑珍凤兰海燕春梅国庆宝山德福永生金凤玉梅振华晓东丹丹").map(String.init)
    static let placeSyllables = Array("新华长春青云胜利和平友谊团结东升西安南山北京兴工民主光明春柳泉涌金湾海港红旗幸福建设富民五一育才菜市中华").map(String.init)
    static let departments = ["民政局", "财政局", "人社局", "卫生局", "教育局", "司法局", "工商局", "税务局", "城建局", "统计局", "审计局", "文化局"]
    static let firmWords = ["机械", "化工", "港务", "食品", "建材", "电子", "服装", "物流", "医药", "船舶"]
}

extension Generator {
    /// Writes households.csv and helpers.csv (UTF-8 with BOM, as Excel expects) into
    /// `directory`; returns their paths.
    public mutating func write(to directory: String) throws(AtomicFile.WriteError) -> (String, String) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw AtomicFile.WriteError(path: directory, reason: Table.reason(error))
        }
        let tables = generate()
        var paths: [String] = []
        for (name, rows) in [("households.csv", tables.households), ("helpers.csv", tables.helpers)] {
            var csv = CSVWriter(byteOrderMark: true)
            for row in rows { csv.row(row) }
            let path = directory + "/" + name
            try AtomicFile.write(csv.data, to: path)
            paths.append(path)
        }
        return (paths[0], paths[1])
    }
}
