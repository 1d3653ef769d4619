/// A what-if's changes to a roll, given as ids (`--remove-helper`, `--remove-household`,
/// `--capacity ID=N`). Households and helpers added or edited come in through the files.
public struct RollChanges: Sendable, Equatable {
    public var removedHelpers: [String] = []
    public var removedHouseholds: [String] = []
    public var capacity: [(id: String, capacity: Int)] = []

    public init() {}

    public var isEmpty: Bool { removedHelpers.isEmpty && removedHouseholds.isEmpty && capacity.isEmpty }

    public static func == (a: RollChanges, b: RollChanges) -> Bool {
        a.removedHelpers == b.removedHelpers && a.removedHouseholds == b.removedHouseholds
            && a.capacity.map(\.id) == b.capacity.map(\.id) && a.capacity.map(\.capacity) == b.capacity.map(\.capacity)
    }
}

extension Roll {
    /// The roll after `changes`; every id that names nobody is a problem (the option names it).
    public func applying(_ changes: RollChanges) throws(InputProblems) -> Roll {
        if changes.isEmpty { return self }
        var problems: [InputProblem] = []
        let hIndex = changes.removedHouseholds.isEmpty ? [:] : householdIndex(), gIndex = helperIndex()
        var keepHousehold = [Bool](repeating: true, count: households.count)
        var keepHelper = [Bool](repeating: true, count: helpers.count)
        var capacity = helpers.capacity
        for id in changes.removedHouseholds {
            if let h = hIndex[id] { keepHousehold[h] = false } else {
                problems.append(InputProblem(file: "--remove-household", .unknownId(column: id, table: "households")))
            }
        }
        for id in changes.removedHelpers {
            if let g = gIndex[id] { keepHelper[g] = false } else {
                problems.append(InputProblem(file: "--remove-helper", .unknownId(column: id, table: "helpers")))
            }
        }
        for (id, n) in changes.capacity {
            guard let g = gIndex[id] else {
                problems.append(InputProblem(file: "--capacity", .unknownId(column: id, table: "helpers")))
                continue
            }
            guard let value = Int32(exactly: n), value >= 0 else {
                problems.append(InputProblem(file: "--capacity", .outOfRange(column: id, value: n, range: 0...Int(Int32.max))))
                continue
            }
            capacity[g] = value
        }
        if !problems.isEmpty { throw InputProblems(problems) }
        var changedHelpers = helpers
        changedHelpers.capacity = capacity
        return Roll(
            places: places, dimensions: dimensions,
            households: households.rows(keepHousehold.indices.filter { keepHousehold[$0] }),
            helpers: changedHelpers.rows(keepHelper.indices.filter { keepHelper[$0] }))
    }
}
