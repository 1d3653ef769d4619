/// A failure a command reports as it is: one message (one line, or one line per input
/// problem) on standard error and an exit status. The command line prints every such error
/// in one place (`Match.main`), so no subcommand formats or exits on its own.
public protocol CommandFailure: Error, CustomStringConvertible {
    /// The process's exit status (never 0).
    var exitStatus: Int32 { get }
}

extension YearlyPairing.Failure: CommandFailure {
    /// 2 for every failure of a command that reads a roll: bad inputs, an output that would
    /// be replaced, a rule no plan can meet, a file that cannot be written.
    public var exitStatus: Int32 { 2 }
}
