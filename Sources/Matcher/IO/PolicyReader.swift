import Foundation
import Yams

/// Reads the YAML policy file of SPEC. Every key is optional; unknown keys, wrong types and
/// negative weights are errors with line and column.
public enum PolicyReader {
    public static func read(path: String) throws(InputProblems) -> Policy {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputProblems([InputProblem(file: path, .unreadable(reason: Table.reason(error)))])
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(InputProblems) -> Policy {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw InputProblems([syntaxProblem(error, file: file)])
        } catch {
            throw InputProblems([InputProblem(file: file, .yamlSyntax("\(error)"))])
        }
        var reader = Reader(file: file)
        let policy = reader.policy(root)
        if !reader.problems.isEmpty { throw InputProblems(reader.problems) }
        return policy
    }

    /// Line and column of the top-level `key` in the policy file at `path`, if it is there
    /// (for problems found after reading, such as costs that would overflow).
    public static func position(ofKey key: String, path: String) -> (line: Int, column: Int)? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let root = try? Yams.compose(yaml: text), let mapping = root.mapping else { return nil }
        guard let node = mapping.keys.first(where: { $0.string == key }), let mark = node.mark else { return nil }
        return (mark.line, mark.column)
    }

    private static func syntaxProblem(_ error: YamlError, file: String) -> InputProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            InputProblem(file: file, line: mark.line, column: mark.column, .yamlSyntax(problem))
        default:
            InputProblem(file: file, .yamlSyntax("\(error)"))
        }
    }

    private struct Reader {
        let file: String
        var problems: [InputProblem] = []

        mutating func fail(_ node: Node, _ kind: InputProblem.Kind) {
            problems.append(InputProblem(file: file, line: node.mark?.line, column: node.mark?.column, kind))
        }

        mutating func policy(_ root: Node?) -> Policy {
            var policy = Policy()
            guard let root else { return policy }  // an empty file: all defaults
            guard let mapping = root.mapping else {
                fail(root, .invalidValue(key: "policy", expected: "a mapping of keys to values"))
                return policy
            }
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? ""
                switch key {
                case "weights": policy.weights = weights(value)
                case "distance_penalty": policy.distancePenalty = integer(value, key, 0...1_000_000) ?? 1
                case "max_distance": policy.maxDistance = integer(value, key, 0...3) ?? 2
                case "unpaired_base": policy.unpairedBase = integer(value, key, 0...1_000_000_000) ?? 10
                case "keep_bonus": policy.keepBonus = integer(value, key, 0...1_000_000_000) ?? 2
                case "whatif_keep_bonus":
                    if value.string == "auto" { policy.whatIfKeepBonus = nil }
                    else { policy.whatIfKeepBonus = integer(value, key, 0...1_000_000_000) }
                case "kinds": policy.kinds = kinds(value)
                case "coverage": policy.coverage = coverage(value)
                case "org_spread": policy.orgSpread = integer(value, key, 1...1_000_000)
                default: fail(keyNode, .unknownKey(key))
                }
            }
            return policy
        }

        mutating func integer(_ node: Node, _ key: String, _ range: ClosedRange<Int>) -> Int? {
            guard let n = node.int, node.scalar != nil else {
                // Digits that do not fit in 64 bits are a number out of range, not a non-number.
                let text = node.scalar?.string ?? ""
                let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
                let tooLarge = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
                fail(node, .invalidValue(
                    key: key, expected: tooLarge ? "between \(range.lowerBound) and \(range.upperBound)" : "a whole number"))
                return nil
            }
            guard range.contains(n) else {
                fail(node, .invalidValue(key: key, expected: "between \(range.lowerBound) and \(range.upperBound)"))
                return nil
            }
            return n
        }

        mutating func weights(_ node: Node) -> [String: Int] {
            guard let mapping = node.mapping else {
                fail(node, .invalidValue(key: "weights", expected: "a mapping of need dimensions to whole numbers"))
                return [:]
            }
            var out: [String: Int] = [:]
            for (k, v) in mapping {
                let name = k.string ?? ""
                let dimension = NeedDimensions.chineseNames.first(where: { $0.value == name })?.key ?? name
                if let w = integer(v, "weights.\(name)", 0...1_000_000_000_000) { out[dimension] = w }
            }
            return out
        }

        mutating func kinds(_ node: Node) -> [String: Policy.KindRule] {
            guard let mapping = node.mapping else {
                fail(node, .invalidValue(key: "kinds", expected: "a mapping of helper kinds to rules"))
                return [:]
            }
            var out: [String: Policy.KindRule] = [:]
            for (k, v) in mapping {
                let name = k.string ?? ""
                guard let kind = HelperKind(name: name) else {
                    fail(k, .unknownKind(name))
                    continue
                }
                guard let rules = v.mapping else {
                    fail(v, .invalidValue(key: "kinds.\(name)", expected: "a mapping with min_severity and/or max_distance"))
                    continue
                }
                var rule = Policy.KindRule()
                for (rk, rv) in rules {
                    switch rk.string ?? "" {
                    case "min_severity": rule.minSeverity = integer(rv, "kinds.\(name).min_severity", 1...5)
                    case "max_distance": rule.maxDistance = integer(rv, "kinds.\(name).max_distance", 0...3)
                    default: fail(rk, .unknownKey("kinds.\(name).\(rk.string ?? "")"))
                    }
                }
                out[kind.english] = rule
            }
            return out
        }

        mutating func coverage(_ node: Node) -> [Policy.CoverageRule] {
            guard let sequence = node.sequence else {
                fail(node, .invalidValue(key: "coverage", expected: "a list of {level, min_fraction}"))
                return []
            }
            var out: [Policy.CoverageRule] = []
            for item in sequence {
                guard let fields = item.mapping else {
                    fail(item, .invalidValue(key: "coverage", expected: "a list of {level, min_fraction}"))
                    continue
                }
                var level: Policy.PlaceLevel? = nil
                var fraction: Double? = nil
                let problemsBefore = problems.count
                for (k, v) in fields {
                    switch k.string ?? "" {
                    case "level":
                        level = Policy.PlaceLevel(rawValue: v.string ?? "")
                        if level == nil { fail(v, .invalidValue(key: "coverage.level", expected: "district, street or community")) }
                    case "min_fraction":
                        if let f = v.float, (0...1).contains(f) { fraction = f } else {
                            fail(v, .invalidValue(key: "coverage.min_fraction", expected: "a number from 0 to 1"))
                        }
                    default: fail(k, .unknownKey("coverage.\(k.string ?? "")"))
                    }
                }
                if let level, let fraction { out.append(.init(level: level, minFraction: fraction)) }
                else if problems.count == problemsBefore {
                    fail(item, .invalidValue(key: "coverage", expected: "both level and min_fraction"))
                }
            }
            return out
        }
    }
}
