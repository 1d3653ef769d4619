import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Yams
@testable import MatchServer

/// The served OpenAPI description names exactly the API routes of the policy table (the
/// web pages, which answer HTML, are not part of the API).
@Suite struct OpenAPITests {
    @Test func describesEveryRouteAndNoOther() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let response = try await client.call(.get, "/api/openapi.yaml", as: nil)
            #expect(response.status == .ok)
            let document = try #require(try Yams.load(yaml: String(buffer: response.body)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: Any])
            var described: Set<String> = []
            for (path, item) in paths {
                for key in (item as? [String: Any] ?? [:]).keys where key != "parameters" {
                    described.insert(key.uppercased() + " " + path)
                }
            }
            let api = Route.allCases.filter { !$0.policy.isPage }
            #expect(api.count > 20 && api.count < Route.allCases.count)
            let routed = Set(api.map { "\($0.policy.method.rawValue) \($0.policy.path)" })
            #expect(described == routed)
            // Each operation's id is the route's name, and its success status is documented.
            for route in api {
                let item = paths[route.policy.path] as? [String: Any]
                let operation = item?[route.policy.method.rawValue.lowercased()] as? [String: Any]
                #expect(operation?["operationId"] as? String == route.rawValue)
                let responses = operation?["responses"] as? [String: Any] ?? [:]
                #expect(responses[String(route.policy.success.code)] != nil, "\(route): \(route.policy.success.code) not in \(responses.keys.sorted())")
            }
        }
    }
}
