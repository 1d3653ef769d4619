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
    public struct Options: Sendable {
        public var households: String
        public var helpers: String
        public var baseline: String
        public var policy: String?
        public var locks: String?
        public var forbids: String?
        public var encoding: TextEncoding?
        public var changes = RollChanges()
        /// nil: a dry run that writes nothing.
        public var outputDirectory: String?
        public var presentation = Presentation()
        /// Also write report.html: the before/after page.
        public var report = false
        public var force = false

        public init(households: String, helpers: String, baseline: String) {
            self.households = households
            self.helpers = helpers
            self.baseline = baseline
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
        // The roll on one thread, the baseline and the policy on the other.
        let read = parallelChunks(total: 2, chunks: 2) { part -> Inputs in
            var inputs = Inputs()
            if part.lowerBound == 0 {
                do throws(InputProblems) {
                    inputs.roll = try RollReader.read(households: options.households, helpers: options.helpers, encoding: options.encoding)
                } catch { inputs.problems = error.problems }
            } else {
                inputs.baseline = PairListReader.readIds(path: options.baseline, encoding: options.encoding, problems: &inputs.problems)
                if let path = options.policy {
                    do throws(InputProblems) { inputs.policy = try PolicyReader.read(path: path) } catch { inputs.problems += error.problems }
                }
            }
            return inputs
        }
        let problems = read[0].problems + read[1].problems
        if !problems.isEmpty { throw .input(InputProblems(problems)) }
        let roll = read[0].roll, baseline = read[1].baseline, policy = read[1].policy
        if policy.hasSideConstraints {
            throw .unsupported("what-if re-pairing does not take coverage or org_spread rules yet; remove them from the policy")
        }
        let changed: Roll
        do { changed = try roll.applying(options.changes) } catch { throw .input(error) }

        let plain: CostModel, rules: PairingRules
        do {
            var noBonus = policy
            noBonus.keepBonus = 0
            (rules, plain) = try PairingRules.load(
                roll: changed, policy: noBonus, previous: nil, locks: options.locks, forbids: options.forbids,
                encoding: options.encoding, policyFile: options.policy ?? "policy")
        } catch { throw .input(error) }
        if let out = options.outputDirectory, !options.force {
            let existing = (outputNames(options.presentation) + (options.report ? ["report.html"] : [])).map { out + "/" + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
            if !existing.isEmpty { throw .wouldReplace(existing) }
        }
        let (model, result, diff) = try solve(
            before: roll, changed: changed, policy: policy, baseline: baseline, rules: rules, plain: plain,
            policyFile: options.policy ?? "policy")
        let seconds = (clock.now - start).inSeconds
        var summary = PlanSummary(
            model: model, result: result, solver: "hungarian",
            solverReason: "what-if: baseline pairs carry a keep bonus of \(model.policy.keepBonus); Hungarian method with pricing over all eligible pairs",
            seconds: seconds, certificateVerified: true)
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
        plain: CostModel, policyFile: String = "policy"
    ) throws(YearlyPairing.Failure) -> (CostModel, PairingResult, PlanDiff) {
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
        let fixed = policy.whatIfKeepBonus == nil ? keptForSure(model, locked: rules.lockedHelper) : rules.lockedHelper
        var result = PairingSolver().solve(model, lockedHelper: fixed)
        let proof = PairingCertificate.problems(model, result)
        if !proof.isEmpty { throw .unproven(proof) }
        // Fixed baseline pairs are kept pairs, not locks, in every report.
        result.locked = rules.lockedHelper.map { $0 >= 0 }
        let diff = PlanDiff(before: before, baseline: baseline, after: model, result: result, plain: plain)
        return (model, result, diff)
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

    /// What the two reading threads bring back.
    struct Inputs: Sendable {
        var roll = Roll(places: Places(), dimensions: NeedDimensions(), households: Households(), helpers: Helpers())
        var baseline: [PairListReader.IdPair] = []
        var policy = Policy()
        var problems: [InputProblem] = []
    }

    /// Every file a what-if may write.
    static func outputNames(_ p: Presentation) -> [String] {
        [p.fileName(.pairs), p.fileName(.unpaired), "summary.json", p.fileName(.changes)]
    }
}

extension WhatIf.Options {
    /// The input files of the what-if in a fixed order, each with its digest.
    public func inputRecords() -> [InputRecord] {
        let files: [(String, String?)] = [
            ("households", households), ("helpers", helpers), ("baseline", baseline), ("policy", policy),
            ("locks", locks), ("forbids", forbids),
        ]
        return InputRecord.records(files)
    }
}
