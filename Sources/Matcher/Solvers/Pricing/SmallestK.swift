/// Keeps the k entries of smallest (key, tie) seen so far, for candidate lists.
///
/// The entries live in raw memory owned by a private class, so that an insertion in the hot
/// pricing loops is plain loads and stores (no copy-on-write checks per element). A copy of
/// a `SmallestK` shares that memory: keep each list in one variable.
///
/// - Complexity: O(k) per insertion that enters the list, O(1) per one that does not.
struct SmallestK {
    let k: Int
    private(set) var count = 0
    private let store: Store

    /// Entries sorted by (key, tie) in 0 ..< count.
    private final class Store {
        let keys: UnsafeMutablePointer<Int>
        let ties: UnsafeMutablePointer<UInt64>
        let items: UnsafeMutablePointer<Int32>
        let values: UnsafeMutablePointer<Int>

        init(_ k: Int) {
            keys = .allocate(capacity: max(1, k))
            ties = .allocate(capacity: max(1, k))
            items = .allocate(capacity: max(1, k))
            values = .allocate(capacity: max(1, k))
        }

        deinit {
            keys.deallocate()
            ties.deallocate()
            items.deallocate()
            values.deallocate()
        }
    }

    init(k: Int) {
        self.k = max(0, k)
        store = Store(self.k)
    }

    mutating func removeAll() { count = 0 }

    /// The items kept, smallest first.
    var items: [Int32] { Array(UnsafeBufferPointer(start: store.items, count: count)) }
    /// The (item, value) pairs kept, smallest first.
    var pairs: [(Int32, Int)] { (0..<count).map { (store.items[$0], store.values[$0]) } }

    /// Whether k entries are kept (an offer must then beat the last to get in).
    var isFull: Bool { count == k }

    /// The largest key kept, nil when empty.
    var largestKey: Int? { count > 0 ? store.keys[count - 1] : nil }

    /// The smallest key kept, nil when empty.
    var smallestKey: Int? { count > 0 ? store.keys[0] : nil }

    func contains(_ item: Int32) -> Bool { (0..<count).contains { store.items[$0] == item } }

    @inline(__always)
    mutating func offer(key: Int, tie: @autoclosure () -> UInt64, item: Int32, value: Int) {
        if count == k {
            guard k > 0 else { return }
            let last = store.keys[k - 1]
            if key > last { return }
            let t = tie()
            if key == last && t >= store.ties[k - 1] { return }
            insert(key, t, item, value)
        } else {
            insert(key, tie(), item, value)
        }
    }

    /// Puts the entry in order; when the list is full, its last entry (larger) drops out.
    private mutating func insert(_ key: Int, _ tie: UInt64, _ item: Int32, _ value: Int) {
        let (keys, ties, items, values) = (store.keys, store.ties, store.items, store.values)
        var i = min(count, k - 1)
        if count < k { count += 1 }
        while i > 0 && (keys[i - 1] > key || (keys[i - 1] == key && ties[i - 1] > tie)) {
            keys[i] = keys[i - 1]
            ties[i] = ties[i - 1]
            items[i] = items[i - 1]
            values[i] = values[i - 1]
            i -= 1
        }
        keys[i] = key
        ties[i] = tie
        items[i] = item
        values[i] = value
    }

    /// Offers entries `0..<keys.count` (key and value `keys[i]`, item `items[i]`) in order,
    /// with the same result as offering each, but first finds the k-th smallest key by a
    /// histogram so that only entries at or below it are offered (the rest cannot enter).
    /// For long lists with small integer keys — a household's costs over all its helpers —
    /// this makes selection one counting pass instead of a comparison and a tie hash per
    /// entry at the boundary.
    ///
    /// - Complexity: O(n + m·k) for n entries and m entries at or below the k-th key.
    mutating func offerAll(
        keys: UnsafeBufferPointer<Int>, items: UnsafeBufferPointer<Int32>, tie: (Int32) -> UInt64
    ) {
        var threshold = Int.max
        if keys.count > k && k > 0 {
            var lowest = Int.max
            for key in keys { lowest = Swift.min(lowest, key) }
            threshold = Self.keyReaching(k, from: lowest) { add in
                for key in keys { add(key, 1) }
            } ?? .max
        }
        for i in keys.indices where keys[i] <= threshold {
            offer(key: keys[i], tie: tie(items[i]), item: items[i], value: keys[i])
        }
    }

    /// The least key T such that entries of total weight at least k have keys ≤ T, counting
    /// keys `lowest ..< lowest + 63` one by one in a histogram (entries above go uncounted),
    /// or nil when the counted weight stays below k. `count(add)` must call `add(key, weight)`
    /// for every entry. Shared by `offerAll` and the candidate lists' bound on offer groups.
    @inline(__always)
    static func keyReaching(_ k: Int, from lowest: Int, count: ((Int, Int) -> Void) -> Void) -> Int? {
        let buckets = 63
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: buckets) { counts in
            counts.initialize(repeating: 0)
            count { key, weight in
                let offset = key &- lowest
                if offset >= 0 && offset < buckets { counts[offset] += weight }
            }
            var seen = 0
            for b in 0..<buckets {
                seen += counts[b]
                if seen >= k { return lowest &+ b }
            }
            return nil
        }
    }
}
