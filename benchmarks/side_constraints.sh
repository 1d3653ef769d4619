#!/usr/bin/env bash
# Side constraints beside the plain solve, in one run: each case is run RUNS times, the cases
# alternated run by run so the machine's drift weighs on all alike; plan, bound, gap, seconds
# and the solver's own account (GLPK's model sizes for org_spread) go to
# results/side-constraints.md.
#   benchmarks/side_constraints.sh [MATCH]          RUNS=3 CASES="dalian-plain dalian-street67" ...
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
if [ -z "${1:-}" ]; then
    echo "building match (release)" >&2
    (cd "$ROOT" && swift build -c release --scratch-path .build-bench --product match >&2)
fi
MATCH="${1:-$ROOT/.build-bench/release/match}"
RUNS="${RUNS:-1}"
WORK="$HERE/data/side"
mkdir -p "$WORK"

# name | preset | policy (YAML, one line per key, "|" separates lines) | time limit
CASE_LIST="
dalian-plain|dalian||60
dalian-street60|dalian|coverage: [{level: street, min_fraction: 0.6}]|60
dalian-street67|dalian|coverage: [{level: street, min_fraction: 0.67}]|60
dalian-street67-district68|dalian|coverage: [{level: street, min_fraction: 0.67}, {level: district, min_fraction: 0.68}]|60
dalian-street67-org3|dalian|coverage: [{level: street, min_fraction: 0.67}]|org_spread: 3|120
xigang-plain|xigang||60
xigang-street80-org3|xigang|coverage: [{level: street, min_fraction: 0.8}]|org_spread: 3|20
"
CASES="${CASES:-$(echo "$CASE_LIST" | grep -v '^$' | cut -d'|' -f1 | tr '\n' ' ')}"

for preset in dalian xigang; do
    [ -f "$HERE/data/preset-$preset-1/households.csv" ] ||
        "$MATCH" generate --preset "$preset" --seed 1 --out "$HERE/data/preset-$preset-1" >/dev/null
done

RESULTS="$WORK/results.tsv"
: > "$RESULTS"
for run in $(seq 1 "$RUNS"); do
    for name in $CASES; do
        line=$(echo "$CASE_LIST" | grep "^$name|")
        preset=$(echo "$line" | cut -d'|' -f2)
        limit=$(echo "$line" | awk -F'|' '{print $NF}')
        policy=$(echo "$line" | awk -F'|' '{for (i = 3; i < NF; i++) if ($i != "") print $i}')
        data="$HERE/data/preset-$preset-1"
        out="$WORK/$name"
        echo "$policy" > "$WORK/$name.yaml"
        echo "run $run: $name" >&2
        if ! "$MATCH" pair --households "$data/households.csv" --helpers "$data/helpers.csv" \
            --policy "$WORK/$name.yaml" --time-limit "$limit" --out "$out" --force >/dev/null 2> "$WORK/$name.err"; then
            echo "$name: $(head -c 300 "$WORK/$name.err")" >&2
            continue
        fi
        python3 - "$name" "$out/summary.json" >> "$RESULTS" <<'PY'
import json, sys
s = json.load(open(sys.argv[2]))
print("\t".join([sys.argv[1], str(s["objective"]), str(s["bound"]), "%.3f" % (100 * s["gap"]),
                 "%.2f" % s["seconds"], s["solver"], s.get("solver_reason", "").replace("\t", " ")]))
PY
    done
done

python3 - "$RESULTS" "$RUNS" > "$HERE/results/side-constraints.md" <<'PY'
import sys, statistics, collections
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    name, obj, bound, gap, secs, solver, reason = line.rstrip("\n").split("\t")
    rows.setdefault(name, []).append((int(obj), int(bound), float(gap), float(secs), solver, reason))
print("# Side constraints beside the plain solve (benchmarks/side_constraints.sh, %s run(s) each, alternated)\n" % sys.argv[2])
print("| case | plan | bound | gap % | seconds (median, range) | solver |")
print("|---|---|---|---|---|---|")
for name, runs in rows.items():
    secs = [r[3] for r in runs]
    print("| %s | %d | %d | %.3f | %.2f (%.2f–%.2f) | %s |" % (
        name, runs[-1][0], runs[-1][1], runs[-1][2], statistics.median(secs), min(secs), max(secs), runs[-1][4]))
print("\nWhat each solver said (last run):\n")
for name, runs in rows.items():
    print("- **%s**: %s" % (name, runs[-1][5]))
PY
cat "$HERE/results/side-constraints.md"
