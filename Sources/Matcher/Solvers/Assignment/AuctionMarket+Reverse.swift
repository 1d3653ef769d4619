/// Reverse bids: empty slots that kept a price lower it to win a row back.
///
/// A forward auction only raises prices, so a slot its holder left (for a better one, at a
/// phase change) keeps a price that nobody may pay; an optimal plan needs "spare ⇒ price 0".
/// Such a slot bids in reverse (Bertsekas' reverse auction): for each row r with an arc into
/// its column, t_r = value_r − cost_r is the price at which r would be indifferent. With the
/// largest t₁ (row r*) and the second t₂, the slot drops its price to max(0, t₂ − ε) and takes
/// r*, whose value falls by at least ε; every other row stays within ε of its best. If r* left
/// a priced slot, that slot bids next. When even t₁ − ε ≤ 0 the slot just falls to price 0.
///
/// - Invariant: every placed row stays within ε of its best option; prices only fall.
/// - Termination: each move lowers a row's value by ≥ ε, and values are bounded below.
extension AuctionMarket {
    /// Runs reverse bids until no empty slot has a positive price. Returns the bids made.
    ///
    /// Only the moving row's value and the bidding slot's price change in a reverse bid, so
    /// each row's value is computed once and kept up to date in `value` (one load per arc).
    @discardableResult
    mutating func reverseRepair(epsilon: Int, incoming: ArcsIntoColumns) -> Int {
        var queue: [Int] = slotPrice.indices.filter { slotHolder[$0] < 0 && slotPrice[$0] > 0 }
        if queue.isEmpty { return 0 }
        let scale = self.scale
        let unplaced = Int.min / 2
        var value = (0..<problem.rowCount).map { r -> Int in
            let slot = rowSlot[r]
            if slot >= 0 { return rowCost[r] + slotPrice[slot] }
            if slot == Self.alone, let alone = problem.unassignedCost { return alone[r] * scale }
            return unplaced
        }
        var slotColumn = [Int32](repeating: 0, count: slotPrice.count)
        for g in 0..<problem.columnCount { for s in slotStart[g]..<slotStart[g + 1] { slotColumn[s] = Int32(g) } }
        var count = 0
        while let s = queue.popLast() {
            guard slotHolder[s] < 0 && slotPrice[s] > 0 else { continue }
            count += 1
            let g = Int(slotColumn[s])
            var t1 = Int.min, t2 = Int.min, chosen = -1, chosenCost = 0
            incoming.row.withUnsafeBufferPointer { row in
                incoming.cost.withUnsafeBufferPointer { cost in
                    value.withUnsafeBufferPointer { value in
                        for i in incoming.start[g]..<incoming.start[g + 1] {
                            let r = Int(row[i])
                            let c = cost[i] &* scale
                            let t = value[r] &- c
                            if t > t1 { t2 = t1; t1 = t; chosen = r; chosenCost = c } else if t > t2 { t2 = t }
                        }
                    }
                }
            }
            if chosen < 0 || t1 - epsilon <= 0 {
                slotPrice[s] = 0
                refreshCheapest(g)
                continue
            }
            let previous = rowSlot[chosen]
            slotPrice[s] = t2 <= epsilon ? 0 : t2 - epsilon
            slotHolder[s] = Int32(chosen)
            rowSlot[chosen] = s
            rowCost[chosen] = chosenCost
            value[chosen] = chosenCost + slotPrice[s]
            refreshCheapest(g)
            if previous >= 0 {
                slotHolder[previous] = -1
                let q = Int(slotColumn[previous])
                if q != g { refreshCheapest(q) }
                if slotPrice[previous] > 0 { queue.append(previous) }
            }
        }
        return count
    }

    /// Recomputes the cheapest slot of column g and its price.
    mutating func refreshCheapest(_ g: Int) {
        let first = slotStart[g], end = slotStart[g + 1]
        guard first < end else { return }
        var low = first
        for s in first..<end where slotPrice[s] < slotPrice[low] { low = s }
        cheapestSlot[g] = low
        cheapestPrice[g] = slotPrice[low]
    }
}
