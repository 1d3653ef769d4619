import Foundation

extension RoundPairing {
    /// A what-if on a round's inputs held in memory (the office server's): `inputs` are the
    /// round's files and rules, `baseline` its current plan's pairs, `changes` the helpers
    /// and households removed and the capacities changed, and `households` (when given) a
    /// replacement households file, for households joining the roll. Runs ``WhatIf/run(_:)``
    /// as `match whatif` does, writing nothing.
    public static func whatIf(
        _ inputs: Inputs, baseline: [Pair], changes: RollChanges, households: File? = nil
    ) throws(YearlyPairing.Failure) -> WhatIf.Outcome {
        var inputs = inputs
        if let households { inputs.households = households }
        inputs.previous = []
        var folder = try RoundFolder(inputs)
        defer { folder.remove() }
        let path = try folder.add(RoundFolder.csv(baseline), as: "baseline.csv", named: "baseline")
        var options = WhatIf.Options(inputs: folder.inputs, baseline: path)
        options.changes = changes
        do {
            return try WhatIf.run(options)
        } catch {
            throw folder.renamed(error)
        }
    }
}
