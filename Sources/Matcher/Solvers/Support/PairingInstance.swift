/// One pairing problem as the strategies see it: the cost model, the side constraints, and
/// the locked pairs folded in once — the free households, the capacity, quotas and org_spread
/// room the locks leave, their cost, and the eligible pairs over the helpers with places left.
///
/// Every number here is net of the locks, so no strategy recomputes them: a plan of the free
/// households that fits `residual`, `need` and `room` is, with the locks, a plan of the roll.
struct PairingInstance: Sendable {
    let model: CostModel
    let sides: SideConstraints
    /// Locked (or held) helper of each household (-1: free, or held unpaired; see `isFree`).
    let locked: [Int32]
    /// Whether each household is free: neither locked nor held by a part (see
    /// ``init(part:households:heldAt:reserved:)``).
    let isFree: [Bool]
    /// The free households, in index order (row r of a strategy's problem is `free[r]`).
    let free: [Int]
    /// Capacity of each helper left after the locks.
    let residual: [Int32]
    /// Cost of the locked pairs (and of the held households, pairs or unpaired).
    let lockedCost: Int
    /// Quota of each coverage row less its locked pairs.
    let need: [Int]
    /// org_spread limit of each group less its locked pairs (empty without a limit).
    let room: [Int32]
    /// Eligible pairs over the helpers with places left.
    let pairs: EligiblePairs

    /// - Complexity: O(households + helpers), plus building ``EligiblePairs``.
    init(model: CostModel, sides: SideConstraints, lockedHelper: [Int32]?) {
        self.model = model
        self.sides = sides
        let locked = lockedHelper ?? Array(repeating: -1, count: model.roll.households.count)
        var residual = model.roll.helpers.capacity
        var need = sides.coverage.map(\.quota)
        var room = sides.spreadLimit.map { Array(repeating: Int32($0), count: sides.groupCount) } ?? []
        var lockedCost = 0
        for (h, g) in locked.enumerated() where g >= 0 {
            residual[Int(g)] -= 1
            lockedCost += model.cost(h, Int(g))
            for rule in sides.rowOf.indices { need[Int(sides.rowOf[rule][h])] -= 1 }
            if !room.isEmpty, let q = sides.group(h, Int(g)) { room[q] -= 1 }
        }
        self.locked = locked
        self.isFree = locked.map { $0 < 0 }
        self.free = locked.indices.filter { locked[$0] < 0 }
        self.residual = residual
        self.lockedCost = lockedCost
        self.need = need
        self.room = room
        self.pairs = EligiblePairs(model: model, residualCapacity: residual)
    }

    /// A part of `whole`: its free households among `households` stay free, every other free
    /// household is held at its helper in `plan` (or held unpaired), and `reserved[g]` of
    /// helper g's places are kept back for other parts. A plan of the part is, with the held
    /// households, a plan of the whole; parts whose reserved places partition the places
    /// they can share give plans that fit together (see ``DistrictParts``).
    ///
    /// - Complexity: O(households + helpers), plus building ``EligiblePairs``.
    init(part whole: PairingInstance, households: [Int], heldAt plan: [Int32], reserved: [Int32]) {
        var inPart = [Bool](repeating: false, count: whole.locked.count)
        for h in households { inPart[h] = true }
        let sides = whole.sides, model = whole.model
        var locked = whole.locked, isFree = whole.isFree
        var residual = zip(whole.residual, reserved).map { $0 - $1 }
        var need = whole.need, room = whole.room
        var lockedCost = whole.lockedCost
        for h in whole.free where !inPart[h] {
            isFree[h] = false
            let g = plan[h]
            locked[h] = g
            guard g >= 0 else {
                lockedCost += model.unpairedCost(h)
                continue
            }
            residual[Int(g)] -= 1
            lockedCost += model.cost(h, Int(g))
            for rule in sides.rowOf.indices { need[Int(sides.rowOf[rule][h])] -= 1 }
            if !room.isEmpty, let q = sides.group(h, Int(g)) { room[q] -= 1 }
        }
        self.model = model
        self.sides = sides
        self.locked = locked
        self.isFree = isFree
        self.free = whole.free.filter { inPart[$0] }
        self.residual = residual
        self.lockedCost = lockedCost
        self.need = need
        self.room = room
        self.pairs = EligiblePairs(model: model, residualCapacity: residual)
    }

    /// Without side constraints (the plain pairing).
    init(model: CostModel, lockedHelper: [Int32]?) {
        self.init(model: model, sides: SideConstraints(roll: model.roll, policy: Policy()), lockedHelper: lockedHelper)
    }

    /// Locked pairs alone exceed org_spread in some group: no plan can meet it.
    var locksBreakSpread: Bool { room.contains { $0 < 0 } }

    /// Objective of a full plan (locked pairs included).
    func objective(_ plan: [Int32]) -> Int {
        var total = 0
        for (h, g) in plan.enumerated() { total += g >= 0 ? model.cost(h, Int(g)) : model.unpairedCost(h) }
        return total
    }
}
