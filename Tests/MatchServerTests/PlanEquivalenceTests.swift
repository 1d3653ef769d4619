import Foundation
import Hummingbird
import HummingbirdTesting
import Matcher
import Testing
@testable import MatchServer

/// The server's plan is `match pair`'s: the same objective, summary and pairs list on the
/// sample roll, and per-street costs that add up to the objective.
@Suite struct PlanEquivalenceTests {
    static let samples: String = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("samples").path) {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("samples/xigang").path
    }()

    @Test func solvedRoundEqualsMatchPairOnTheSameFiles() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        let read: @Sendable (String) throws -> String = { name in
            try String(contentsOfFile: Self.samples + "/" + name, encoding: .utf8)
        }
        // match pair on the files themselves.
        let out = office.directory + "/match-pair"
        var options = YearlyPairing.Options(
            households: Self.samples + "/households.csv", helpers: Self.samples + "/helpers.csv", outputDirectory: out)
        options.policy = Self.samples + "/policy.yaml"
        let cli = try YearlyPairing.run(options)
        let cliPairs = try #require(FileManager.default.contents(atPath: out + "/pairs.csv"))

        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            #expect(try await client.call(.post, "/api/rounds", as: admin, body: #"{"name":"xigang"}"#).status == .created)
            for (path, file, type) in [("households", "households.csv", "text/csv"), ("helpers", "helpers.csv", "text/csv"),
                                       ("policy", "policy.yaml", "application/yaml")] {
                let r = try await client.call(.put, "/api/rounds/1/\(path)", as: admin, body: try read(file), contentType: type)
                #expect(r.status == .ok, "\(path): \(String(buffer: r.body))")
            }
            #expect(try await client.call(.post, "/api/rounds/1/solve", as: admin).status == .accepted)
            let round = try await client.waitForSolve(1, as: admin)
            #expect(round["status"] as? String == "solved", "\(round["error"] ?? "")")
            let summary = try #require(round["summary"] as? [String: Any])
            #expect(summary["objective"] as? Int == cli.summary.objective)
            #expect(summary["bound"] as? Int == cli.summary.bound)
            #expect(summary["pairs"] as? Int == cli.summary.pairs)
            #expect(summary["unpaired"] as? Int == cli.summary.unpaired)
            #expect(summary["solver"] as? String == cli.summary.solver)

            // The pairs list is match pair's, plus the id_number column at the end.
            let served = try await client.call(.get, "/api/rounds/1/pairs.csv", as: admin)
            let servedRows = CSVRecords(utf8: Array(Array(served.body.readableBytesView).dropFirst(3)), file: "served").records
            let cliRows = CSVRecords(utf8: Array(Array(cliPairs).dropFirst(3)), file: "cli").records
            #expect(servedRows.count == cliRows.count)
            #expect(servedRows.map { Array($0.fields.dropLast()) } == cliRows.map(\.fields))
        }
        // Street costs add up to the objective (an independent sum over the stored plan).
        let store = try OfficeStore(directory: office.directory)
        let whole = try #require(try await store.summary(round: 1, scope: .city))
        #expect(whole.scope.cost == cli.summary.objective)
        #expect(whole.scope.pairs == cli.summary.pairs)
    }
}
