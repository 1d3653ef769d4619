#!/usr/bin/env bash
# End to end on a generated preset: read, model, solve, certificate, write — one
# `match pair` run under /usr/bin/time -v. Prints wall time and peak memory.
#   benchmarks/pair_preset.sh [MATCH] [PRESET] [SEED]     defaults: release build, dalian, 1
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MATCH="${1:-$HERE/../.build/release/match}"
PRESET="${2:-dalian}"
SEED="${3:-1}"
DATA="$HERE/data/preset-$PRESET-$SEED"
[ -f "$DATA/households.csv" ] || "$MATCH" generate --preset "$PRESET" --seed "$SEED" --out "$DATA" >/dev/null
rm -rf "$DATA/out"
/usr/bin/time -v "$MATCH" pair --households "$DATA/households.csv" --helpers "$DATA/helpers.csv" \
    --out "$DATA/out" --certificate "$DATA/out/certificate.csv" > "$DATA/pair.log" 2> "$DATA/time.log"
wall=$(grep 'Elapsed (wall clock)' "$DATA/time.log" | awk '{print $NF}')
peak=$(grep 'Maximum resident set size' "$DATA/time.log" | awk '{print $NF}')
echo "pair $PRESET seed $SEED: wall $wall, peak $((peak / 1024)) MB"
grep -E '^(pairs|unpaired|objective|bound)' "$DATA/pair.log"
