import ArgumentParser

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate")
    func run() throws { throw ValidationError("not yet built") }
}
