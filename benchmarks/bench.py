#!/usr/bin/env python3
"""Benchmark driver: generates the instances, runs `match solve` and the peers on the same
files, checks that every optimum equals match's, prints a table and writes it to
results/latest.md. Run it through run.sh, which prepares the venv and builds match.

Environment: RUNS (default 5) runs per solver and instance; SEED (default 1) for the
generator; TIMEOUT (default 3600) seconds per process; SOLVERS (comma list, default all:
match,ortools-lsa,ortools-mcf,scipy,lapmod); INSTANCES (comma list of names, default all).
"""

import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
RESULTS = HERE / "results"

# name, rows, degree, max cost. Seeds come from SEED.
INSTANCES = [
    ("dalian-35666-d50-c1000", 35666, 50, 1000),
    ("dalian-35666-d50-c30", 35666, 50, 30),
    ("xigang-5000-d40-c1000", 5000, 40, 1000),
]
PEERS = ["ortools-lsa", "ortools-mcf", "scipy", "lapmod"]
LABEL = {
    "match": "match (auction + Hungarian)",
    "ortools-lsa": "OR-Tools SimpleLinearSumAssignment",
    "ortools-mcf": "OR-Tools SimpleMinCostFlow",
    "scipy": "scipy min_weight_full_bipartite_matching",
    "lapmod": "lap.lapmod",
}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def generate(seed):
    DATA.mkdir(exist_ok=True)
    files = {}
    wanted = os.environ.get("INSTANCES")
    for name, rows, degree, max_cost in INSTANCES:
        if wanted and name not in wanted.split(","):
            continue
        path = DATA / f"{name}-s{seed}.asn"
        if not path.exists():
            log(f"generating {path.name}")
            subprocess.run(
                [sys.executable, str(HERE / "gen_dimacs.py"), "--rows", str(rows), "--degree", str(degree),
                 "--max-cost", str(max_cost), "--seed", str(seed), "--out", str(path)],
                check=True)
        files[name] = path
    return files


def run_match(match, path, runs, timeout):
    solve, read, peak, optimum = [], [], 0.0, None
    for _ in range(runs):
        try:
            p = subprocess.run(["/usr/bin/time", "-v", match, "solve", str(path)],
                               capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"error": f"timeout after {timeout} s"}
        if p.returncode != 0:
            return {"error": (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[0]}
        value = int(re.search(r"^optimum (-?\d+)$", p.stdout, re.M).group(1))
        if optimum is not None and value != optimum:
            return {"error": f"optimum changed between runs: {optimum} then {value}"}
        optimum = value
        solve.append(float(re.search(r"^solve\s+([\d.]+) s$", p.stdout, re.M).group(1)))
        read.append(float(re.search(r"^read\s+([\d.]+) s$", p.stdout, re.M).group(1)))
        kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
        peak = max(peak, kb / 1024)
    return {"optimum": optimum, "solve_s": solve, "prep_s": read, "peak_mb": peak, "added_mb": None}


def run_peer(solver, path, runs, timeout):
    try:
        p = subprocess.run([sys.executable, str(HERE / "peers.py"), solver, str(path), "--runs", str(runs)],
                           capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout} s"}
    if p.returncode != 0:
        lines = p.stderr.strip().splitlines()
        return {"error": lines[-1] if lines else f"exit {p.returncode}"}
    r = json.loads(p.stdout.strip().splitlines()[-1])
    if "skipped" in r:
        return {"error": "skipped: " + r["skipped"]}
    return {"optimum": r["optimum"], "solve_s": r["solve_s"], "prep_s": r["setup_s"],
            "peak_mb": r["peak_rss_mb"], "added_mb": r["solve_added_mb"]}


def merge_runs(so_far, new):
    """One solver's results over interleaved runs: every time kept, the largest peak."""
    if new["optimum"] != so_far["optimum"]:
        return {"error": f"optimum changed between runs: {so_far['optimum']} then {new['optimum']}"}
    merged = dict(so_far)
    merged["solve_s"] = so_far["solve_s"] + new["solve_s"]
    merged["prep_s"] = so_far["prep_s"] + new["prep_s"]
    merged["peak_mb"] = max(so_far["peak_mb"], new["peak_mb"])
    if so_far["added_mb"] is not None and new["added_mb"] is not None:
        merged["added_mb"] = max(so_far["added_mb"], new["added_mb"])
    return merged


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}"


def versions(match):
    out = []
    try:
        swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        out.append(swift.strip())
    except (OSError, IndexError):
        pass
    out.append(f"Python {platform.python_version()}")
    from importlib.metadata import version, PackageNotFoundError
    for pkg in ["ortools", "scipy", "numpy", "lap"]:
        try:
            out.append(f"{pkg} {version(pkg)}")
        except PackageNotFoundError:
            out.append(f"{pkg} missing")
    return ", ".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--match", required=True, help="path to the release build of match")
    a = ap.parse_args()
    runs = int(os.environ.get("RUNS", "5"))
    seed = int(os.environ.get("SEED", "1"))
    timeout = float(os.environ.get("TIMEOUT", "3600"))
    solvers = os.environ.get("SOLVERS", ",".join(["match"] + PEERS)).split(",")
    unknown = [x for x in solvers if x not in LABEL]
    if unknown:
        raise SystemExit(f"bench.py: unknown solver(s) {', '.join(unknown)}; known: {', '.join(LABEL)}")
    if "match" not in solvers:
        solvers = ["match"] + solvers  # every optimum is checked against match's
    files = generate(seed)

    rows, failures = [], []
    for name, path in files.items():
        # The runs are interleaved (one of each solver, then again), so that this machine's
        # drifting speed (up to 30 % within minutes) weighs on every solver alike.
        results = {}
        for rep in range(runs):
            for solver in solvers:
                if "error" in results.get(solver, {}):
                    continue
                log(f"{name}: {solver} run {rep + 1} of {runs}")
                if solver == "match":
                    r = run_match(a.match, path, 1, timeout)
                else:
                    r = run_peer(solver, path, 1, timeout)
                results[solver] = r if solver not in results or "error" in r else merge_runs(results[solver], r)
        for solver in solvers:
            r = results[solver]
            if "error" in r:
                log(f"{name} / {solver}: {r['error']}")
            else:
                log(f"{name} / {solver}: optimum {r['optimum']}, median solve {statistics.median(r['solve_s']):.3f} s")
        m = results["match"]
        for solver in solvers:
            r = results[solver]
            if "error" in r:
                if not r["error"].startswith("skipped"):
                    failures.append(f"{name} / {solver}: {r['error']}")
            elif "error" not in m and r["optimum"] != m["optimum"]:
                failures.append(f"{name} / {solver}: optimum {r['optimum']} differs from match's {m['optimum']}")
                r["mismatch"] = True
            rows.append((name, solver, r, m))

    header = ("| instance | solver | optimum | median solve s | match/peer | read or setup s | "
              "peak MB | solve +MB |")
    lines = [header, "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, solver, r, m in rows:
        if "error" in r:
            lines.append(f"| {name} | {LABEL[solver]} | — | {r['error']} | | | | |")
            continue
        med = statistics.median(r["solve_s"])
        ratio = ""
        if "error" not in m:
            mmed = statistics.median(m["solve_s"])
            ratio = f"{mmed / med:.2f}" if med > 0 else "∞"
        optimum = f"{r['optimum']}" + (" **MISMATCH**" if r.get("mismatch") else "")
        added = "" if r["added_mb"] is None else f"{r['added_mb']:.0f}"
        lines.append(f"| {name} | {LABEL[solver]} | {optimum} | {med:.3f} | {ratio} | "
                     f"{statistics.median(r['prep_s']):.3f} | {r['peak_mb']:.0f} | {added} |")
    table = "\n".join(lines)
    stamp = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    notes = [
        f"# Benchmark results ({stamp})",
        "",
        f"- machine: {machine()}",
        f"- software: {versions(a.match)}",
        f"- runs per solver and instance: {runs}, interleaved across solvers (median shown); generator seed {seed}",
        "- median solve s: the solve call only (reading the file excluded). match/peer: match's median "
        "over the peer's (above 1: match is slower). read or setup s: match's file reading; for a peer, "
        "building its input from parsed arrays (excluded from solve). peak MB: whole-process peak RSS "
        "(match: /usr/bin/time -v; peers: VmHWM, Python and the parsed file included). solve +MB: "
        "peak RSS added by a peer's first setup + solve.",
        "",
        table,
        "",
    ]
    if failures:
        notes += ["## Failures", ""] + [f"- {f}" for f in failures] + [""]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.md").write_text("\n".join(notes))
    print(table)
    if failures:
        print("\nFAILED:", file=sys.stderr)
        for f in failures:
            print(f"  {f}", file=sys.stderr)
        return 1
    print(f"\nall optima agree; written to {RESULTS / 'latest.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
