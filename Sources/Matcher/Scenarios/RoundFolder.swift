import Foundation

/// A round's inputs held in memory (``RoundPairing/Inputs``) laid as files in a private
/// temporary folder, so that the file-based pipeline (``YearlyPairing/load(_:)``,
/// ``WhatIf/run(_:)``) reads them exactly as `match pair` would; problems are renamed back to
/// the names the office knows the files by. The folder goes with ``remove()``.
struct RoundFolder {
    let path: String
    private(set) var inputs: RollInputs
    /// The previous plan's pairs file (only pairs whose household and helper are on the roll).
    private(set) var previous: String?
    private var names: [String: String] = [:]

    init(_ round: RoundPairing.Inputs) throws(YearlyPairing.Failure) {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("match-round-\(UUID().uuidString)").path
        inputs = RollInputs(households: path + "/households.csv", helpers: path + "/helpers.csv")
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .unsupported("cannot make a temporary folder for the round: \(error.localizedDescription)")
        }
        do {
            inputs.households = try add(round.households.bytes, as: "households.csv", named: round.households.name)
            inputs.helpers = try add(round.helpers.bytes, as: "helpers.csv", named: round.helpers.name)
            if let policy = round.policy { inputs.policy = try add(policy.bytes, as: "policy.yaml", named: policy.name) }
            if !round.locks.isEmpty { inputs.locks = try add(Self.csv(round.locks), as: "locks.csv", named: "locks") }
            if !round.forbids.isEmpty { inputs.forbids = try add(Self.csv(round.forbids), as: "forbids.csv", named: "forbids") }
            let onRoll = try Self.onRoll(round.previous, round)
            if !onRoll.isEmpty { previous = try add(Self.csv(onRoll), as: "previous.csv", named: "previous") }
        } catch {
            remove()
            throw error
        }
    }

    /// Lays `bytes` as one more file of the folder, reported as `name`.
    mutating func add(_ bytes: [UInt8], as file: String, named name: String) throws(YearlyPairing.Failure) -> String {
        let path = path + "/" + file
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw .unsupported("cannot write a temporary file for the round")
        }
        names[path] = name
        return path
    }

    /// The name the office knows the file at `path` by (`path` itself for any other file).
    func name(of path: String) -> String { names[path] ?? path }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// `failure` with its problems' files named as the office knows them.
    func renamed(_ failure: YearlyPairing.Failure) -> YearlyPairing.Failure {
        guard case .input(let problems) = failure else { return failure }
        return .input(InputProblems(problems.problems.map { p in
            var p = p
            p.file = name(of: p.file)
            return p
        }))
    }

    static func csv(_ pairs: [RoundPairing.Pair]) -> [UInt8] {
        var writer = CSVWriter(byteOrderMark: false)
        writer.row(["household_id", "helper_id"])
        for pair in pairs { writer.row([pair.household, pair.helper]) }
        return writer.data
    }

    /// The pairs whose household and helper are both on the round's roll.
    private static func onRoll(_ pairs: [RoundPairing.Pair], _ inputs: RoundPairing.Inputs) throws(YearlyPairing.Failure)
        -> [RoundPairing.Pair]
    {
        guard !pairs.isEmpty else { return [] }
        let roll: Roll
        do {
            roll = try RollReader.parse(
                households: inputs.households.bytes, helpers: inputs.helpers.bytes,
                householdsFile: inputs.households.name, helpersFile: inputs.helpers.name)
        } catch {
            throw .input(error)
        }
        let households = Set(roll.households.ids), helpers = Set(roll.helpers.ids)
        return pairs.filter { households.contains($0.household) && helpers.contains($0.helper) }
    }
}

extension RoundPairing {
    /// The rules and cost model of a round, read and checked as `match pair` does (the
    /// model a solve of these inputs prices its pairs with), without solving.
    public static func model(_ inputs: Inputs) throws(YearlyPairing.Failure) -> (PairingRules, CostModel) {
        let folder = try RoundFolder(inputs)
        defer { folder.remove() }
        var options = YearlyPairing.Options(inputs: folder.inputs, outputDirectory: folder.path + "/out")
        options.previous = folder.previous
        do {
            return try YearlyPairing.load(options)
        } catch {
            throw folder.renamed(error)
        }
    }
}
