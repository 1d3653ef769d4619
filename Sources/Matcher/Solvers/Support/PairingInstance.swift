/// One pairing problem as the strategies see it: the cost model, the side constraints, and
/// the locked pairs folded in once — the free households, the capacity, quotas and org_spread
/// room the locks leave, their cost, and the eligible pairs over the helpers with places left.
///
/// Every number here is net of the locks, so no strategy recomputes them: a plan of the free
/// households that fits `residual`, `need` and `room` is, with the locks, a plan of the roll.
struct PairingInstance: Sendable {
    let model: CostModel
    let sides: SideConstraints
    /// Locked helper of each household (-1: free).
    let locked: [Int32]
    /// The free households, in index order (row r of a strategy's problem is `free[r]`).
    let free: [Int]
    /// Capacity of each helper left after the locks.
    let residual: [Int32]
    /// Cost of the locked pairs.
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
        self.free = locked.indices.filter { locked[$0] < 0 }
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
