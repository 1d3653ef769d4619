#!/usr/bin/env bash
# kill -9 during a solve and during an upload loses nothing committed: after each kill the
# restarted server shows the round's last committed state (files byte for byte, by SHA-256),
# an interrupted solve is back to draft and solves again, and the database checks whole.
#   bash scripts/server-crash-check.sh        (uses .build/release/match; builds it if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
build_match
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
"$MATCH" generate --preset dalian --seed 1 --out "$work/dalian" >/dev/null
data="$work/data"
sha() { sha256sum "$1" | cut -d' ' -f1; }
files_of() { python3 -c 'import json,sys; print(" ".join(f["role"]+":"+f["sha256"] for f in json.load(sys.stdin)["files"]))'; }
field() { python3 -c 'import json,sys; v=json.load(sys.stdin).get(sys.argv[1]); print(v if v is not None else "")' "$1"; }
integrity() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$data/office.sqlite"; }
kill9() { kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

start_server "$data"
login admin "$ADMIN_PASSWORD" admin
api admin POST /api/rounds '{"name":"crash check"}' >/dev/null
round=$(json_field "$(last_body)" id)
api_file admin PUT "/api/rounds/$round/households" "$work/dalian/households.csv" >/dev/null
api_file admin PUT "/api/rounds/$round/helpers" "$work/dalian/helpers.csv" >/dev/null
expected="helpers:$(sha "$work/dalian/helpers.csv") households:$(sha "$work/dalian/households.csv")"

echo "== kill -9 during a solve"
api admin POST "/api/rounds/$round/solve" >/dev/null
sleep 1.5
api admin GET "/api/rounds/$round" >/dev/null
[ "$(field status <<<"$(last_body)")" = solving ] || { echo "FAIL: not solving when killed"; exit 1; }
kill9
start_server "$data"
login admin "$ADMIN_PASSWORD" admin
api admin GET "/api/rounds/$round" >/dev/null
state=$(field status <<<"$(last_body)"); files=$(files_of <<<"$(last_body)")
echo "after restart: status $state; error: $(field error <<<"$(last_body)")"
[ "$state" = draft ] || { echo "FAIL: status $state"; exit 1; }
[ "$files" = "$expected" ] || { echo "FAIL: files $files"; exit 1; }
echo "files kept byte for byte (SHA-256 as uploaded); database: $(integrity)"
api admin POST "/api/rounds/$round/solve" >/dev/null
wait_solved admin "$round"
objective=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["objective"])' <<<"$(last_body)")
echo "solved again: objective $objective"

echo "== kill -9 while the plan is being stored (once its first rows are in)"
api_file admin PUT "/api/rounds/$round/policy" <(printf 'distance_penalty: 2\n') >/dev/null
api admin POST "/api/rounds/$round/solve" >/dev/null
python3 - "$data/office.sqlite" "$round" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=30)
for _ in range(60000):
    if db.execute("SELECT COUNT(*) FROM plan_row WHERE round_id = ?", (int(sys.argv[2]),)).fetchone()[0] > 0:
        break
    time.sleep(0.005)
PY
kill9
rows=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM plan_row WHERE round_id = ?", (int(sys.argv[2]),)).fetchone()[0])' "$data/office.sqlite" "$round")
echo "killed with $rows plan rows stored"
start_server "$data"
login admin "$ADMIN_PASSWORD" admin
api admin GET "/api/rounds/$round" >/dev/null
state=$(field status <<<"$(last_body)")
left=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM plan_row WHERE round_id = ?", (int(sys.argv[2]),)).fetchone()[0])' "$data/office.sqlite" "$round")
echo "after restart: status $state, $left plan rows left, summary $(field summary <<<"$(last_body)")"
[ "$state" = draft ] && [ "$left" = 0 ] || { echo "FAIL: a partial plan survived"; exit 1; }
api_file admin PUT "/api/rounds/$round/policy" <(printf 'distance_penalty: 1\n') >/dev/null
api admin POST "/api/rounds/$round/solve" >/dev/null
wait_solved admin "$round"
echo "solved again: objective $(python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["objective"])' <<<"$(last_body)")"
objective=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["objective"])' <<<"$(last_body)")
expected="$expected policy:$(printf 'distance_penalty: 1\n' | sha256sum | cut -d' ' -f1)"

echo "== kill -9 during an upload (the body sent slowly, killed half-way)"
python3 - "$work/dalian/households.csv" "$work/changed.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines(keepends=True)
open(sys.argv[2], "w", encoding="utf-8").write("".join(lines[:-1000]))
PY
size=$(stat -c %s "$work/changed.csv")
curl -sS -o /dev/null -b "$COOKIES_DIR/admin.jar" -X PUT -H "X-CSRF-Token: $(cat "$COOKIES_DIR/admin.csrf")" \
    --limit-rate $((size / 4)) --data-binary "@$work/changed.csv" "$BASE/api/rounds/$round/households" &
upload=$!
sleep 2
kill9
wait "$upload" 2>/dev/null || true
start_server "$data"
login admin "$ADMIN_PASSWORD" admin
api admin GET "/api/rounds/$round" >/dev/null
state=$(field status <<<"$(last_body)"); files=$(files_of <<<"$(last_body)")
after=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["objective"])' <<<"$(last_body)")
echo "after restart: status $state, objective $after"
[ "$state" = solved ] && [ "$after" = "$objective" ] || { echo "FAIL: the plan changed"; exit 1; }
[ "$files" = "$expected" ] || { echo "FAIL: files $files"; exit 1; }
echo "files and plan as last committed; database: $(integrity)"
[ "$(integrity)" = ok ]
echo "crash check: all checks passed"
