#!/usr/bin/env python3
"""Reproducible sparse DIMACS assignment instances (``p asn``) for the benchmark.

    gen_dimacs.py --rows N [--cols M] --degree D --max-cost C --seed S --out FILE

Sources are nodes 1..N (``n`` lines), sinks N+1..N+M. Each source gets D distinct sinks,
one of them pi(i) for a random injection pi (so a full assignment always exists), the others
uniform at random; costs are uniform integers in 0..C inclusive. Arcs of a source are listed
in increasing sink order. The same arguments and numpy's PCG64 give the same file.
"""

import argparse
import os
import sys

import numpy as np


def generate(rows, cols, degree, max_cost, seed):
    if rows > cols:
        raise SystemExit("gen_dimacs: rows must not exceed cols (the instance must be feasible)")
    if degree < 1 or degree > cols:
        raise SystemExit("gen_dimacs: degree must be in 1..cols")
    rng = np.random.default_rng(seed)
    perm = rng.permutation(cols)[:rows]  # pi(i): a feasible assignment
    heads = np.empty((rows, degree), dtype=np.int64)
    heads[:, 0] = perm
    heads[:, 1:] = rng.integers(0, cols, size=(rows, degree - 1))
    # Redraw the rows that hold a repeated sink until every row's sinks are distinct.
    while True:
        s = np.sort(heads, axis=1)
        bad = np.nonzero((s[:, 1:] == s[:, :-1]).any(axis=1))[0]
        if bad.size == 0:
            break
        heads[bad, 1:] = rng.integers(0, cols, size=(bad.size, degree - 1))
    heads = np.sort(heads, axis=1)
    costs = rng.integers(0, max_cost + 1, size=(rows, degree))
    return heads, costs


def write(path, rows, cols, heads, costs, comment):
    degree = heads.shape[1]
    tails = np.repeat(np.arange(1, rows + 1), degree)
    table = np.column_stack([tails, heads.ravel() + rows + 1, costs.ravel()])
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w") as f:
        f.write(f"c {comment}\n")
        f.write(f"p asn {rows + cols} {rows * degree}\n")
        f.write("".join(f"n {i}\n" for i in range(1, rows + 1)))
        np.savetxt(f, table, fmt="a %d %d %d")
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--cols", type=int)
    ap.add_argument("--degree", type=int, required=True)
    ap.add_argument("--max-cost", type=int, required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    cols = a.cols if a.cols is not None else a.rows
    heads, costs = generate(a.rows, cols, a.degree, a.max_cost, a.seed)
    comment = (f"gen_dimacs.py --rows {a.rows} --cols {cols} --degree {a.degree} "
               f"--max-cost {a.max_cost} --seed {a.seed}")
    write(a.out, a.rows, cols, heads, costs, comment)
    print(f"wrote {a.out}: {a.rows} x {cols}, {a.rows * a.degree} arcs", file=sys.stderr)


if __name__ == "__main__":
    main()
