import Foundation

/// The terminal report of a what-if: what changed and the before/after figures. Households
/// are named by id only (no personal data on the terminal).
public enum WhatIfText {
    public static func render(_ outcome: WhatIf.Outcome, movedShown: Int = 10) -> String {
        let diff = outcome.diff, s = outcome.summary
        var lines: [String] = []
        func counted(_ change: PlanDiff.Change, _ label: String) {
            let entries = diff.entries.filter { $0.change == change }
            var why: [PlanDiff.Reason: Int] = [:]
            for e in entries where e.reason != .unchanged && e.reason != .leftRoll { why[e.reason, default: 0] += 1 }
            let detail = why.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
                .map { "\($0.key.english) \($0.value)" }.joined(separator: "; ")
            lines.append(pad(label, 16) + String(entries.count) + (detail.isEmpty ? "" : "  (\(detail))"))
        }
        counted(.kept, "kept")
        counted(.moved, "moved")
        counted(.newlyPaired, "newly paired")
        counted(.newlyUnpaired, "newly unpaired")
        counted(.leftRoll, "left the roll")
        lines.append("")
        lines.append(pad("", 16) + "before → after")
        func figure(_ label: String, _ a: Int, _ b: Int) {
            let delta = b - a
            lines.append(pad(label, 16) + "\(a) → \(b)" + (delta == 0 ? "" : "  (\(delta > 0 ? "+" : "")\(delta))"))
        }
        figure("pairs", diff.before.pairs, diff.after.pairs)
        figure("unpaired", diff.before.unpaired, diff.after.unpaired)
        figure("plan cost", diff.before.planCost, diff.after.planCost)
        figure("unmet need", diff.before.unmetNeed, diff.after.unmetNeed)
        lines.append(pad("objective", 16) + "\(s.objective) with keep bonus \(outcome.model.policy.keepBonus) per kept pair; bound \(s.bound) (gap \(String(format: "%.1f", s.gap * 100))%; proven optimal by dual prices)")
        let streets = Set(diff.before.streets.keys).union(diff.after.streets.keys).sorted().compactMap { key -> (String, Double, Double, String)? in
            let a = diff.before.streets[key] ?? (0, 0), b = diff.after.streets[key] ?? (0, 0)
            guard a.paired != b.paired || a.households != b.households else { return nil }
            let ca = a.households == 0 ? 0 : Double(a.paired) / Double(a.households)
            let cb = b.households == 0 ? 0 : Double(b.paired) / Double(b.households)
            return (key, ca, cb, "\(a.paired)/\(a.households) \(percent(ca)) → \(b.paired)/\(b.households) \(percent(cb))")
        }.sorted { abs($0.2 - $0.1) > abs($1.2 - $1.1) || (abs($0.2 - $0.1) == abs($1.2 - $1.1) && $0.0 < $1.0) }
        if !streets.isEmpty {
            lines.append("coverage changed in \(streets.count) street\(streets.count == 1 ? "" : "s"):")
            for street in streets.prefix(10) { lines.append("  \(street.0)  \(street.3)") }
        }
        let moved = diff.entries.filter { $0.change == .moved || $0.change == .newlyUnpaired }
        if !moved.isEmpty {
            lines.append("moved or unpaired (first \(min(movedShown, moved.count)) of \(moved.count); all in diff.csv):")
            for e in moved.prefix(movedShown) {
                lines.append("  \(e.household): \(e.fromHelper ?? "-") → \(e.toHelper ?? "unpaired")  (\(e.reason.english))")
            }
        }
        lines.append(pad("seconds", 16) + String(format: "%.2f", s.seconds))
        if outcome.written.isEmpty {
            lines.append("dry run: nothing written (add --out DIR to write pairs.csv, unpaired.csv, diff.csv and summary.json)")
        } else {
            lines.append("wrote " + outcome.written.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    static func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(1, width - s.count)) }
    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
}
