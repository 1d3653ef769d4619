#!/usr/bin/env bash
# End to end through the JSON API only, at city scale: sign in, create a round, upload the
# dalian preset, solve, read the summary, download a street's list as a clerk of that
# street; the same clerk gets 403 for another street's list and for publishing; the
# objective equals `match pair`'s on the same files.
#   bash scripts/server-walkthrough.sh        (uses .build/release/match; builds it if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
build_match
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
"$MATCH" generate --preset dalian --seed 1 --out "$work/dalian" >/dev/null
start_server "$work/data"

# The first data row's street is the clerk's; another district's street is "another street".
read -r street other < <(python3 - "$work/dalian/households.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
first = rows[0]
other = next(r for r in rows if r["district"] != first["district"])
print(f'{first["district"]}/{first["street"]} {other["district"]}/{other["street"]}')
PY
)
echo "clerk-password-1" | "$MATCH" user add --data "$work/data" --name clerk --role clerk --scope "$street"

login admin "$ADMIN_PASSWORD" admin
api admin POST /api/rounds '{"name":"2027 年度结对 (dalian)"}' >/dev/null
round=$(json_field "$(last_body)" id)
api_file admin PUT "/api/rounds/$round/households" "$work/dalian/households.csv" >/dev/null
api_file admin PUT "/api/rounds/$round/helpers" "$work/dalian/helpers.csv" >/dev/null
start=$(date +%s.%N)
api admin POST "/api/rounds/$round/solve" >/dev/null
wait_solved admin "$round"
echo "solved in $(python3 -c "print(round($(date +%s.%N) - $start, 1))") s (request to status solved)"
summary=$(python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; print(s["objective"], s["bound"], s["pairs"], s["unpaired"])' <<<"$(last_body)")
echo "summary: objective bound pairs unpaired = $summary"

"$MATCH" pair --households "$work/dalian/households.csv" --helpers "$work/dalian/helpers.csv" --out "$work/pair" >/dev/null
cli=$(python3 -c 'import json; s=json.load(open("'"$work/pair/summary.json"'")); print(s["objective"], s["bound"], s["pairs"], s["unpaired"])')
echo "match pair:                                 $cli"
[ "$summary" = "$cli" ] || { echo "FAIL: the server's plan differs from match pair's"; exit 1; }

login clerk "clerk-password-1" clerk
status=$(api clerk GET "/api/rounds/$round/pairs.csv")
rows=$(python3 - "$street" "$COOKIES_DIR/body" <<'PY'
import csv, sys
district, street = sys.argv[1].split("/")
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8-sig")))
assert rows, "no rows"
assert all(r["district"] == district and r["street"] == street for r in rows), "a row outside the street"
print(len(rows))
PY
)
echo "clerk of $street: pairs.csv $status, $rows rows, all in the street"
status=$(api clerk GET "/api/rounds/$round/pairs.csv?place=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' "$other")")
echo "clerk asks for $other: $status"; [ "$status" = 403 ]
status=$(api clerk POST "/api/rounds/$round/publish")
echo "clerk publishes: $status"; [ "$status" = 403 ]
status=$(api admin POST "/api/rounds/$round/publish")
echo "admin publishes: $status"; [ "$status" = 200 ]
echo "walkthrough: all checks passed"
