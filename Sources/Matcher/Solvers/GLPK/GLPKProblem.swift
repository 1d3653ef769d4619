#if GLPK
import CGLPK

/// One GLPK problem object with GLPK's terminal output captured, as every GLPK run here needs
/// it: create it, use `pointer` and `message()`, and `close` it in a `defer` on every path.
///
/// After a trapped GLPK error the library has already freed its environment and this problem
/// with it, so `close(deleteProblem: false)` then only removes the output capture.
struct GLPKProblem {
    let pointer: OpaquePointer
    private let sink: UnsafeMutablePointer<cglpk_output>

    /// Starts capturing GLPK's output (echoed to stderr when `echo`), then creates the
    /// problem; nil (with the capture removed) when GLPK cannot create it.
    init?(echo: Bool = false) {
        let sink = UnsafeMutablePointer<cglpk_output>.allocate(capacity: 1)
        sink.initialize(to: cglpk_output())
        sink.pointee.echo = echo ? 1 : 0
        cglpk_capture_output(sink)
        guard let problem = glp_create_prob() else {
            Self.release(sink)
            return nil
        }
        self.sink = sink
        pointer = problem
    }

    /// What GLPK printed so far (its error message after a trapped error).
    func message() -> String { sink.pointee.text.map { String(cString: $0) } ?? "" }

    /// Deletes the problem (unless GLPK already freed it) and removes the output capture.
    func close(deleteProblem: Bool) {
        if deleteProblem { glp_delete_prob(pointer) }
        Self.release(sink)
    }

    private static func release(_ sink: UnsafeMutablePointer<cglpk_output>) {
        glp_term_hook(nil, nil)
        cglpk_output_release(sink)
        sink.deallocate()
    }
}
#endif
