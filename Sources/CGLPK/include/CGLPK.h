#ifndef CGLPK_H
#define CGLPK_H

// A small shim over GLPK (GNU Linear Programming Kit, 5.0) for Swift.
//
// GLPK reports an invalid call (bad index, bad parameter, failed internal assertion, out of
// memory) through glp_error, which prints a message and calls abort(); an error hook that
// returns is followed by abort() too. The guarded calls below catch that with setjmp/longjmp:
// the whole guarded call lives in C, so no Swift frame is ever skipped by the longjmp.
//
// GLPK keeps its environment (memory, hooks, problem objects) in thread-local storage, so
// every function here acts on the calling thread's environment only.

#include <glpk.h>
#include <stddef.h>

/// Returned by the guarded calls when GLPK raised an error. GLPK's own return codes are 0 or
/// the positive GLP_E* codes. After this code the calling thread's GLPK environment has been
/// freed (glp_free_env): every glp_prob of this thread is gone and must not be used or
/// deleted, and hooks installed earlier (terminal capture) are uninstalled.
#define CGLPK_TRAPPED (-1)

/// Captured terminal output: `text` is NUL-terminated (NULL until something was written).
/// Capture stops at `CGLPK_OUTPUT_LIMIT` bytes and sets `truncated`.
typedef struct cglpk_output {
    char *text;
    size_t length;
    size_t capacity;
    int truncated;
    /// When non-zero, every piece of output is also written to stderr as it arrives (the
    /// `--verbose` progress of long solves).
    int echo;
} cglpk_output;

#define CGLPK_OUTPUT_LIMIT ((size_t)1 << 20)

/// Routes this thread's GLPK terminal output into `sink`, or drops it when `sink` is NULL
/// (quiet). Until this is called GLPK prints to stdout. The error message of a trapped call
/// is written through this hook before the trap, so `sink` receives it.
void cglpk_capture_output(cglpk_output *sink);

/// Frees `sink->text` and zeroes `sink` (does not free `sink` itself).
void cglpk_output_release(cglpk_output *sink);

/// What the branch-and-cut callback saw last during cglpk_guarded_intopt.
typedef struct cglpk_mip_progress {
    /// Number of callback invocations (0: glp_intopt never reached the search).
    int callbacks;
    /// 1 when `best_bound` holds glp_ios_node_bound of glp_ios_best_node (the tree was not
    /// empty at the last callback).
    int has_bound;
    /// Global lower bound (minimisation) at the last callback.
    double best_bound;
    /// glp_ios_mip_gap at the last callback; DBL_MAX while no integer solution is known.
    double mip_gap;
} cglpk_mip_progress;

/// glp_init_smcp, then: messages only on errors, presolver off (so that the basis and the
/// dual values are available), and a time limit in milliseconds (< 0: none).
void cglpk_init_smcp(glp_smcp *parm, int time_limit_ms);

/// glp_init_iocp, then: messages only on errors, presolver off (glp_intopt starts from the
/// optimal basis glp_simplex left), a time limit in milliseconds (< 0: none) and the relative
/// MIP gap tolerance (0: solve to proven optimality).
void cglpk_init_iocp(glp_iocp *parm, int time_limit_ms, double mip_gap);

/// glp_simplex(P, parm) under the error guard.
/// Returns glp_simplex's code, or CGLPK_TRAPPED.
int cglpk_guarded_simplex(glp_prob *P, const glp_smcp *parm);

/// glp_intopt(P, parm) under the error guard, with a branch-and-cut callback that records
/// the best bound and MIP gap into `progress` (may be NULL) and then calls `parm->cb_func`
/// when the caller set one. Returns glp_intopt's code, or CGLPK_TRAPPED.
int cglpk_guarded_intopt(glp_prob *P, const glp_iocp *parm, cglpk_mip_progress *progress);

/// glp_check_dup on the problem's size, then glp_load_matrix(P, ne, ia, ja, ar) under the
/// error guard when the check passed. Arrays are 1-based (element 0 unused), as in GLPK.
/// Returns 0 after loading; CGLPK_BAD_INDEX or CGLPK_DUPLICATE without loading, with the
/// offending element's index in `*element`; or CGLPK_TRAPPED.
int cglpk_guarded_load_matrix(glp_prob *P, int ne, const int ia[], const int ja[],
                              const double ar[], int *element);

/// Like cglpk_guarded_intopt, and offers `start` (the value of every column, 1-based with
/// element 0 unused, `start[j]` for column j) to glp_ios_heur_sol at the first GLP_IHEUR
/// callback: branch-and-cut then begins with that integer solution as its incumbent.
/// `*start_accepted` is set to 1 when GLPK accepted it (0 when rejected or never offered).
int cglpk_guarded_intopt_from(glp_prob *P, const glp_iocp *parm, cglpk_mip_progress *progress,
                              const double start[], int *start_accepted);

/// Appends `count` columns to P under the error guard, for column generation: column k has
/// bounds [0, +inf), objective coefficient `objective[k]` and a coefficient 1 in the rows
/// `rows[start[k]] ..< rows[start[k + 1]]` (1-based row numbers, distinct within a column,
/// at most CGLPK_COLUMN_LIMIT of them). Arrays are 0-based. Returns 0, CGLPK_BAD_INDEX when a
/// column is longer than the limit (nothing added), or CGLPK_TRAPPED.
int cglpk_guarded_add_unit_columns(glp_prob *P, int count, const double objective[], const int start[],
                                   const int rows[]);

#define CGLPK_COLUMN_LIMIT 64

/// Appends one row to P under the error guard: bounds of `type` (GLP_UP, GLP_LO, GLP_FX) at
/// `bound`, coefficient 1 in the columns `columns[0] ..< columns[count]` (1-based column
/// numbers, distinct). Its auxiliary variable is basic, so a valid basis stays valid.
/// Returns the new row's number (≥ 1), 0 when out of memory (no row added), or CGLPK_TRAPPED.
int cglpk_guarded_add_unit_row(glp_prob *P, int type, double bound, int count, const int columns[]);

#define CGLPK_BAD_INDEX 1
#define CGLPK_DUPLICATE 2

#endif
