#!/usr/bin/env bash
# Speed of the pair list pages (issue 19): the dalian preset (~52,000 households) is loaded
# into a server round and solved; then each kind of page query — plain pages near the
# start, middle and end, searches by name, household id and place, filters by street,
# helper kind, status and unmet need, sorts — is timed over HTTP on loopback, as an admin
# (the whole city) and as a clerk of one street, and a household's page with its
# alternatives (after the solve, warm, and first after a restart, which rebuilds the
# round's cost model). Prints a table of the median and the slowest of RUNS calls each
# (wall time of the HTTP call on a keep-alive connection).
#   MATCH=.build/release/match RUNS=20 bash benchmarks/page-queries.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
RUNS="${RUNS:-20}"
build_match
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
dalian_office "$work/data"
api admin POST /api/rounds '{"name":"dalian"}' >/dev/null
api_file admin PUT /api/rounds/1/households "$households" >/dev/null
api_file admin PUT /api/rounds/1/helpers "$helpers" >/dev/null
started=$(date +%s.%N)
api admin POST /api/rounds/1/solve >/dev/null
wait_solved admin 1
echo "solved and stored in $(python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 1))" "$started" "$(date +%s.%N)") s"
cookie() { awk '$6 == "match_session" { print "match_session=" $7 }' "$COOKIES_DIR/$1.jar"; }
python3 benchmarks/page_queries.py "$BASE" "$(cookie admin)" "$(cookie clerk)" "$households" "$street" "$RUNS"
# After a restart the first household page rebuilds the round's cost model from its files.
stop_server
start_server "$work/data" >/dev/null
login admin "$ADMIN_PASSWORD" admin
household=$(python3 -c 'import csv,sys; rows=list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))); print(rows[len(rows)//3]["id"])' "$households")
for call in "first after a restart (rebuilds the cost model)" "second"; do
    seconds=$(curl -sS -o /dev/null -w '%{time_total}' -b "$COOKIES_DIR/admin.jar" "$BASE/api/rounds/1/pair-list/$household")
    echo "household detail, $call: $(python3 -c "print(round(float('$seconds') * 1000, 1))") ms"
done

