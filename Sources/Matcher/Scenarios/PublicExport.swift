import Foundation

/// `match export`: a plan's lists from an existing plan, without solving: the list for public
/// notice (公示, the same public.csv or .xlsx that `match pair --public` writes), and with
/// `by` one file per street or district (``PlaceExport``).
public enum PublicExport {
    public struct Options: Sendable {
        public var households: String
        public var helpers: String
        public var encoding: TextEncoding?
        /// The plan's pairs file.
        public var pairs: String
        /// The file to write, or with `by` the directory for the places' files.
        public var output: String
        public var presentation = Presentation()
        /// The public notice (masked names, no ids); otherwise the pairs list (only with `by`).
        public var publicNotice = true
        /// One file per place at this level.
        public var by: PlaceExport.Level? = nil
        /// Replace `output` when it exists.
        public var force = false

        public init(households: String, helpers: String, pairs: String, output: String) {
            self.households = households
            self.helpers = helpers
            self.pairs = pairs
            self.output = output
        }
    }

    /// Reads the roll and the plan (ids known, no household twice, no helper over capacity;
    /// the policy is not needed, as nothing is priced), writes the list or lists; returns the
    /// number of pairs listed and the files written. Nothing is written when anything fails.
    public static func run(_ options: Options) throws(YearlyPairing.Failure) -> Int { try write(options).pairs }

    /// ``run(_:)``, also returning the files written (one per place with `by`).
    public static func write(_ options: Options) throws(YearlyPairing.Failure) -> (pairs: Int, files: [String]) {
        if options.by == nil && !options.force && FileManager.default.fileExists(atPath: options.output) {
            throw .wouldReplace([options.output])
        }
        let roll: Roll
        let helperOf: [Int32]
        let model: CostModel
        do {
            roll = try RollReader.read(households: options.households, helpers: options.helpers, encoding: options.encoding)
            helperOf = try ExistingPlan.read(pairs: options.pairs, roll: roll, model: nil, encoding: options.encoding)
        } catch {
            throw .input(error)
        }
        do {
            model = try CostModel(roll: roll, policy: Policy())
        } catch {
            throw .input(InputProblems([error]))
        }
        let result = ExistingPlan.result(helperOf, model: model)
        let writer = PlanWriter(model: model, result: result, presentation: options.presentation)
        var files: [(path: String, bytes: [UInt8])] = []
        do {
            if let level = options.by {
                files = try PlaceExport.files(writer, level: level, publicNotice: options.publicNotice).map {
                    (options.output + "/" + $0.part.fileName, $0.bytes)
                }
            } else {
                files = [(options.output, try options.presentation.file(writer.publicNoticeTable()))]
            }
        } catch {
            throw .write(AtomicFile.WriteError(path: options.output, reason: error.description))
        }
        if options.by != nil {
            if !options.force {
                let existing = files.map(\.path).filter { FileManager.default.fileExists(atPath: $0) }
                if !existing.isEmpty { throw .wouldReplace(existing) }
            }
            do {
                if !FileManager.default.fileExists(atPath: options.output) { PendingFiles.addDirectory(options.output) }
                try FileManager.default.createDirectory(atPath: options.output, withIntermediateDirectories: true)
            } catch {
                throw .write(AtomicFile.WriteError(path: options.output, reason: Table.reason(error)))
            }
        }
        do {
            try AtomicFile.write(all: files)  // every place's file, or none
        } catch {
            throw .write(error)
        }
        return (helperOf.filter { $0 >= 0 }.count, files.map(\.path))
    }

}
