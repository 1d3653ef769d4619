import ArgumentParser
import Matcher

/// The roll files every command that reads a roll takes (pair, whatif, validate, report,
/// export): one option group, one library struct (``RollInputs``).
struct RollOptions: ParsableArguments {
    @Option(help: "households.csv (UTF-8 or GB18030; English or Chinese headers).")
    var households: String

    @Option(help: "helpers.csv.")
    var helpers: String

    @Option(help: "Input encoding (default: detect).")
    var encoding: TextEncoding?

    @Option(help: "YAML policy file (weights, distances, kind rules).")
    var policy: String?

    @Option(help: "CSV of household_id,helper_id pairs that must be made.")
    var lock: String?

    @Option(help: "CSV of household_id,helper_id pairs that must never be made.")
    var forbid: String?

    var inputs: RollInputs {
        var inputs = RollInputs(households: households, helpers: helpers)
        inputs.encoding = encoding
        inputs.policy = policy
        inputs.locks = lock
        inputs.forbids = forbid
        return inputs
    }
}
