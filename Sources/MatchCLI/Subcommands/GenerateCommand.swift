import ArgumentParser
import Matcher

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write realistic synthetic households.csv and helpers.csv at district or city scale.")

    @Option(help: "xigang (a district: 4,601 households) or dalian (a city: about 52,000 households).")
    var preset: Preset

    @Option(help: "Random seed; the same seed gives the same files.")
    var seed: UInt64 = 1

    @Option(help: "Directory to write into.")
    var out: String

    @Option(help: "Multiply the preset's households and helpers (scale tests: dalian at 20 is about a million households).")
    var scale: Double = 1

    func validate() throws {
        if !(scale > 0 && scale <= 100) { throw ValidationError("--scale must be above 0 and at most 100") }
    }

    func run() throws {
        var generator = Generator(preset: preset, seed: seed)
        generator.scale = scale
        let (households, helpers) = try generator.write(to: out)
        print("wrote \(households)\nwrote \(helpers)")
    }
}
