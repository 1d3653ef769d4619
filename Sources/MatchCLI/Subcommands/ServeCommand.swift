import ArgumentParser
import Foundation
import MatchServer

/// `match serve`: the office server (see MatchServer).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the office's web pages and JSON API from a data folder.")

    @Option(help: "Folder of the office's database (created on first start).") var data: String
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port).") var port = 8080
    @Flag(help: "Behind the office's HTTPS reverse proxy: take client addresses from X-Forwarded-For, mark cookies Secure.")
    var behindProxy = false
    @Option(help: "Threads for the solver (default: all cores but one, left to answer requests).")
    var solverThreads: Int?
    @Option(help: "On first start (no user yet): create this administrator and print a generated password.")
    var firstAdmin: String?
    @Option(help: "On first start (no round yet): load households.csv, helpers.csv and policy.yaml from this folder as a round.")
    var sample: String?

    func run() throws {
        var settings = ServerSettings(dataDirectory: data)
        settings.host = host
        settings.port = port
        settings.trustForwardedFor = behindProxy
        settings.secureCookies = behindProxy
        if let solverThreads { settings.solverThreads = max(1, solverThreads) }
        if let name = firstAdmin, let password = try OfficeSetup.firstAdministrator(dataDirectory: data, name: name) {
            say("first administrator: \(name)\npassword (shown once): \(password)")
        }
        let (data, sample, configured) = (data, sample, settings)
        try blocking {
            if let sample, let id = try await OfficeSetup.loadSample(dataDirectory: data, folder: sample, name: "示例 sample round") {
                say("loaded \(sample) as round \(id)")
            }
            let app = try buildApplication(configured) { address in say("serving on \(address)") }
            // Interrupts are handled by InterruptGuard (SQLite keeps every committed change).
            try await app.runService(gracefulShutdownSignals: [])
        }
    }
}

/// A line on standard output, written at once (scripts wait for these lines).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Runs async work from a synchronous command and waits for it.
func blocking(_ work: @escaping @Sendable () async throws -> Void) throws {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var failure: Error?
    Task {
        do { try await work() } catch { failure = error }
        done.signal()
    }
    done.wait()
    if let failure { throw failure }
}
