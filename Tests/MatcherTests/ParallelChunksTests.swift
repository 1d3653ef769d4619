import Testing
@testable import Matcher

/// `parallelChunks` returns every chunk's result, in chunk order, however the threads race.
/// (Its result slots once lived in an array written through `withUnsafeMutableBufferPointer`
/// from several threads at once; a store could then be lost, which crashed a CI run.)
@Suite struct ParallelChunksTests {
    @Test func everyChunkArrivesInOrderUnderContention() {
        for round in 0..<2_000 {
            let total = 1 + round % 97
            let parts = parallelChunks(total: total, chunks: 16) { range in range }
            #expect(parts.first?.lowerBound == 0, "round \(round)")
            #expect(parts.last?.upperBound == total, "round \(round)")
            #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }, "round \(round)")
        }
    }

    @Test(arguments: [1, 2, 3])
    func theThreadCountDoesNotChangeTheResult(threads: Int) {
        let sums = parallelChunks(total: 10_000, threads: threads) { range in range.reduce(0, +) }
        #expect(sums.reduce(0, +) == (0..<10_000).reduce(0, +))
        #expect(sums == parallelChunks(total: 10_000, threads: nil) { range in range.reduce(0, +) })
    }
}
