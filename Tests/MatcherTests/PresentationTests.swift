import Foundation
import Testing
@testable import Matcher

@Suite struct PresentationTests {
    /// A small roll with personal data in it.
    func roll(_ dir: TemporaryDirectory) -> (String, String) {
        let households = dir.write("households.csv", """
            id,name,district,street,community,severity,need_medical,need_education,id_number,phone
            H1,张晓华,西岗区,北京街道,新华社区,3,2,1,210202195001011234,13912345678
            H2,李四,西岗区,北京街道,新华社区,2,1,0,21020219600202432X,13887654321
            H3,欧阳明华,西岗区,北京街道,长春社区,1,0,2,210202197003035555,15011112222

            """)
        let helpers = dir.write("helpers.csv", """
            id,name,kind,capacity,district,street,community,offer_medical,offer_education,organization
            G1,王建国,cadre,1,西岗区,北京街道,,2,1,民政局
            G2,大连港务有限公司,enterprise,2,西岗区,,,1,2,大连港务有限公司

            """)
        return (households, helpers)
    }

    func run(_ dir: TemporaryDirectory, _ configure: (inout YearlyPairing.Options) -> Void) throws -> String {
        let (households, helpers) = roll(dir)
        var options = YearlyPairing.Options(households: households, helpers: helpers, outputDirectory: dir.file("out"))
        configure(&options)
        _ = try YearlyPairing.run(options)
        return dir.file("out")
    }

    @Test func masksNames() {
        #expect(PublicNotice.mask("张三") == "张*")
        #expect(PublicNotice.mask("张晓华") == "张*华")
        #expect(PublicNotice.mask("欧阳明华") == "欧**华")
        #expect(PublicNotice.mask("王") == "*")
        #expect(PublicNotice.mask("") == "")
    }

    @Test func publicNoticeHasNoPersonalData() throws {
        let dir = TemporaryDirectory("public")
        defer { dir.remove() }
        let out = try run(dir) { $0.publicNotice = true }
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/public.csv")), as: UTF8.self)
        for secret in ["210202", "1391234", "1388765", "15011112222", "张晓华", "李四", "欧阳明华", "王建国", "H1", "G1"] {
            #expect(!text.contains(secret), "public.csv shows \(secret)")
        }
        #expect(text.contains("张*华") && text.contains("李*") && text.contains("欧**华"))
        #expect(text.contains("大连港务有限公司"), "a unit's name is public")
        for file in ["pairs.csv", "unpaired.csv", "summary.json"] {
            let other = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/" + file)), as: UTF8.self)
            #expect(!other.contains("210202"), "\(file) shows an id number")
            #expect(!other.contains("13912345678"), "\(file) shows a phone number")
        }
    }

    @Test func chineseGB18030OutputReadsBackAsThePreviousPlan() throws {
        let dir = TemporaryDirectory("zh")
        defer { dir.remove() }
        let out = try run(dir) { $0.presentation = Presentation(language: .zh, encoding: .gb18030) }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/pairs.csv")))
        #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]), "no UTF-8 byte-order mark in a GB18030 file")
        #expect(TextDecoding.firstInvalidUTF8(bytes) != nil, "the file is GB18030, not UTF-8")
        let text = String(decoding: try TextDecoding.utf8Bytes(bytes, encoding: .gb18030, file: "pairs.csv"), as: UTF8.self)
        #expect(text.hasPrefix("户编号,户主姓名,区,街道,社区,困难程度,帮扶人编号,帮扶人,帮扶类型,距离"))
        #expect(text.contains("新结对") && text.contains("干部"))
        // The Chinese file is next year's --previous: every pair is kept.
        let (households, helpers) = roll(dir)
        var again = YearlyPairing.Options(households: households, helpers: helpers, outputDirectory: dir.file("again"))
        again.previous = out + "/pairs.csv"
        let outcome = try YearlyPairing.run(again)
        #expect(outcome.summary.statusCounts["kept"] == outcome.summary.pairs)
        #expect(outcome.summary.pairs == 3)
    }
}

@Suite struct UnpairedReasonTests {
    /// H1's only helper in reach is forbidden; H2's forbidden helper is in another district,
    /// so H2 simply has no eligible helper; H3 lost out to a needier household.
    @Test func reasonsNameWhatActuallyBlockedTheHousehold() throws {
        let dir = TemporaryDirectory("reasons")
        defer { dir.remove() }
        let households = dir.write("households.csv", """
            id,name,district,street,community,severity,need_medical
            H1,甲,西岗区,北京街道,新华社区,2,1
            H2,乙,中山区,青云街道,青云社区,2,1
            H3,丙,沙河口区,春柳街道,春柳社区,1,1
            H4,丁,沙河口区,春柳街道,春柳社区,5,1

            """)
        let helpers = dir.write("helpers.csv", """
            id,name,kind,capacity,district,street,community,offer_medical
            G1,王,cadre,1,西岗区,北京街道,,1
            G2,李,cadre,1,沙河口区,春柳街道,,1

            """)
        let forbid = dir.write("forbid.csv", "household_id,helper_id\nH1,G1\nH2,G1\n")
        var options = YearlyPairing.Options(households: households, helpers: helpers, outputDirectory: dir.file("out"))
        options.forbids = forbid
        _ = try YearlyPairing.run(options)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir.file("out/unpaired.csv"))), as: UTF8.self)
        let reasonOf = Dictionary(uniqueKeysWithValues: text.split(separator: "\r\n").dropFirst().map { line in
            (String(line.prefix(2)), String(line.split(separator: ",").last ?? ""))
        })
        #expect(reasonOf["H1"] == UnpairedReason.forbidden.english)
        #expect(reasonOf["H2"] == UnpairedReason.noEligibleHelper.english)
        #expect(reasonOf["H3"] == UnpairedReason.allFull.english)
        #expect(reasonOf["H4"] == nil, "the neediest household is paired")
    }
}
