import Foundation
import Matcher

/// The policy as a form: the weights per need, the distance and unpaired costs, a rule per
/// helper kind, up to three coverage rules and org_spread. The form's fields become the
/// YAML the API takes (``yaml(_:)``), which the library then checks like any policy file;
/// a stored policy fills the form (``fields(_:)``).
enum PolicyForm {
    static let coverageRows = 3
    static let levels = ["", "district", "street", "community"]

    /// The form's values for a policy (the defaults when the round has none).
    static func fields(_ policy: Policy, dimensions: [String]) -> [String: String] {
        var values: [String: String] = [
            "distance_penalty": String(policy.distancePenalty), "max_distance": String(policy.maxDistance),
            "unpaired_base": String(policy.unpairedBase), "keep_bonus": String(policy.keepBonus),
            "org_spread": policy.orgSpread.map(String.init) ?? "",
        ]
        for dimension in dimensions { values["weight_" + dimension] = String(policy.weights[dimension] ?? 1) }
        for kind in HelperKind.allCases {
            let rule = policy.kinds[kind.english]
            values["kind_\(kind.english)_min_severity"] = rule?.minSeverity.map(String.init) ?? "1"
            values["kind_\(kind.english)_max_distance"] = rule?.maxDistance.map(String.init) ?? ""
        }
        for (i, rule) in policy.coverage.prefix(coverageRows).enumerated() {
            values["coverage_\(i)_level"] = rule.level.rawValue
            values["coverage_\(i)_percent"] = Self.percent(rule.minFraction)
        }
        return values
    }

    /// The YAML of a sent form. Whole numbers go in as numbers; anything else goes in as a
    /// quoted string, so the library's check names the field and what it must be.
    static func yaml(_ form: FormBody, dimensions: [String]) -> String {
        var lines: [String] = []
        let weights = dimensions.map { "\($0): \(value(form["weight_" + $0] ?? "1"))" }
        lines.append("weights: {\(weights.joined(separator: ", "))}")
        for key in ["distance_penalty", "max_distance", "unpaired_base", "keep_bonus"] {
            if let v = form[key] { lines.append("\(key): \(value(v))") }
        }
        var kinds: [String] = []
        for kind in HelperKind.allCases {
            var parts: [String] = []
            if let v = form["kind_\(kind.english)_min_severity"], v != "1" { parts.append("min_severity: \(value(v))") }
            if let v = form["kind_\(kind.english)_max_distance"] { parts.append("max_distance: \(value(v))") }
            if !parts.isEmpty { kinds.append("  \(kind.english): {\(parts.joined(separator: ", "))}") }
        }
        if !kinds.isEmpty { lines.append("kinds:"); lines += kinds }
        var coverage: [String] = []
        for i in 0..<coverageRows {
            guard let level = form["coverage_\(i)_level"] else { continue }
            let percent = form["coverage_\(i)_percent"] ?? ""
            let fraction = Double(percent).map { String(format: "%g", $0 / 100) }
            coverage.append("  - {level: \(quoted(level)), min_fraction: \(fraction ?? quoted(percent))}")
        }
        if !coverage.isEmpty { lines.append("coverage:"); lines += coverage }
        if let v = form["org_spread"] { lines.append("org_spread: \(value(v))") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func value(_ text: String) -> String {
        Int(text) != nil ? text : quoted(text)
    }

    /// A YAML double-quoted scalar (JSON's string escapes are YAML's).
    private static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }

    static func percent(_ fraction: Double) -> String {
        String(format: "%g", (fraction * 1000).rounded() / 10)
    }
}
