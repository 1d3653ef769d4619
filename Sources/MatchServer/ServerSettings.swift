import Foundation

/// How `match serve` runs: where the data is, where it listens, and its security knobs.
public struct ServerSettings: Sendable {
    /// Folder of the office's database (created on first start).
    public var dataDirectory: String
    public var host = "127.0.0.1"
    public var port = 8080
    /// Take the client's address from `X-Forwarded-For` (behind the office's reverse proxy
    /// only: otherwise a client could write any address into the audit log).
    public var trustForwardedFor = false
    /// Mark cookies `Secure` (set when the office serves over HTTPS through a proxy).
    public var secureCookies = false
    /// bcrypt cost for new passwords (12 by default; tests use less).
    public var bcryptCost: UInt8 = 12
    /// How long a session lasts, in seconds.
    public var sessionLifetime: Double = 12 * 3600
    /// Failed sign-ins allowed per name (and 4× per address) in `throttleWindow` seconds.
    public var throttleLimit = 5
    public var throttleWindow: Double = 15 * 60
    /// Largest input file accepted, in bytes.
    public var maxFileSize = 64 << 20
    /// Solver threads (nil: all cores; by default all but one, left to answer requests) and
    /// time limit for side constraints. The plan is the same for any count.
    public var solverThreads: Int? = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
    public var solveTimeLimit = 60.0

    public init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }
}
