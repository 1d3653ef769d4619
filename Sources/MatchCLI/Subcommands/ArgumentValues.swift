import ArgumentParser
import Matcher

// The library's choices as typed option values: the parser checks them, lists them in
// `--help`, and refuses anything else with the accepted values. The library stays free of
// the argument parser; these conformances are the only place that names both.

extension TextEncoding: ExpressibleByArgument {
    /// Case-insensitive: `UTF-8`, `utf-8`, `GB18030`; `gbk` and `gb2312`, which GB18030
    /// contains, read as GB18030.
    public init?(argument: String) {
        let name = argument.lowercased()
        self.init(rawValue: ["gbk", "gb2312"].contains(name) ? "gb18030" : name)
    }
}

extension Presentation.Language: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension SolverChoice: ExpressibleByArgument {}
extension Preset: ExpressibleByArgument {}
extension PlaceExport.Level: ExpressibleByArgument {}
extension AssignmentFileSolving.Solver: ExpressibleByArgument {}

/// `--capacity ID=N`: a helper's new capacity in a what-if.
struct CapacityArgument: ExpressibleByArgument {
    var id: String
    var capacity: Int

    /// `ID=N` with N a whole number ≥ 0 (the id may itself contain `=`: the last one splits).
    init?(argument: String) {
        guard let eq = argument.lastIndex(of: "="), let n = Int(argument[argument.index(after: eq)...]), n >= 0
        else { return nil }
        id = String(argument[..<eq])
        capacity = n
        if id.isEmpty { return nil }
    }
}
