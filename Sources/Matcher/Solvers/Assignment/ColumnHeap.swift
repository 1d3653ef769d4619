/// A binary min-heap of (distance, column) entries for Dijkstra with lazy deletion:
/// stale entries stay in the heap and are skipped by the caller. Ties break on the smaller
/// column so that searches are deterministic.
///
/// - Complexity: O(log n) push and pop.
struct ColumnHeap {
    private var keys: [Int] = []
    private var columns: [Int32] = []

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        columns.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private func less(_ i: Int, _ j: Int) -> Bool {
        keys[i] < keys[j] || (keys[i] == keys[j] && columns[i] < columns[j])
    }

    mutating func push(key: Int, column: Int32) {
        keys.append(key)
        columns.append(column)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if !less(i, parent) { break }
            keys.swapAt(i, parent)
            columns.swapAt(i, parent)
            i = parent
        }
    }

    mutating func popMin() -> (Int, Int)? {
        guard let topKey = keys.first else { return nil }
        let topColumn = Int(columns[0])
        let lastKey = keys.removeLast(), lastColumn = columns.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey
            columns[0] = lastColumn
            var i = 0
            let n = keys.count
            while true {
                let l = 2 * i + 1
                if l >= n { break }
                var c = l
                if l + 1 < n && less(l + 1, l) { c = l + 1 }
                if !less(c, i) { break }
                keys.swapAt(i, c)
                columns.swapAt(i, c)
                i = c
            }
        }
        return (topKey, topColumn)
    }
}
