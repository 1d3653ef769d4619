/// The one input stage of every command that reads a roll (`pair`, `validate`, `whatif`,
/// `report`, `export`): everything such a command reads, read and checked the same way, so
/// that a check added here holds for all of them and a new command cannot skip one.
///
/// In order, each step stopping the run with every problem it found:
/// 1. the memory budget for reading, from the files' sizes (``RunSize/reading(households:helpers:)``);
/// 2. a policy file that is not text at all (a workbook, a PDF: ``InputFileKind``; table files
///    name such formats themselves as they are read, and read workbooks, ``InputFormat``);
/// 3. the roll (encoding named or detected), the policy, and a what-if's baseline, read at
///    once on two threads;
/// 4. the policy against the roll: every weight must name a need dimension of the
///    households file;
/// 5. a what-if's changes applied to the roll;
/// 6. previous plan, locks and forbids against the roll and policy, and the cost model
///    (``PairingRules/load(roll:policy:previous:locks:forbids:encoding:policyFile:)``);
/// 7. an existing plan (report, export) against the roll (and the policy);
/// 8. the output files (``RunOutputs/check()``): format, and nothing replaced without `--force`;
/// 9. the memory budget for solving, from the roll's counts (``RunSize/solving(households:helpers:)``).
public struct RunInputs: Sendable {
    /// The plan file a command reads besides the roll, and what it is for.
    public enum Plan: Sendable {
        /// `pair`, `validate`: last year's plan (optional); households keeping their helper
        /// earn the keep bonus.
        case previous(String?)
        /// `whatif`: the baseline plan (read by id, before the roll is changed) and the
        /// changes made to the roll since.
        case baseline(String, changes: RollChanges)
        /// `report`, `export`: a plan to read back (ids known, no household twice, no helper
        /// over capacity); with `policyChecked`, every pair must also be allowed by the policy.
        case existing(pairs: String, previous: String?, policyChecked: Bool)
    }

    /// The roll as its files give it.
    public var roll: Roll
    /// The roll the run pairs: `roll` after a what-if's changes, otherwise `roll` itself.
    public var changedRoll: Roll
    /// The policy as read (defaults for what the file does not set).
    public var policy: Policy
    /// Previous plan, locks and forbids, resolved against `changedRoll`.
    public var rules: PairingRules
    /// The cost model of `changedRoll` (for a what-if, without any keep bonus).
    public var model: CostModel
    /// A what-if's baseline pairs, by id (empty otherwise).
    public var baseline: [PairListReader.IdPair]
    /// An existing plan's helper of each household (-1 unpaired), for `.existing`.
    public var existingPlan: [Int32]?

    /// Reads and checks everything (see the steps above); throws every problem found. Writes
    /// nothing.
    public static func load(_ files: RollInputs, plan: Plan, outputs: RunOutputs) throws(YearlyPairing.Failure) -> RunInputs {
        let budget = files.memoryBudget ?? .standard()
        do throws(ScaleLimitExceeded) {
            try budget.check(RunSize.reading(households: files.households, helpers: files.helpers))
        } catch {
            throw .tooLarge(error)
        }
        let foreign = InputFileKind.problems(policy: files.policy)
        if !foreign.isEmpty { throw .input(InputProblems(foreign)) }

        let read = readFiles(files, plan)
        if !read.problems.isEmpty { throw .input(InputProblems(read.problems)) }
        let roll = read.roll, policy = read.policy
        if let unknown = policy.weights.keys.sorted().first(where: { !roll.dimensions.names.contains($0) }) {
            throw .input(InputProblems([InputProblem(
                file: files.policyFile, .invalidValue(key: "weights.\(unknown)", expected: "a need dimension of the households file"))]))
        }

        var changedRoll = roll
        var modelPolicy = policy
        var previous: String?
        switch plan {
        case .previous(let path): previous = path
        case .existing(_, let path, _): previous = path
        case .baseline(_, let changes):
            do { changedRoll = try roll.applying(changes) } catch { throw .input(error) }
            // The what-if prices baseline pairs itself (WhatIf.solve); this model has no bonus.
            modelPolicy.keepBonus = 0
        }
        let rules: PairingRules, model: CostModel
        do {
            (rules, model) = try PairingRules.load(
                roll: changedRoll, policy: modelPolicy, previous: previous, locks: files.locks, forbids: files.forbids,
                encoding: files.encoding, policyFile: files.policyFile)
        } catch {
            throw .input(error.locatingOverflow(policy: files.policy))
        }

        var existingPlan: [Int32]?
        if case .existing(let pairs, _, let policyChecked) = plan {
            do {
                existingPlan = try ExistingPlan.read(
                    pairs: pairs, roll: roll, model: policyChecked ? model : nil, encoding: files.encoding)
            } catch {
                throw .input(error)
            }
        }

        try outputs.check()
        do throws(ScaleLimitExceeded) {
            try budget.check(RunSize.solving(households: changedRoll.households.count, helpers: changedRoll.helpers.count))
        } catch {
            throw .tooLarge(error)
        }
        return RunInputs(
            roll: roll, changedRoll: changedRoll, policy: policy, rules: rules, model: model, baseline: read.baseline,
            existingPlan: existingPlan)
    }

    /// What the two reading threads bring back.
    struct ReadFiles: Sendable {
        var roll = Roll(places: Places(), dimensions: NeedDimensions(), households: Households(), helpers: Helpers())
        var baseline: [PairListReader.IdPair] = []
        var policy = Policy()
        var problems: [InputProblem] = []
    }

    /// The roll on one thread; the policy and a what-if's baseline (read by id, so it needs
    /// no roll) on the other. Problems come roll first, then baseline, then policy.
    static func readFiles(_ files: RollInputs, _ plan: Plan) -> ReadFiles {
        let parts = parallelChunks(total: 2, chunks: 2) { part -> ReadFiles in
            var read = ReadFiles()
            if part.lowerBound == 0 {
                do throws(InputProblems) {
                    read.roll = try RollReader.read(households: files.households, helpers: files.helpers, encoding: files.encoding)
                } catch { read.problems = error.problems }
            } else {
                if case .baseline(let path, _) = plan {
                    read.baseline = PairListReader.readIds(path: path, encoding: files.encoding, problems: &read.problems)
                }
                if let path = files.policy {
                    do throws(InputProblems) { read.policy = try PolicyReader.read(path: path) } catch { read.problems += error.problems }
                }
            }
            return read
        }
        var read = parts[0]
        read.baseline = parts[1].baseline
        read.policy = parts[1].policy
        read.problems += parts[1].problems
        return read
    }
}
