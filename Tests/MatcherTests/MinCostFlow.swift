/// An independent reference for coverage rules: the pairing with quota groups written as a
/// plain min-cost flow and solved by successive shortest paths with Bellman–Ford (slow, and
/// simple enough to trust). It shares no code with the solvers under test.
///
/// Network: each free household sends one unit, to an eligible helper with spare places
/// (cost c(h,g)) or into the chain of its quota groups from the finest level up (cost p(h));
/// a group passes at most `room` units on; helpers and the last group of a chain drain to the
/// sink. Every unit must arrive, or no plan meets the quotas.
struct MinCostFlow {
    private var to: [Int] = [], cap: [Int] = [], cost: [Int] = [], next: [Int] = []
    private var head: [Int]

    init(nodes: Int) { head = [Int](repeating: -1, count: nodes) }

    mutating func addArc(_ from: Int, _ target: Int, capacity: Int, cost c: Int) {
        for (a, b, k, w) in [(from, target, capacity, c), (target, from, 0, -c)] {
            to.append(b); cap.append(k); cost.append(w); next.append(head[a]); head[a] = to.count - 1
        }
    }

    /// The least cost of sending `units` from `source` to `sink`, nil when they cannot all go.
    mutating func minCost(from source: Int, to sink: Int, units: Int) -> Int? {
        var total = 0
        for _ in 0..<units {
            var dist = [Int?](repeating: nil, count: head.count)
            var via = [Int](repeating: -1, count: head.count)
            dist[source] = 0
            var changed = true
            while changed {
                changed = false
                for v in head.indices {
                    guard let dv = dist[v] else { continue }
                    var a = head[v]
                    while a >= 0 {
                        if cap[a] > 0, dist[to[a]] == nil || dv + cost[a] < dist[to[a]]! {
                            dist[to[a]] = dv + cost[a]; via[to[a]] = a; changed = true
                        }
                        a = next[a]
                    }
                }
            }
            guard let d = dist[sink] else { return nil }
            var v = sink
            while v != source { let a = via[v]; cap[a] -= 1; cap[a ^ 1] += 1; v = to[a ^ 1] }
            total += d
        }
        return total
    }
}
