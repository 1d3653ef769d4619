import ArgumentParser
import Foundation
import Matcher

@main
struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "结对 Matcher — pairs households on the minimum-living-allowance roll with helpers.",
        version: MatcherVersion.string,
        subcommands: [
            PairCommand.self, WhatIfCommand.self, ValidateCommand.self, ReportCommand.self, ExportCommand.self,
            GenerateCommand.self, SolveCommand.self,
            ServeCommand.self,
            UserCommand.self,
            BackupCommand.self,
        ]
    )

    /// Parses, validates and runs the subcommand. The one error path: a library failure
    /// (``CommandFailure``) is printed as it is, on standard error, and sets the exit status;
    /// a usage error goes to the argument parser, which prints it with the usage line.
    /// Interrupts (Ctrl-C, SIGTERM) end the run cleanly: see ``InterruptGuard``.
    static func main() {
        InterruptGuard.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("\(failure)\n".utf8))
            Foundation.exit(failure.exitStatus)
        } catch {
            exit(withError: error)
        }
    }
}
