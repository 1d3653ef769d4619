import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import MatchServer

/// A small roll in two districts and three streets, with identity numbers.
enum Fixture {
    static let households = """
        id,name,district,street,community,severity,need_material,need_emotional,id_number
        h1,张三丰,西岗区,白云街道,春柳社区,3,2,1,210202199001011234
        h2,李四,西岗区,白云街道,春柳社区,2,1,0,210202199001012345
        h3,王五,西岗区,八一路街道,长春社区,4,3,2,210202199001013456
        h4,赵六,中山区,桂林街道,桂林社区,5,2,2,210202199001014567
        h5,孙七,中山区,桂林街道,桂林社区,1,0,1,210202199001015678

        """
    static let helpers = """
        id,name,kind,capacity,district,street,community,offer_material,offer_emotional
        g1,刘干部,cadre,2,西岗区,白云街道,,2,1
        g2,陈志愿,volunteer,1,西岗区,八一路街道,,3,0
        g3,大连某企业,enterprise,1,中山区,,,2,2

        """
    static let policy = "distance_penalty: 2\nunpaired_base: 12\n"

    /// A page's upload form: the CSRF field is sent as a header by ``TestClientProtocol/call``.
    static let multipartType = "multipart/form-data; boundary=XyZboundary"
    static func multipart(_ file: String, filename: String = "file.csv") -> String {
        "--XyZboundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n"
            + "Content-Type: text/csv\r\n\r\n\(file)\r\n--XyZboundary--\r\n"
    }
    static let password = "correct horse battery"
}

/// The five kinds of caller the access matrix runs every route as.
enum Persona: String, CaseIterable, Sendable, CustomStringConvertible {
    case admin, clerkInScope, clerkOutOfScope, viewer, anonymous
    var description: String { rawValue }

    var role: Role? {
        switch self {
        case .admin: .admin
        case .clerkInScope, .clerkOutOfScope: .clerk
        case .viewer: .viewer
        case .anonymous: nil
        }
    }

    /// Clerk in scope: 白云街道, where households h1 and h2 live; out of scope: 桂林街道.
    var scope: PlaceScope {
        switch self {
        case .clerkInScope: .street(district: "西岗区", street: "白云街道")
        case .clerkOutOfScope: .street(district: "中山区", street: "桂林街道")
        case .viewer: .district("西岗区")
        default: .city
        }
    }
}

/// A signed-in client's cookie and CSRF token.
struct Session: Sendable {
    var cookie: String
    var csrf: String
}

/// An office in a temporary folder: the five personas' accounts (bcrypt cost 4).
struct TestOffice {
    let directory: String
    let settings: ServerSettings

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("match-server-\(UUID().uuidString)").path
        var settings = ServerSettings(dataDirectory: directory)
        settings.bcryptCost = 4
        settings.port = 0
        self.settings = settings
        let store = try OfficeStore(directory: directory)
        for persona in Persona.allCases {
            guard let role = persona.role else { continue }
            try store.addUser(
                name: persona.rawValue, role: role, scope: persona.scope,
                passwordHash: Passwords.hash(Fixture.password, cost: 4))
        }
    }

    func app() throws -> some ApplicationProtocol {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try buildApplication(settings, logger: logger)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

extension TestClientProtocol {
    func login(_ persona: Persona) async throws -> Session? {
        guard persona != .anonymous else { return nil }
        return try await execute(
            uri: "/api/login", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"name":"\#(persona.rawValue)","password":"\#(Fixture.password)"}"#)
        ) { response in
            #expect(response.status == .ok)
            let cookies = response.headers[values: .setCookie]
            let session = cookies.first { $0.hasPrefix("match_session=") }?.split(separator: ";").first.map(String.init)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            return Session(cookie: session ?? "", csrf: body?["csrf_token"] as? String ?? "")
        }
    }

    /// A request with the session's cookie and CSRF header.
    func call(
        _ method: HTTPRequest.Method, _ uri: String, as session: Session?, body: String? = nil,
        contentType: String = "application/json"
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let session {
            headers[.cookie] = session.cookie
            headers[.init("X-CSRF-Token")!] = session.csrf
        }
        if body != nil { headers[.contentType] = contentType }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// ``call(_:_:as:body:contentType:)`` with a binary body (a workbook).
    func call(
        _ method: HTTPRequest.Method, _ uri: String, as session: Session?, bytes: [UInt8], contentType: String
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: contentType]
        if let session {
            headers[.cookie] = session.cookie
            headers[.init("X-CSRF-Token")!] = session.csrf
        }
        return try await execute(uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    /// Round `id` polled until its status is not `solving` (at most 30 s).
    func waitForSolve(_ id: Int64, as session: Session) async throws -> [String: Any] {
        for _ in 0..<3000 {
            let response = try await call(.get, "/api/rounds/\(id)", as: session)
            let round = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
            if round["status"] as? String != "solving" { return round }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("round \(id) still solving after 30 s")
        return [:]
    }

    /// Round 1 solved from the fixture; round 2 a draft with the fixture's files uploaded.
    func prepareRounds(_ admin: Session) async throws {
        for name in ["solved", "draft"] {
            let created = try await call(.post, "/api/rounds", as: admin, body: #"{"name":"\#(name)"}"#)
            #expect(created.status == .created)
        }
        for id in [1, 2] {
            #expect(try await call(.put, "/api/rounds/\(id)/households", as: admin, body: Fixture.households, contentType: "text/csv").status == .ok)
            #expect(try await call(.put, "/api/rounds/\(id)/helpers", as: admin, body: Fixture.helpers, contentType: "text/csv").status == .ok)
        }
        #expect(try await call(.post, "/api/rounds/1/solve", as: admin).status == .accepted)
        let round = try await waitForSolve(1, as: admin)
        #expect(round["status"] as? String == "solved")
    }
}

extension Data {
    init(buffer: ByteBuffer) {
        self.init(buffer.readableBytesView)
    }
}
