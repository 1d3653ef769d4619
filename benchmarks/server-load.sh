#!/usr/bin/env bash
# Load check of the office server on loopback: 50 concurrent clients (wrk) read a solved
# city round's summary and one street's pairs list as a clerk of that street, while
# city-scale solves (the dalian preset, queued one after another) run on the same server.
# Prints wrk's latencies and errors, and how many solves were still running at the end.
#   bash benchmarks/server-load.sh            (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
DURATION="${DURATION:-20}"
SOLVES="${SOLVES:-4}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
build_match
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
dalian_office "$work/data"

# Round 1: solved, the one read under load. Rounds 2..: the solves that run meanwhile.
for i in $(seq 0 "$SOLVES"); do
    api admin POST /api/rounds "{\"name\":\"dalian $i\"}" >/dev/null
    api_file admin PUT "/api/rounds/$((i + 1))/households" "$households" >/dev/null
    api_file admin PUT "/api/rounds/$((i + 1))/helpers" "$helpers" >/dev/null
done
api admin POST /api/rounds/1/solve >/dev/null
wait_solved admin 1
api clerk GET /api/rounds/1/pairs.csv >/dev/null
echo "the street's list: $(($(wc -l <"$COOKIES_DIR/body") - 1)) rows, $(wc -c <"$COOKIES_DIR/body") bytes"

for i in $(seq 2 $((SOLVES + 1))); do api admin POST "/api/rounds/$i/solve" >/dev/null; done
sleep 1
cookie=$(awk '$6 == "match_session" { print "match_session=" $7 }' "$COOKIES_DIR/clerk.jar")
echo "wrk: 50 connections, 2 threads, ${DURATION} s, while $SOLVES dalian solves run one after another"
MATCH_COOKIE="$cookie" MATCH_SUMMARY_PATH=/api/rounds/1 MATCH_LIST_PATH=/api/rounds/1/pairs.csv \
    wrk -t2 -c50 -d"${DURATION}s" --timeout 10s -s benchmarks/server-load.lua "$BASE" | tee "$work/wrk.txt"
solving=0
for i in $(seq 2 $((SOLVES + 1))); do
    api admin GET "/api/rounds/$i" >/dev/null
    [ "$(json_field "$(last_body)" status)" = solving ] && solving=$((solving + 1))
done
echo "solves still queued or running when wrk ended: $solving of $SOLVES"
[ "$solving" -gt 0 ] || echo "WARNING: every solve ended before wrk did; raise SOLVES for full overlap"
