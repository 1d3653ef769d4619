import Dispatch

/// Runs `body` on `count` contiguous chunks of `0..<total` on all cores (or on at most
/// `threads` threads) and returns the results in chunk order. The chunks do not depend on
/// the thread count, so neither does the outcome: 1 and 16 threads give the same results.
func parallelChunks<T: Sendable>(
    total: Int, chunks requested: Int = 16, threads: Int? = nil, _ body: @Sendable (Range<Int>) -> T
) -> [T] {
    let chunks = max(1, min(requested, total))
    let results = ResultSlots<T>(count: chunks)
    @Sendable func run(_ c: Int) {
        let lo = total * c / chunks, hi = total * (c + 1) / chunks
        results.store(body(lo..<hi), at: c)
    }
    if let threads {
        let workers = max(1, min(threads, chunks))
        if workers == 1 {
            for c in 0..<chunks { run(c) }
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for c in stride(from: w, to: chunks, by: workers) { run(c) }
            }
        }
    } else {
        DispatchQueue.concurrentPerform(iterations: chunks, execute: run)
    }
    return results.values()
}

/// One slot per chunk; each written by exactly one iteration before any read.
///
/// The slots are raw memory, not an array: `Array.withUnsafeMutableBufferPointer` moves the
/// array's buffer out of the property while its closure runs, so two threads storing at once
/// could each put back a buffer that lacks the other's value (seen as a nil slot in a CI run).
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ value: T, at i: Int) { slots[i] = value }

    func values() -> [T] { (0..<count).map { slots[$0]! } }
}
