import Dispatch

/// Runs `body` on `count` contiguous chunks of `0..<total` on all cores and returns the
/// results in chunk order, so the outcome never depends on scheduling.
func parallelChunks<T: Sendable>(
    total: Int, chunks requested: Int = 16, _ body: @Sendable (Range<Int>) -> T
) -> [T] {
    let chunks = max(1, min(requested, total))
    let results = ResultSlots<T>(count: chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let lo = total * c / chunks, hi = total * (c + 1) / chunks
        results.store(body(lo..<hi), at: c)
    }
    return results.values()
}

/// One slot per chunk; each written by exactly one iteration before any read.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ value: T, at i: Int) { slots.withUnsafeMutableBufferPointer { $0[i] = value } }
    func values() -> [T] { slots.map { $0! } }
}
