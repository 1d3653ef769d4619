import Foundation

/// The short summary printed on the terminal after a pairing.
public enum SummaryText {
    public static func render(
        _ s: PlanSummary, out: String, certificate: String?, format: Presentation.Format = .csv
    ) -> String {
        func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
        var lines = [
            "pairs      \(s.pairs) of \(s.households) households (\(s.locked) locked)",
            "unpaired   \(s.unpaired)",
            "objective  \(s.objective)",
            "bound      \(s.bound)  (gap \(pct(s.gap)); \(s.gap > 0 ? (s.certificateVerified ? "not proven optimal; the bound is proven by dual prices" : "not proven optimal") : s.certificateVerified ? "proven optimal by dual prices" : "proven optimal: the bound meets the plan"))",
            "solver     \(s.solver): \(s.solverReason)",
            "seconds    \(String(format: "%.2f", s.seconds))",
        ]
        if !s.sideConstraints.isEmpty {
            lines.append("side constraints NOT met (\(s.sideConstraints.count)):")
            lines += s.sideConstraints.prefix(10).map { "  " + $0 }
        }
        let lowest = s.coverageByStreet.prefix(5)
        if !lowest.isEmpty {
            lines.append("lowest coverage:")
            for c in lowest {
                lines.append("  \(c.district) \(c.street)  \(c.paired)/\(c.households)  \(pct(c.coverage))")
            }
        }
        let ext = format.rawValue
        lines.append("wrote \(out)/pairs.\(ext), \(out)/unpaired.\(ext), \(out)/summary.json" + (certificate.map { ", \($0)" } ?? ""))
        return lines.joined(separator: "\n")
    }
}

extension YearlyPairing.Outcome {
    /// What `match pair` prints: the summary, then the extra files written.
    public func text(_ options: YearlyPairing.Options) -> String {
        let out = options.outputDirectory
        let presentation = options.presentation
        let extra = (options.publicNotice ? [presentation.fileName(.publicNotice)] : []) + (options.report ? ["report.html"] : [])
        return SummaryText.render(summary, out: out, certificate: options.certificate, format: presentation.format)
            + (extra.isEmpty ? "" : "\nwrote " + extra.map { out + "/" + $0 }.joined(separator: ", "))
    }
}
