#!/usr/bin/env bash
# Speed of the office's HTML pages at city scale (issue 19): the dalian preset (~52,000
# households) is loaded into a server round and solved; then the pair list page (first,
# middle and last pages, searches by name, id and place, filters, a sort), the review page
# with its charts, and a household's page with its alternatives are fetched over HTTP on
# loopback as an admin (the whole city) and as a clerk of one street: the median and the
# slowest of RUNS calls each (the whole page: query, template and transfer).
#   MATCH=.build/release/match RUNS=10 bash benchmarks/pages-html.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
RUNS="${RUNS:-10}"
build_match
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
dalian_office "$work/data"
api admin POST /api/rounds '{"name":"dalian"}' >/dev/null
api_file admin PUT /api/rounds/1/households "$households" >/dev/null
api_file admin PUT /api/rounds/1/helpers "$helpers" >/dev/null
api admin POST /api/rounds/1/solve >/dev/null
wait_solved admin 1
python3 - "$BASE" "$COOKIES_DIR" "$households" "$street" "$RUNS" <<'PY'
import csv, http.client, statistics, sys, time, urllib.parse
base, jars, households, street, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
host = urllib.parse.urlparse(base)
def cookie(slot):
    for line in open(f"{jars}/{slot}.jar"):
        f = line.rstrip("\n").split("\t")
        if len(f) == 7 and f[5] == "match_session": return "match_session=" + f[6]
rows = list(csv.DictReader(open(households, encoding="utf-8-sig")))
mine = [r for r in rows if r["district"] + "/" + r["street"] == street]
q = urllib.parse.quote
pages = [
    ("admin", "pair list, page 1", "/rounds/1/pairs"),
    ("admin", "pair list, page 520 (middle)", "/rounds/1/pairs?page=520"),
    ("admin", "pair list, last page", "/rounds/1/pairs?page=1040"),
    ("admin", "search by name", "/rounds/1/pairs?q=" + q(rows[len(rows) // 2]["name"])),
    ("admin", "search by household id", "/rounds/1/pairs?q=" + q(rows[len(rows) // 3]["id"])),
    ("admin", "search by community", "/rounds/1/pairs?q=" + q(rows[100]["community"])),
    ("admin", "filter: street + volunteers + unmet", "/rounds/1/pairs?place=" + q(street) + "&kind=volunteer&unmet=1"),
    ("admin", "filter: unpaired, sort by severity", "/rounds/1/pairs?status=unpaired&sort=severity&desc=1&page=20"),
    ("admin", "review (city, 5 charts)", "/rounds/1/review"),
    ("admin", "household with alternatives", "/rounds/1/households/" + q(rows[len(rows) // 3]["id"])),
    ("clerk", "clerk: pair list", "/rounds/1/pairs"),
    ("clerk", "clerk: search in the street", "/rounds/1/pairs?q=" + q(mine[len(mine) // 2]["name"])),
    ("clerk", "clerk: review", "/rounds/1/review"),
    ("clerk", "clerk: household", "/rounds/1/households/" + q(mine[0]["id"])),
]
print(f"| page | as | median ms | slowest ms | bytes |\n|---|---|---|---|---|")
for who, label, path in pages:
    connection = http.client.HTTPConnection(host.hostname, host.port)
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        connection.request("GET", path, headers={"Cookie": cookie(who)})
        answer = connection.getresponse()
        body = answer.read()
        times.append((time.perf_counter() - start) * 1000)
        assert answer.status == 200, f"{path}: {answer.status}"
        size = len(body)
    print(f"| {label} | {who} | {statistics.median(times):.0f} | {max(times):.0f} | {size} |")
PY
