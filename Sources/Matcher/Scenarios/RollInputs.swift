/// The roll files that every command reading a roll takes — households, helpers, and the
/// optional policy, lock and forbid files — with how to read them. `pair`, `whatif`,
/// `validate`, `report` and `export` all carry one, and all read it through
/// ``RunInputs/load(_:plan:outputs:)``.
public struct RollInputs: Sendable, Equatable {
    public var households: String
    public var helpers: String
    /// The encoding of every input table (nil: detected per file).
    public var encoding: TextEncoding?
    /// YAML policy file (weights, distances, kind rules, side constraints).
    public var policy: String?
    /// CSV of pairs that must be made.
    public var locks: String?
    /// CSV of pairs that must never be made.
    public var forbids: String?
    /// Memory the run may plan to use (nil: ``MemoryBudget/standard(environment:)``).
    public var memoryBudget: MemoryBudget?

    public init(households: String, helpers: String) {
        self.households = households
        self.helpers = helpers
    }

    /// The policy file's name in messages ("policy" when there is none).
    var policyFile: String { policy ?? "policy" }
}

/// Options of a command that reads a roll: their ``RollInputs`` read and written as if they
/// were the options' own (`options.policy`, `options.encoding = .gb18030`), one forwarding
/// for every such options type instead of a property per file in each.
@dynamicMemberLookup
public protocol RollInputOptions {
    var inputs: RollInputs { get set }
}

extension RollInputOptions {
    public subscript<Value>(dynamicMember path: WritableKeyPath<RollInputs, Value>) -> Value {
        get { inputs[keyPath: path] }
        set { inputs[keyPath: path] = newValue }
    }
}
