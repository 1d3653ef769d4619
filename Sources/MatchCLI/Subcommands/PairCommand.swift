import ArgumentParser

struct PairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pair")
    func run() throws { throw ValidationError("not yet built") }
}
