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
            households: households.keeping(keepHousehold, dimensions: dimensions.count),
            helpers: changedHelpers.keeping(keepHelper, dimensions: dimensions.count))
    }
}

extension Households {
    /// The households whose flag in `keep` is true, in the same (id) order.
    func keeping(_ keep: [Bool], dimensions d: Int) -> Households {
        var out = Households()
        for h in 0..<count where keep[h] {
            out.ids.append(ids[h]); out.names.append(names[h]); out.locations.append(locations[h])
            out.members.append(members[h]); out.severity.append(severity[h])
            out.needs += needs[(h * d)..<((h + 1) * d)]
            out.idNumbers.append(idNumbers[h]); out.phones.append(phones[h]); out.lines.append(lines[h])
        }
        return out
    }
}

extension Helpers {
    /// The helpers whose flag in `keep` is true, in the same (id) order.
    func keeping(_ keep: [Bool], dimensions d: Int) -> Helpers {
        var out = Helpers()
        for g in 0..<count where keep[g] {
            out.ids.append(ids[g]); out.names.append(names[g]); out.kinds.append(kinds[g])
            out.capacity.append(capacity[g]); out.locations.append(locations[g])
            out.offers += offers[(g * d)..<((g + 1) * d)]
            out.organizations.append(organizations[g]); out.lines.append(lines[g])
        }
        return out
    }
}
