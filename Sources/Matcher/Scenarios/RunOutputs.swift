import Foundation

/// The files a run will write, checked once, in the input stage (``RunInputs/load(_:plan:outputs:)``),
/// before anything is solved: the format must be one this build writes, and no file may be
/// replaced without `--force`.
public struct RunOutputs: Sendable, Equatable {
    /// Every file the run may write.
    public var paths: [String]
    /// Replace files that exist.
    public var force: Bool
    public var format: OutputFormat

    public init(paths: [String], force: Bool, format: OutputFormat = .csv) {
        self.paths = paths
        self.force = force
        self.format = format
    }

    /// A run that writes nothing (`validate`, a what-if without `--out`).
    public static let none = RunOutputs(paths: [], force: false)

    /// Throws when a file would be replaced.
    public func check() throws(YearlyPairing.Failure) {
        if force { return }
        let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
        if !existing.isEmpty { throw .wouldReplace(existing) }
    }
}
