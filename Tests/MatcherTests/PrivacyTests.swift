import Foundation
import Testing
@testable import Matcher

/// Personal data (身份证号, phone numbers, full names) never reaches the public list, and id
/// and phone numbers never reach an error message.
@Suite struct PrivacyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The public list of the whole Xigang sample (4,601 households, 3,583 helpers) from a
    /// plan that uses every helper place, searched for every id number, phone and full
    /// personal name of the input.
    @Test func publicListOfTheSampleShowsNoIdNumberPhoneOrFullName() throws {
        let dir = TemporaryDirectory("privacy")
        defer { dir.remove() }
        let households = Self.root + "/samples/xigang/households.csv", helpers = Self.root + "/samples/xigang/helpers.csv"
        let roll = try RollReader.read(households: households, helpers: helpers)
        // A plan that fills every place (no policy is needed to list it).
        var lines = ["household_id,helper_id"], h = 0
        for g in 0..<roll.helpers.count {
            for _ in 0..<roll.helpers.capacity[g] where h < roll.households.count {
                lines.append("\(roll.households.ids[h]),\(roll.helpers.ids[g])")
                h += 1
            }
        }
        let plan = dir.write("plan.csv", lines.joined(separator: "\n") + "\n")
        let options = PublicExport.Options(households: households, helpers: helpers, pairs: plan, output: dir.file("public.csv"))
        let count = try PublicExport.run(options)
        #expect(count == lines.count - 1 && count > 3_000)
        let rows = try CLITests.rows(dir.file("public.csv"))
        #expect(rows.count == count)

        let personal: Set<HelperKind> = [.leader, .cadre, .volunteer]
        let hs = roll.households, gs = roll.helpers
        let idNumbers = hs.idNumbers.filter { !$0.isEmpty }, phones = hs.phones.filter { !$0.isEmpty }
        #expect(idNumbers.count == hs.count && phones.count == hs.count, "the sample has them all")
        let secrets = Set(idNumbers + phones + hs.ids + gs.ids)
        let names = Set(hs.names + gs.names.indices.filter { personal.contains(gs.kinds[$0]) }.map { gs.names[$0] })
        // A short name may also be part of a public value of the roll (a place, a unit's
        // name, a kind); there it is allowed, but never in a masked name.
        let publicValues = (roll.places.districtNames + roll.places.streetNames + roll.places.communityNames
            + gs.names.indices.filter { !personal.contains(gs.kinds[$0]) }.map { gs.names[$0] }
            + HelperKind.allCases.flatMap { [$0.english, $0.chinese] }).joined(separator: "\n")
        let lengths = Set(secrets.map(\.count) + names.map(\.count)).sorted()
        // Every cell of the file, header included, searched window by window (a linear scan
        // of the whole file per name is too slow in debug builds).
        let text = try TextDecoding.utf8Bytes(CLITests.bytes(dir.file("public.csv")), encoding: .utf8, file: "public.csv")
        var found: [String] = [], allowed = 0
        for record in CSVRecords(utf8: text, file: "public.csv").records {
            for cell in record.fields {
                let characters = Array(cell)
                for length in lengths where length <= characters.count {
                    for i in 0...(characters.count - length) {
                        let window = String(characters[i..<(i + length)])
                        if secrets.contains(window) { found.append(window) }
                        if names.contains(window) {
                            if cell.contains("*") || !publicValues.contains(window) { found.append(window) } else { allowed += 1 }
                        }
                    }
                }
            }
        }
        #expect(found.isEmpty, "public.csv shows \(found.prefix(10))")
        #expect(allowed < count / 100, "a name as part of a public value is rare: \(allowed)")
        #expect(rows.allSatisfy { $0[0].contains("*") }, "every household name is masked")
    }

    /// Id and phone numbers put where the readers quote values (a shifted or mislabelled
    /// column) are described, not quoted; every problem is still found at its place.
    @Test func errorMessagesNeverShowIdOrPhoneNumbers() throws {
        let dir = TemporaryDirectory("privacy")
        defer { dir.remove() }
        let households = dir.write("households.csv", """
            id,name,district,street,community,severity,members,id_number,phone
            H1,张三,D,S,C,210202195001011234,1,210202195001011234,13912345678
            H2,李四,D,S,C,1,21020219600202432X,21020219600202432X,13887654321
            H3,王五,D,S,C,1,1,210202197003035555
            H4,赵六,D,S,C,13700001111,1,210202198004046666,13700001111
            H5,钱七,D,S,C,7,1,210202199005057777,13600002222

            """)
        let helpers = dir.write("helpers.csv", """
            id,name,kind,capacity,district
            G1,孙八,15011112222,1,D
            G2,周九,cadre,13500003333,D
            G3,吴十,210202196006068888,1,D

            """)
        let secrets = ["210202195001011234", "21020219600202432X", "210202197003035555", "210202198004046666",
                       "13912345678", "13887654321", "13700001111", "15011112222", "13500003333", "210202196006068888"]
        var message = ""
        do { _ = try RollReader.read(households: households, helpers: helpers) } catch { message = error.description }
        for secret in secrets { #expect(!message.contains(secret), "a message shows \(secret):\n\(message)") }
        let expected = [
            households + ":2:6: 'severity' is a number of 18 digits", households + ":3:7: 'members' must be a whole number, not a value of 18 characters",
            households + ":4:9: this row has 8 fields", households + ":5:6: 'severity' is a number of 11 digits",
            households + ":6:6: 'severity' is 7;", helpers + ":2:3: unknown kind a value of 11 characters",
            helpers + ":3:4: 'capacity' is a number of 11 digits", helpers + ":4:3: unknown kind a value of 18 characters",
        ]
        for line in expected { #expect(message.contains(line), "missing \(line) in:\n\(message)") }
        // Short values are still quoted, so people can see what to fix.
        #expect(InputProblem(file: "f", .notAnInteger(column: "severity", value: "三")).message.contains("'三'"))
        #expect(InputProblem(file: "f", .unknownKind("teacher")).message.contains("'teacher'"))

        // Through the command line: validate, and the export of a plan naming unknown ids.
        let good = dir.write("good.csv", "id,name,district,street,community,id_number,phone\nH1,张三,D,S,C,210202195001011234,13912345678\n")
        let goodHelpers = dir.write("good-helpers.csv", "id,name,kind\nG1,孙八,cadre\n")
        let plan = dir.write("plan.csv", "household_id,helper_id\n210202195001011234,G1\n")
        let runs = [
            try CLITests.match(["validate", "--households", households, "--helpers", helpers], in: dir),
            try CLITests.match(["export", "--public", "--households", good, "--helpers", goodHelpers, "--pairs", plan, "--out", dir.file("x.csv")], in: dir),
        ]
        #expect(runs[1].stderr.hasPrefix(plan + ":2:1: 'household_id' names no row"), "\(runs[1].stderr)")
        for run in runs {
            #expect(run.status != 0 && !run.stderr.isEmpty)
            for secret in secrets { #expect(!run.stderr.contains(secret) && !run.stdout.contains(secret), "\(run.stderr)") }
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("x.csv")))
    }
}
