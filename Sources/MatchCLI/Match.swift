import ArgumentParser
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

    /// Interrupts (Ctrl-C, SIGTERM) end the run cleanly: see ``InterruptGuard``.
    static func main() {
        InterruptGuard.install()
        main(nil)
    }
}
