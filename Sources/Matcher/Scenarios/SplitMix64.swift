/// A small seeded random number generator (SplitMix64, Steele, Lea & Flood, OOPSLA 2014):
/// the same seed gives the same stream on every platform and Swift version, which
/// `SystemRandomNumberGenerator` does not promise.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A well-mixed 64-bit hash of two integers (used for deterministic tie-breaks).
    public static func mix(_ a: Int, _ b: Int) -> UInt64 {
        var g = SplitMix64(seed: UInt64(truncatingIfNeeded: a) &* 0x100_0000_01B3 ^ UInt64(truncatingIfNeeded: b))
        return g.next()
    }
}
