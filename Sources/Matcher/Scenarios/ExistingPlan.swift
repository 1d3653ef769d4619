/// A plan read back from its pairs file (a pairs.csv of an earlier run, in English or
/// Chinese, or a list kept by hand): the helper of each household, checked against the roll.
public enum ExistingPlan {
    /// Reads `path` (columns household_id/户编号 and helper_id/帮扶人编号; others ignored)
    /// into the helper of each household (-1 unpaired). Problems, with line and column:
    /// ids not in the roll, a household paired twice, a helper over its capacity, and — when
    /// `model` is given — pairs its policy does not allow.
    ///
    /// - Complexity: O(r) for r rows, plus O(d) per row for the policy check.
    public static func read(
        pairs path: String, roll: Roll, model: CostModel?, encoding: TextEncoding?
    ) throws(InputProblems) -> [Int32] {
        var problems: [InputProblem] = []
        let entries = PairListReader.read(
            path: path, roll: roll, householdIndex: roll.householdIndex(), helperIndex: roll.helperIndex(),
            encoding: encoding, problems: &problems)
        var helperOf = [Int32](repeating: -1, count: roll.households.count)
        var lineOf: [Int: Int] = [:]
        var linesOfHelper: [Int: [Int]] = [:]
        let sheet = entries.first?.sheet
        for e in entries {
            if let first = lineOf[e.household] {
                problems.append(InputProblem(file: path, sheet: e.sheet, line: e.line, .pairedTwice(firstLine: first)))
                continue
            }
            if let model, let reason = model.ineligibility(e.household, e.helper) {
                problems.append(InputProblem(file: path, sheet: e.sheet, line: e.line, .pairNotAllowed(reason: reason)))
                continue
            }
            lineOf[e.household] = e.line
            linesOfHelper[e.helper, default: []].append(e.line)
            helperOf[e.household] = Int32(e.helper)
        }
        for (g, lines) in linesOfHelper.sorted(by: { $0.key < $1.key }) {
            let capacity = Int(roll.helpers.capacity[g])
            if lines.count > capacity {
                // Reported at the first pair the helper has no room for.
                problems.append(InputProblem(
                    file: path, sheet: sheet, line: lines[capacity], .planOverCapacity(capacity: capacity, pairs: lines.count)))
            }
        }
        if !problems.isEmpty { throw InputProblems(problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
        return helperOf
    }

    /// `helperOf` as a result: its objective under `model` (Σ pair costs + Σ unpaired costs),
    /// with `bound` as its proven lower bound (the objective itself when none is known).
    public static func result(_ helperOf: [Int32], model: CostModel, bound: Int? = nil) -> PairingResult {
        var objective = 0
        let n = model.roll.households.count
        for h in 0..<n {
            let g = Int(helperOf[h])
            objective += g >= 0 ? model.cost(h, g) : model.unpairedCost(h)
        }
        var residual = model.roll.helpers.capacity
        for g in helperOf where g >= 0 { residual[Int(g)] -= 1 }
        return PairingResult(
            helperOf: helperOf, locked: Array(repeating: false, count: n), objective: objective,
            bound: bound ?? objective, householdPrice: Array(repeating: nil, count: n),
            helperPrice: Array(repeating: 0, count: model.roll.helpers.count), residualCapacity: residual,
            lockedCost: 0, statistics: .init())
    }
}
