/// Keeps the k entries of smallest (key, tie) seen so far, for candidate lists.
///
/// - Complexity: O(k) per insertion that enters the list, O(1) per one that does not.
struct SmallestK {
    let k: Int
    private(set) var keys: [Int] = []
    private(set) var ties: [UInt64] = []
    private(set) var items: [Int32] = []
    private(set) var values: [Int] = []

    init(k: Int) {
        self.k = k
        keys.reserveCapacity(k + 1)
        ties.reserveCapacity(k + 1)
        items.reserveCapacity(k + 1)
        values.reserveCapacity(k + 1)
    }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        ties.removeAll(keepingCapacity: true)
        items.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func offer(key: Int, tie: @autoclosure () -> UInt64, item: Int32, value: Int) {
        if keys.count == k {
            let last = keys[k - 1]
            if key > last { return }
            let t = tie()
            if key == last && t >= ties[k - 1] { return }
            insert(key, t, item, value)
            keys.removeLast(); ties.removeLast(); items.removeLast(); values.removeLast()
        } else {
            insert(key, tie(), item, value)
        }
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
            let buckets = 64  // keys lowest ..< lowest + 63 counted one by one, the rest together
            var counts = (0..<buckets).map { _ in 0 }
            for key in keys {
                let offset = key &- lowest
                counts[offset < buckets - 1 && offset >= 0 ? offset : buckets - 1] += 1
            }
            var seen = 0
            for b in 0..<(buckets - 1) {
                seen += counts[b]
                if seen >= k {
                    threshold = lowest + b
                    break
                }
            }
        }
        for i in keys.indices where keys[i] <= threshold {
            offer(key: keys[i], tie: tie(items[i]), item: items[i], value: keys[i])
        }
    }

    private mutating func insert(_ key: Int, _ tie: UInt64, _ item: Int32, _ value: Int) {
        var i = keys.count
        while i > 0 && (keys[i - 1] > key || (keys[i - 1] == key && ties[i - 1] > tie)) { i -= 1 }
        keys.insert(key, at: i)
        ties.insert(tie, at: i)
        items.insert(item, at: i)
        values.insert(value, at: i)
    }
}
