#!/usr/bin/env bash
# The million-household case, by hand (not part of scripts/test.sh: it needs a release build,
# about 300 MB of generated files and many minutes).
#
#   bash scripts/scale-1m.sh [SCALE] [TIME_LIMIT]
#
# Generates the dalian preset at SCALE (default 20: about 1,040,000 households in 200
# districts), then runs `match pair` on it under /usr/bin/time with TIME_LIMIT (default 20m;
# on expiry `timeout` sends SIGTERM, which match answers by exiting 143 with nothing
# written; the peak memory then is the peak so far), and once more with MATCH_MEMORY_LIMIT=4G to show the early refusal. Prints peak
# memory (maximum resident set) and times; docs/reliability.md records a run.
set -uo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-20}
LIMIT=${2:-20m}
DATA=${SCALE_DATA:-/tmp/matcher-scale-$SCALE}
swift build -c release >/dev/null || exit 2
MATCH=.build/release/match
if [ ! -f "$DATA/households.csv" ]; then
    /usr/bin/time -f "generate: %e s, peak %M KB" $MATCH generate --preset dalian --seed 1 --scale "$SCALE" --out "$DATA" || exit 2
fi
echo "inputs: $(($(wc -l < "$DATA/households.csv") - 1)) households, $(($(wc -l < "$DATA/helpers.csv") - 1)) helpers, $(du -sh "$DATA" | cut -f1)"
echo "== with MATCH_MEMORY_LIMIT=4G"
MATCH_MEMORY_LIMIT=4G /usr/bin/time -f "status %x, %e s, peak %M KB" $MATCH pair --households "$DATA/households.csv" \
    --helpers "$DATA/helpers.csv" --out "$DATA/out-limited" --force
echo "== with the default budget, time limit $LIMIT"
MATCH_TRACE=1 /usr/bin/time -f "status %x, %e s, peak %M KB" timeout --preserve-status "$LIMIT" $MATCH pair \
    --households "$DATA/households.csv" --helpers "$DATA/helpers.csv" --out "$DATA/out" --force 2>&1 | tail -n 25
ls -la "$DATA/out" 2>/dev/null
