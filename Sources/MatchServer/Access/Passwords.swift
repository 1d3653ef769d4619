import Dispatch
import HummingbirdBcrypt

/// bcrypt (hummingbird-auth) for passwords. Hashing takes a good fraction of a second by
/// design, so it runs on a global dispatch queue, never on the server's event loop.
public enum Passwords {
    /// A hash for a new password.
    public static func hash(_ password: String, cost: UInt8) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }

    /// A hash of no one's password, verified against when the name is unknown, so that an
    /// unknown name takes as long to refuse as a wrong password.
    static func decoy(cost: UInt8) -> String { Bcrypt.hash("no such user", cost: cost) }

    /// Problems with a new password (empty when it will do).
    public static func problems(_ password: String) -> [String] {
        var problems: [String] = []
        if password.count < 10 { problems.append("a password needs at least 10 characters") }
        if password.utf8.count > 72 { problems.append("bcrypt reads at most 72 bytes of a password; use a shorter one") }
        return problems
    }
}
