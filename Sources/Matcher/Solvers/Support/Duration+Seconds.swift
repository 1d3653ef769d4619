extension Duration {
    /// The duration in seconds, for timings printed and recorded.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
