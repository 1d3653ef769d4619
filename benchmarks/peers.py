#!/usr/bin/env python3
"""Solve a DIMACS assignment file (``p asn``) with one peer solver and time only the solve.

    peers.py SOLVER FILE [--runs N]

SOLVER is one of: ortools-lsa, ortools-mcf, scipy, lapmod. Prints one JSON object:

    {"solver", "optimum", "solve_s": [...], "setup_s": [...], "read_s",
     "peak_rss_mb", "solve_added_mb"}

* read_s: parsing the file into numpy arrays (not counted as solve time).
* setup_s: building the solver's own input (OR-Tools arcs, a CSR matrix, lapmod's arrays),
  per run; reported, not counted as solve time.
* solve_s: the solver call alone, per run.
* peak_rss_mb: the process's peak resident set (VmHWM) over reading and all runs; it
  includes Python, the libraries and the parsed file, as match's includes its reading.
* solve_added_mb: peak RSS during the first setup + solve minus the RSS just before it (the
  peak is reset through /proc/self/clear_refs; null where that is not allowed).

Rows are the sources and columns the sinks, each in increasing node number, as in match.
Exits non-zero with a message on stderr when the solver fails or finds no assignment.
"""

import argparse
import ctypes
import gc
import json
import resource
import sys
import time

import numpy as np


def read_dimacs(path):
    """Returns (rows, cols, tail_row, head_col, cost) with 0-based indices, sorted by
    (row, col), as numpy arrays."""
    nodes = None
    sources = []
    arc_lines = []
    with open(path, "rb") as f:
        for line in f:
            c = line[:1]
            if c == b"a":
                arc_lines.append(line[1:])
            elif c == b"n":
                sources.append(int(line.split()[1]))
            elif c == b"p":
                parts = line.split()
                if parts[1] != b"asn":
                    raise SystemExit(f"{path}: not a 'p asn' file")
                nodes = int(parts[2])
    if nodes is None:
        raise SystemExit(f"{path}: no 'p' line")
    arcs = np.array(b" ".join(arc_lines).split(), dtype=np.int64).reshape(-1, 3)
    del arc_lines
    is_source = np.zeros(nodes + 1, dtype=bool)
    is_source[sources] = True
    index = np.full(nodes + 1, -1, dtype=np.int64)
    index[is_source] = np.arange(int(is_source.sum()))
    sink_mask = ~is_source
    sink_mask[0] = False
    index[sink_mask] = np.arange(int(sink_mask.sum()))
    rows, cols = int(is_source.sum()), int(sink_mask.sum())
    tail, head, cost = index[arcs[:, 0]], index[arcs[:, 1]], arcs[:, 2].copy()
    order = np.lexsort((head, tail))
    return rows, cols, tail[order], head[order], cost[order]


def status_mb(key):
    """VmRSS (current) or VmHWM (peak since start or the last reset) from /proc/self/status."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def trim_heap():
    """Gives freed heap memory back to the OS, so that the next RSS peak counts new use."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def reset_peak():
    """Resets VmHWM to the current RSS (Linux >= 4.0); False when not allowed."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


# Each solver: setup(problem) -> state; solve(state) -> optimum (an int).

def setup_ortools_lsa(p):
    from ortools.graph.python import linear_sum_assignment
    rows, cols, tail, head, cost = p
    if rows != cols:
        raise NotImplementedError("SimpleLinearSumAssignment needs as many sources as sinks")
    a = linear_sum_assignment.SimpleLinearSumAssignment()
    a.add_arcs_with_cost(tail, head, cost)
    return a


def solve_ortools_lsa(a):
    status = a.solve()
    if status != a.OPTIMAL:
        raise RuntimeError(f"SimpleLinearSumAssignment status {status}")
    return int(a.optimal_cost())


def setup_ortools_mcf(p):
    from ortools.graph.python import min_cost_flow
    rows, cols, tail, head, cost = p
    f = min_cost_flow.SimpleMinCostFlow()
    # Nodes: sources 0..rows-1, sinks rows..rows+cols-1, then (if rectangular) a super sink.
    f.add_arcs_with_capacity_and_unit_cost(tail, head + rows, np.ones_like(tail), cost)
    supplies = np.concatenate([np.ones(rows, dtype=np.int64), -np.ones(cols, dtype=np.int64)])
    if rows != cols:
        t = rows + cols
        sinks = np.arange(rows, rows + cols, dtype=np.int64)
        f.add_arcs_with_capacity_and_unit_cost(
            sinks, np.full(cols, t), np.ones(cols, dtype=np.int64), np.zeros(cols, dtype=np.int64))
        supplies = np.concatenate([np.ones(rows, dtype=np.int64), np.zeros(cols, dtype=np.int64), [-rows]])
    f.set_nodes_supplies(np.arange(len(supplies)), supplies)
    return f


def solve_ortools_mcf(f):
    status = f.solve()
    if status != f.OPTIMAL:
        raise RuntimeError(f"SimpleMinCostFlow status {status}")
    return int(f.optimal_cost())


def setup_scipy(p):
    from scipy.sparse import csr_matrix
    rows, cols, tail, head, cost = p
    # The function needs non-zero weights: shift every cost by the same amount (exact in
    # float64 for these magnitudes); each row takes exactly one arc, so the optimum shifts
    # by rows * offset.
    offset = 1 - int(cost.min())
    m = csr_matrix(((cost + offset).astype(np.float64), (tail, head)), shape=(rows, cols))
    return m, offset, rows


def solve_scipy(state):
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching
    m, offset, rows = state
    r, c = min_weight_full_bipartite_matching(m)
    total = m[r, c].sum()
    return int(round(total)) - offset * rows


def setup_lapmod(p):
    rows, cols, tail, head, cost = p
    if rows != cols:
        raise NotImplementedError("lapmod needs as many sources as sinks")
    ii = np.zeros(rows + 1, dtype=np.int32)
    np.cumsum(np.bincount(tail, minlength=rows), out=ii[1:])
    return rows, cost.astype(np.float64), ii, head.astype(np.int32)  # columns sorted per row


def solve_lapmod(state):
    import lap
    n, cc, ii, kk = state
    opt, x, y = lap.lapmod(n, cc, ii, kk)
    if (x < 0).any():
        raise RuntimeError("lapmod left a row unassigned")
    return int(round(opt))


SOLVERS = {
    "ortools-lsa": (setup_ortools_lsa, solve_ortools_lsa),
    "ortools-mcf": (setup_ortools_mcf, solve_ortools_mcf),
    "scipy": (setup_scipy, solve_scipy),
    "lapmod": (setup_lapmod, solve_lapmod),
}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("solver", choices=sorted(SOLVERS))
    ap.add_argument("file")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args(argv)
    setup, solve = SOLVERS[a.solver]
    # Import the solver's modules before measuring anything.
    if a.solver.startswith("ortools"):
        import ortools.graph.python.linear_sum_assignment  # noqa: F401
        import ortools.graph.python.min_cost_flow  # noqa: F401
    elif a.solver == "scipy":
        import scipy.sparse.csgraph  # noqa: F401
    else:
        import lap  # noqa: F401

    t = time.perf_counter()
    problem = read_dimacs(a.file)
    read_s = time.perf_counter() - t

    peak = status_mb("VmHWM")
    optimum, solve_s, setup_s, added = None, [], [], None
    for run in range(a.runs):
        trim_heap()
        can_reset = reset_peak()
        before = status_mb("VmRSS")
        t = time.perf_counter()
        try:
            state = setup(problem)
        except NotImplementedError as e:
            print(json.dumps({"solver": a.solver, "skipped": str(e)}))
            return 0
        t1 = time.perf_counter()
        try:
            value = solve(state)
        except Exception as e:  # noqa: BLE001 - report any solver failure in one line
            print(f"peers.py {a.solver}: {a.file}: {type(e).__name__}: {e}", file=sys.stderr)
            return 1
        t2 = time.perf_counter()
        hwm = status_mb("VmHWM")
        peak = max(peak, hwm)
        if run == 0 and can_reset:
            added = hwm - before
        del state
        setup_s.append(t1 - t)
        solve_s.append(t2 - t1)
        if optimum is not None and value != optimum:
            print(f"peers.py {a.solver}: optimum changed between runs: {optimum} then {value}", file=sys.stderr)
            return 1
        optimum = value
    print(json.dumps({
        "solver": a.solver, "optimum": optimum, "solve_s": solve_s, "setup_s": setup_s,
        "read_s": read_s, "peak_rss_mb": peak, "solve_added_mb": added,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
