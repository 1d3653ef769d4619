import ArgumentParser

struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "solve")
    func run() throws { throw ValidationError("not yet built") }
}
