import Foundation
import Matcher

/// First-start conveniences for `match serve`: a first administrator with a generated
/// password, and a first round loaded from a folder of sample files. Both go through the
/// same checks and store as the API.
public enum OfficeSetup {
    /// Creates administrator `name` with a random password when the database has no user
    /// at all; returns the password (shown once), or nil when users exist already.
    public static func firstAdministrator(dataDirectory: String, name: String, cost: UInt8 = 12) throws -> String? {
        let store = try OfficeStore(directory: dataDirectory)
        guard try store.users().isEmpty else { return nil }
        let password = String(SessionAuthenticator.randomToken().prefix(16))
        try store.addUser(name: name, role: .admin, scope: .city, passwordHash: Passwords.hash(password, cost: cost))
        return password
    }

    /// When the database has no round, creates round `name` with `households.csv`,
    /// `helpers.csv` and, if present, `policy.yaml` from `folder`, checked as an upload is.
    /// Returns the round's id, or nil when rounds exist already.
    public static func loadSample(dataDirectory: String, folder: String, name: String) async throws -> Int64? {
        let store = try OfficeStore(directory: dataDirectory)
        guard try await store.rounds().isEmpty else { return nil }
        func read(_ file: String) throws -> RoundPairing.File {
            guard let data = FileManager.default.contents(atPath: folder + "/" + file) else {
                throw SetupError.unreadable(folder + "/" + file)
            }
            return RoundPairing.File(name: file, bytes: Array(data))
        }
        let households = try read("households.csv"), helpers = try read("helpers.csv")
        let hRoll = try RoundPairing.checkHouseholds(households), gRoll = try RoundPairing.checkHelpers(helpers)
        let round = try await store.createRound(name: name, previous: nil, by: "setup")
        let hs = hRoll.households, places = hRoll.places
        _ = try await store.storeFile(
            round: round.id, role: "households", content: households.bytes,
            sha256: RoundInputController.sha256(households.bytes), rows: hs.count, by: "setup",
            households: (0..<hs.count).map {
                (hs.ids[$0], places.districtNames[Int(hs.locations[$0].district)], places.streetNames[Int(hs.locations[$0].street)])
            })
        _ = try await store.storeFile(
            round: round.id, role: "helpers", content: helpers.bytes, sha256: RoundInputController.sha256(helpers.bytes),
            rows: gRoll.helpers.count, by: "setup", helpers: gRoll.helpers.ids)
        if FileManager.default.fileExists(atPath: folder + "/policy.yaml") {
            let policy = try read("policy.yaml")
            _ = try RoundPairing.checkPolicy(policy)
            _ = try await store.storeFile(
                round: round.id, role: "policy", content: policy.bytes, sha256: RoundInputController.sha256(policy.bytes),
                rows: 0, by: "setup")
        }
        return round.id
    }

    public enum SetupError: Error, CustomStringConvertible {
        case unreadable(String)
        public var description: String {
            switch self { case .unreadable(let path): "cannot read \(path)" }
        }
    }
}
