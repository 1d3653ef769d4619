import Foundation

/// `match solve FILE`: a DIMACS assignment file (`p asn`) solved exactly, for comparison with
/// other solvers — read, solved by the chosen method, the assignment optionally written, and
/// when no assignment exists, why (which source, and the reason in the file's own terms).
public enum AssignmentFileSolving {
    /// The method (`--solver`).
    public enum Solver: String, Sendable, CaseIterable {
        /// An auction start finished by the Hungarian method (``AuctionSolver``): the default.
        case auction
        /// The Hungarian method alone (``HungarianSolver``).
        case hungarian
        /// GLPK's simplex method and integer program, for cross-checks on small files.
        case glpk
    }

    public struct Options: Sendable {
        public var file: String
        /// Write the chosen pairs as `a SRC DST COST` lines to this file.
        public var assignmentOutput: String?
        public var solver = Solver.auction

        public init(file: String) {
            self.file = file
        }
    }

    public struct Outcome: Sendable, Equatable {
        public var objective: Int
        public var readSeconds: Double
        public var solveSeconds: Double

        /// `optimum N`, then the reading and solving times in seconds.
        public var text: String {
            "optimum \(objective)\nread  \(Self.seconds(readSeconds)) s\nsolve \(Self.seconds(solveSeconds)) s"
        }

        static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
    }

    /// Why a source cannot be assigned.
    public enum Infeasibility: Sendable, Equatable {
        /// The source has no arc at all.
        case noArc
        /// More sources than sinks: some source must go without.
        case tooFewSinks(sources: Int, sinks: Int)
        /// Every sink the source reaches is needed by other sources.
        case sinksTaken(reachable: Int)
    }

    public enum Failure: CommandFailure, Equatable {
        case read(file: String, DIMACSError)
        case write(DIMACSWriteError)
        /// No assignment exists; `sourceNode` is a source that cannot be assigned.
        case infeasible(file: String, sourceNode: Int32, Infeasibility)
        /// GLPK found no assignment (it names no source).
        case infeasibleByGLPK(file: String)
        case costOverflow(file: String, largest: Int)
        case glpkTimeLimit(file: String)
        case glpkFailed(file: String, reason: String)
        /// `--solver glpk` in a build without the GLPK trait.
        case noGLPK

        public var description: String {
            let text: String
            switch self {
            case .read(let file, let error): text = "\(file): \(error)"
            case .write(let error): text = error.description
            case .infeasible(let file, let node, let why):
                let reason: String
                switch why {
                case .noArc: reason = "it has no arc"
                case .tooFewSinks(let sources, let sinks):
                    reason = "there are \(sources) sources but only \(sinks) sink\(sinks == 1 ? "" : "s")"
                case .sinksTaken(let reachable):
                    reason = "all \(reachable) sinks it can reach are needed by other sources"
                }
                text = "\(file): infeasible: source node \(node) cannot be assigned (\(reason))"
            case .infeasibleByGLPK(let file): text = "\(file): infeasible (GLPK): not every source can be assigned"
            case .costOverflow(let file, let largest):
                text = "\(file): costs too large: |cost| up to \(largest) could overflow 64-bit sums; scale the costs down"
            case .glpkTimeLimit(let file): text = "\(file): GLPK stopped at its time limit"
            case .glpkFailed(let file, let reason): text = "\(file): GLPK failed: \(reason)"
            case .noGLPK: text = "this build has no GLPK (built with the GLPK trait off); use --solver auction or hungarian"
            }
            return "match solve: " + text
        }

        /// 1 for every failure, as `match solve` always had.
        public var exitStatus: Int32 { 1 }
    }

    /// Reads, solves, writes the assignment when asked; throws why not.
    public static func run(_ options: Options) throws(Failure) -> Outcome {
        let clock = ContinuousClock()
        let readStart = clock.now
        let instance: DIMACSInstance
        do {
            instance = try DIMACSReader.read(path: options.file)
        } catch {
            throw .read(file: options.file, error)
        }
        let readTime = clock.now - readStart
        let solveStart = clock.now
        let outcome = try solve(instance.problem, options)
        let solveTime = clock.now - solveStart
        switch outcome {
        case .optimal(let solution):
            if let path = options.assignmentOutput {
                do { try DIMACSWriter.writeAssignment(instance, solution, to: path) } catch { throw .write(error) }
            }
            return Outcome(objective: solution.objective, readSeconds: readTime.inSeconds, solveSeconds: solveTime.inSeconds)
        case .infeasible(let row):
            throw .infeasible(file: options.file, sourceNode: instance.sourceNode[row], why(row, instance.problem))
        case .costOverflow(let largest):
            throw .costOverflow(file: options.file, largest: largest)
        }
    }

    /// Why source `row` of an infeasible problem cannot be assigned.
    ///
    /// - Complexity: O(1).
    public static func why(_ row: Int, _ problem: AssignmentProblem) -> Infeasibility {
        let degree = problem.arcStart[row + 1] - problem.arcStart[row]
        if degree == 0 { return .noArc }
        if problem.rowCount > problem.columnCount {
            return .tooFewSinks(sources: problem.rowCount, sinks: problem.columnCount)
        }
        return .sinksTaken(reachable: degree)
    }

    /// The chosen method's answer, GLPK's in the Hungarian solver's terms (its duals are
    /// certified the same way).
    static func solve(_ problem: AssignmentProblem, _ options: Options) throws(Failure) -> AssignmentOutcome {
        switch options.solver {
        case .auction: return AuctionSolver().solve(problem)
        case .hungarian: return HungarianSolver().solve(problem)
        case .glpk:
            #if GLPK
            switch GLPKAssignmentSolver().solve(problem) {
            case .optimal(let solution): return .optimal(solution)
            case .costOverflow(let largest): return .costOverflow(largest: largest)
            case .infeasible: throw .infeasibleByGLPK(file: options.file)
            case .timeLimitReached: throw .glpkTimeLimit(file: options.file)
            case .failed(let failure): throw .glpkFailed(file: options.file, reason: "\(failure)")
            }
            #else
            throw .noGLPK
            #endif
        }
    }
}
