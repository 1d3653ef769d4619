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

    private mutating func insert(_ key: Int, _ tie: UInt64, _ item: Int32, _ value: Int) {
        var i = keys.count
        while i > 0 && (keys[i - 1] > key || (keys[i - 1] == key && ties[i - 1] > tie)) { i -= 1 }
        keys.insert(key, at: i)
        ties.insert(tie, at: i)
        items.insert(item, at: i)
        values.insert(value, at: i)
    }
}
