import Foundation

/// `match whatif`: re-pair after a change, keeping what works.
///
/// The baseline's pairs that still exist carry a keep bonus (`whatif_keep_bonus`). Its default,
/// "auto", is 2·C + 1 with C the largest cost of any pair or unpaired option. Then no optimal
/// plan drops a baseline pair that is still possible (helper present with room for its
/// baseline pairs and the locks, pair eligible and not forbidden): putting the household back
/// — evicting, if the helper is full, one household that is not its baseline pair — loses at
/// most C + C and gains the bonus. So those pairs are fixed before solving, and only the
/// households the change forces out, the new ones and the unpaired compete for the free
/// places: the work follows the change, not the city, and the optimum is the cold solve's.
/// With a number instead of "auto" nothing is fixed and the whole roll is solved; a smaller
/// bonus lets the plan drift towards the fresh optimum, moving more pairs.
public enum WhatIf {
    public struct Options: Sendable, RollInputOptions {
        /// The roll, policy and rule files (shared with every command that reads a roll).
        public var inputs: RollInputs
        /// The baseline plan's pairs file.
        public var baseline: String
        public var changes = RollChanges()
        /// nil: a dry run that writes nothing.
        public var outputDirectory: String?
        public var presentation = Presentation()
        /// Also write report.html: the before/after page.
        public var report = false
        public var force = false
        /// Seconds for a solve with org_spread (the others are exact and need no limit).
        public var timeLimit = 60.0

        public init(inputs: RollInputs, baseline: String) {
            self.inputs = inputs
            self.baseline = baseline
        }

        public init(households: String, helpers: String, baseline: String) {
            self.init(inputs: RollInputs(households: households, helpers: helpers), baseline: baseline)
        }

        // The input files by name (households, policy, …) come through ``RollInputOptions``.

        /// Every file the run may write (none for a dry run).
        public var outputPaths: [String] {
            guard let outputDirectory else { return [] }
            let p = presentation
            let names = [p.fileName(.pairs), p.fileName(.unpaired), "summary.json", p.fileName(.changes)] + (report ? ["report.html"] : [])
            return names.map { outputDirectory + "/" + $0 }
        }
    }

    public struct Outcome: Sendable {
        public var model: CostModel
        public var result: PairingResult
        public var summary: PlanSummary
        public var diff: PlanDiff
        public var written: [String]
    }

    /// Reads, changes, re-pairs, compares and (with an output directory) writes.
    public static func run(_ options: Options) throws(YearlyPairing.Failure) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        let inputs = try RunInputs.load(
            options.inputs, plan: .baseline(options.baseline, changes: options.changes),
            outputs: RunOutputs(paths: options.outputPaths, force: options.force, format: options.presentation.format))
        let roll = inputs.roll, changed = inputs.changedRoll, policy = inputs.policy
        let baseline = inputs.baseline, rules = inputs.rules, plain = inputs.model
        let (model, solved, diff) = try solvePlan(
            before: roll, changed: changed, policy: policy, baseline: baseline, rules: rules, plain: plain,
            policyFile: options.inputs.policyFile, timeLimit: options.timeLimit)
        let result = solved.result
        let seconds = (clock.now - start).inSeconds
        var summary = PlanSummary(
            model: model, result: result, solver: solved.solver.rawValue,
            solverReason: "what-if: baseline pairs carry a keep bonus of \(model.policy.keepBonus); " + solved.reason,
            seconds: seconds, certificateVerified: solved.certificateVerified)
        summary.inputs = options.inputRecords()
        summary.policy = Policy.effective(model)
        var written: [String] = []
        if let out = options.outputDirectory {
            let p = options.presentation
            let diffBytes: [UInt8]
            do { diffBytes = try p.file(diff.table(p), summary: diff.headlines(p)) } catch {
                throw .write(AtomicFile.WriteError(path: out, reason: error.description))
            }
            var extra = [(name: p.fileName(.changes), bytes: diffBytes)]
            if options.report, let page = comparisonPage(before: roll, plain: plain, result: result, diff: diff, options.presentation) {
                extra.append((name: "report.html", bytes: page))
            }
            do {
                // Every file renamed together, after all are written.
                try PlanWriter(model: model, result: result, presentation: options.presentation).write(
                    to: out, summary: summary, certificate: nil, extraFiles: extra)
            } catch { throw .write(error) }
            written = ([p.fileName(.pairs), p.fileName(.unpaired), "summary.json"] + extra.map(\.name)).map { out + "/" + $0 }
        }
        return Outcome(model: model, result: result, summary: summary, diff: diff, written: written)
    }

    /// The re-pairing itself, without files: `changed` is `before` after the changes, `rules`
    /// and `plain` (no keep bonus) come from `PairingRules.load` on `changed`.
    public static func solve(
        before: Roll, changed: Roll, policy: Policy, baseline: [PairListReader.IdPair], rules: PairingRules,
        plain: CostModel, policyFile: String = "policy", timeLimit: Double = 60
    ) throws(YearlyPairing.Failure) -> (CostModel, PairingResult, PlanDiff) {
        let (model, solved, diff) = try solvePlan(
            before: before, changed: changed, policy: policy, baseline: baseline, rules: rules, plain: plain,
            policyFile: policyFile, timeLimit: timeLimit)
        return (model, solved.result, diff)
    }

    /// ``solve(before:changed:policy:baseline:rules:plain:policyFile:timeLimit:)`` through the
    /// one solver pipeline, with what it says about the solve. Coverage and org_spread rules
    /// are honoured as in `match pair`; then only the user's locks are fixed (a baseline pair
    /// may have to give way to a quota elsewhere), otherwise also the baseline pairs no
    /// optimal plan can drop.
    static func solvePlan(
        before: Roll, changed: Roll, policy: Policy, baseline: [PairListReader.IdPair], rules: PairingRules,
        plain: CostModel, policyFile: String, timeLimit: Double
    ) throws(YearlyPairing.Failure) -> (CostModel, SolvedPlan, PlanDiff) {
        let hIndex = changed.householdIndex(), gIndex = changed.helperIndex()
        var previous = [Int32](repeating: -1, count: changed.households.count)
        for pair in baseline {
            if let h = hIndex[pair.household], let g = gIndex[pair.helper] { previous[h] = Int32(g) }
        }
        var bonusPolicy = policy
        bonusPolicy.keepBonus = policy.whatIfKeepBonus ?? (2 * plain.largestCost + 1)
        let model: CostModel
        do {
            model = try CostModel(
                roll: changed, policy: bonusPolicy, previousHelper: previous, forbidden: rules.forbidden,
                policyFile: policyFile)
        } catch { throw .input(InputProblems([error])) }
        let fixed = policy.whatIfKeepBonus == nil && !policy.hasSideConstraints
            ? keptForSure(model, locked: rules.lockedHelper) : rules.lockedHelper
        var solved = try SolverPipeline.run(
            model, lockedHelper: fixed, choice: .auto,
            settings: SolveSettings(threads: nil, timeLimit: timeLimit, mipGap: 0, control: nil, log: nil),
            certificateAsked: false)
        // Fixed baseline pairs are kept pairs, not locks, in every report.
        solved.result.locked = rules.lockedHelper.map { $0 >= 0 }
        let diff = PlanDiff(before: before, baseline: baseline, after: model, result: solved.result, plain: plain)
        return (model, solved, diff)
    }

    /// report.html of a what-if: the baseline and the new plan side by side, both priced
    /// without the keep bonus so that their costs compare.
    static func comparisonPage(
        before roll: Roll, plain: CostModel, result: PairingResult, diff: PlanDiff, _ presentation: Presentation
    ) -> [UInt8]? {
        guard let old = try? CostModel(roll: roll, policy: plain.policy) else { return nil }
        let before = ReportData(
            model: old, result: ExistingPlan.result(diff.baselineHelperOf, model: old), source: "baseline", provenOptimal: false)
        let after = ReportData(
            model: plain, result: ExistingPlan.result(result.helperOf, model: plain), source: "what-if", provenOptimal: false)
        return Array(ReportPage.comparison(before: before, after: after, language: presentation.language).utf8)
    }

    /// The user's locks plus every baseline pair no optimal plan can drop (see above).
    static func keptForSure(_ model: CostModel, locked: [Int32]) -> [Int32] {
        let roll = model.roll
        var load = [Int](repeating: 0, count: roll.helpers.count)
        for g in locked where g >= 0 { load[Int(g)] += 1 }
        var candidates: [Int] = []
        for h in 0..<roll.households.count where locked[h] < 0 {
            let g = Int(model.previousHelper[h])
            guard g >= 0, model.ineligibility(h, g) == nil, !model.isForbidden(h, g) else { continue }
            load[g] += 1
            candidates.append(h)
        }
        var fixed = locked
        for h in candidates {
            let g = Int(model.previousHelper[h])
            if load[g] <= Int(roll.helpers.capacity[g]) { fixed[h] = Int32(g) }
        }
        return fixed
    }
}

extension WhatIf.Options {
    /// The input files of the what-if in a fixed order, each with its digest.
    public func inputRecords() -> [InputRecord] {
        let files: [(String, String?)] = [
            ("households", inputs.households), ("helpers", inputs.helpers), ("baseline", baseline), ("policy", inputs.policy),
            ("locks", inputs.locks), ("forbids", inputs.forbids),
        ]
        return InputRecord.records(files)
    }
}
