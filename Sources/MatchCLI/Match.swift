import ArgumentParser

@main
struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "结对 Matcher — pairs households on the minimum-living-allowance roll with helpers.",
        subcommands: [
            PairCommand.self, WhatIfCommand.self, ValidateCommand.self, ReportCommand.self, ExportCommand.self,
            GenerateCommand.self, SolveCommand.self,
        ]
    )
}
