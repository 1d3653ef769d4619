/// The pair-level rules of one run, from the `--previous`, `--lock` and `--forbid` files,
/// checked against the roll and the policy.
public struct PairingRules: Sendable {
    /// Previous helper of each household (-1 none).
    public var previousHelper: [Int32]
    /// Locked helper of each household (-1 none).
    public var lockedHelper: [Int32]
    /// Forbidden pairs as `h × helperCount + g`.
    public var forbidden: Set<Int>

    public static func none(_ roll: Roll) -> PairingRules {
        PairingRules(
            previousHelper: Array(repeating: -1, count: roll.households.count),
            lockedHelper: Array(repeating: -1, count: roll.households.count), forbidden: [])
    }

    public init(previousHelper: [Int32], lockedHelper: [Int32], forbidden: Set<Int>) {
        self.previousHelper = previousHelper
        self.lockedHelper = lockedHelper
        self.forbidden = forbidden
    }

    /// Reads the rule files and builds the cost model; throws every problem found.
    public static func load(
        roll: Roll, policy: Policy, previous: String?, locks: String?, forbids: String?,
        encoding: TextEncoding?, policyFile: String = "policy"
    ) throws(InputProblems) -> (PairingRules, CostModel) {
        var problems: [InputProblem] = []
        var rules = PairingRules.none(roll)
        let anyFile = previous != nil || locks != nil || forbids != nil
        let hIndex = anyFile ? roll.householdIndex() : [:], gIndex = anyFile ? roll.helperIndex() : [:]
        func read(_ path: String?) -> [PairListReader.Entry] {
            guard let path else { return [] }
            return PairListReader.read(
                path: path, roll: roll, householdIndex: hIndex, helperIndex: gIndex,
                encoding: encoding, problems: &problems)
        }
        for e in read(previous) { rules.previousHelper[e.household] = Int32(e.helper) }
        let helperCount = roll.helpers.count
        for e in read(forbids) { rules.forbidden.insert(e.household * helperCount + e.helper) }
        let lockEntries = read(locks)
        let model: CostModel
        do {
            model = try CostModel(
                roll: roll, policy: policy, previousHelper: rules.previousHelper,
                forbidden: rules.forbidden, policyFile: policyFile)
        } catch {
            throw InputProblems(problems + [error])
        }
        var lockLine = [Int: Int]()
        var lockLinesOfHelper = [Int: [(line: Int, column: Int?)]]()
        let lockFile = locks ?? "locks"
        let lockSheet = lockEntries.first?.sheet
        for e in lockEntries {
            // Problems of the pair point at its helper_id; a second lock at its household_id.
            let at = { (kind: InputProblem.Kind) in InputProblem(file: lockFile, sheet: e.sheet, line: e.line, column: e.helperColumn, kind) }
            if let first = lockLine[e.household] {
                problems.append(InputProblem(file: lockFile, sheet: e.sheet, line: e.line, column: e.householdColumn, .lockedTwice(firstLine: first)))
                continue
            }
            if model.isForbidden(e.household, e.helper) {
                problems.append(at(.lockForbidden))
                continue
            }
            if let reason = model.ineligibility(e.household, e.helper) {
                problems.append(at(.lockIneligible(reason: reason)))
                continue
            }
            lockLine[e.household] = e.line
            lockLinesOfHelper[e.helper, default: []].append((e.line, e.helperColumn))
            rules.lockedHelper[e.household] = Int32(e.helper)
        }
        for (g, lines) in lockLinesOfHelper.sorted(by: { $0.key < $1.key }) {
            let capacity = Int(roll.helpers.capacity[g])
            if lines.count > capacity {
                // Reported at the first lock the helper has no room for.
                problems.append(InputProblem(
                    file: lockFile, sheet: lockSheet, line: lines[capacity].line, column: lines[capacity].column,
                    .locksOverCapacity(capacity: capacity, locks: lines.count)))
            }
        }
        if !problems.isEmpty { throw InputProblems(problems) }
        return (rules, model)
    }
}
