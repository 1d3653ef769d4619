#!/usr/bin/env bash
# One command: venv with the peers, release build of match, reproducible instances, every
# solver on the same files, a checked table in results/latest.md. See README.md.
#   RUNS=1 benchmarks/run.sh          quick check
#   SOLVERS=match,scipy INSTANCES=xigang-5000-d40-c1000 RUNS=3 benchmarks/run.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
VENV="$HERE/.venv"

# (a) Python venv with the peers, reinstalled only when requirements.txt changes.
if [ ! -x "$VENV/bin/python" ]; then
    PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
    echo "creating $VENV with $PY" >&2
    "$PY" -m venv "$VENV"
fi
if ! cmp -s "$HERE/requirements.txt" "$VENV/.requirements.installed" 2>/dev/null; then
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet -r "$HERE/requirements.txt"
    cp "$HERE/requirements.txt" "$VENV/.requirements.installed"
fi

# (b) match, release build, in its own scratch folder.
echo "building match (release)" >&2
(cd "$ROOT" && swift build -c release --scratch-path .build-bench --product match >&2)
MATCH="$ROOT/.build-bench/release/match"

# (c) instances, (d) runs and checks, table.
"$VENV/bin/python" "$HERE/bench.py" --match "$MATCH"

# (e) the yearly pairing end to end on the dalian preset.
"$HERE/pair_preset.sh" "$MATCH" dalian 1
