import Foundation

/// `match export`: a plan's lists from an existing plan, without solving: the list for public
/// notice (公示, the same public.csv or .xlsx that `match pair --public` writes), and with
/// `by` one file per street or district (``PlaceExport``).
public enum PublicExport {
    public struct Options: Sendable, RollInputOptions {
        /// The roll the plan was made from, and optionally its policy and rule files (then
        /// every pair must be allowed by them).
        public var inputs: RollInputs
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

        public init(inputs: RollInputs, pairs: String, output: String) {
            self.inputs = inputs
            self.pairs = pairs
            self.output = output
        }

        public init(households: String, helpers: String, pairs: String, output: String) {
            self.init(inputs: RollInputs(households: households, helpers: helpers), pairs: pairs, output: output)
        }

    }

    /// Reads the roll and the plan through the input stage (``RunInputs``: ids known, no
    /// household twice, no helper over capacity; with a policy file, every pair allowed by
    /// it — without one nothing is priced, so the policy is not needed), writes the list or
    /// lists; returns the number of pairs listed. Nothing is written when anything fails.
    public static func run(_ options: Options) throws(YearlyPairing.Failure) -> Int { try write(options).pairs }

    /// ``run(_:)``, also returning the files written (one per place with `by`).
    public static func write(_ options: Options) throws(YearlyPairing.Failure) -> (pairs: Int, files: [String]) {
        // With `by` the files' names are known only once the plan is read; they are checked below.
        let inputs = try RunInputs.load(
            options.inputs, plan: .existing(pairs: options.pairs, previous: nil, policyChecked: options.inputs.policy != nil),
            outputs: RunOutputs(paths: options.by == nil ? [options.output] : [], force: options.force, format: options.presentation.format))
        let helperOf = inputs.existingPlan ?? []
        let model = inputs.model
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
