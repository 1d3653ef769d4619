"""Times the pair list queries of benchmarks/page-queries.sh over one keep-alive connection
per caller. Arguments: BASE ADMIN_COOKIE CLERK_COOKIE HOUSEHOLDS_CSV STREET RUNS."""
import csv
import http.client
import json
import statistics
import sys
import time
import urllib.parse

base, admin_cookie, clerk_cookie, households_csv, street, runs = sys.argv[1:7]
runs = int(runs)
url = urllib.parse.urlparse(base)
rows = list(csv.DictReader(open(households_csv, encoding="utf-8-sig")))
middle = rows[len(rows) // 2]
district_of_street = street.split("/")[0]


def connection():
    return http.client.HTTPConnection(url.hostname, url.port, timeout=30)


def call(conn, cookie, path):
    start = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    if response.status != 200:
        raise SystemExit(f"{path}: {response.status} {body[:200]!r}")
    return elapsed, json.loads(body)


def q(**params):
    return "/api/rounds/1/pair-list?" + urllib.parse.urlencode(params)


admin = connection()
clerk = connection()
_, first = call(admin, admin_cookie, q())
total = first["total"]
last_page = (total + 49) // 50
cases = [
    ("admin", "page 1 (place order)", q()),
    ("admin", "page in the middle", q(page=last_page // 2)),
    ("admin", "last page", q(page=last_page)),
    ("admin", "search a surname (one character)", q(q=middle["name"][0])),
    ("admin", "search a full name", q(q=middle["name"])),
    ("admin", "search a household id", q(q=middle["id"])),
    ("admin", "search a community name", q(q=middle["community"])),
    ("admin", "filter one street", q(place=street)),
    ("admin", "filter helper kind volunteer", q(kind="volunteer")),
    ("admin", "filter status unpaired", q(status="unpaired")),
    ("admin", "filter unmet need yes", q(unmet="true")),
    ("admin", "sort by cost, descending", q(sort="cost", desc="true")),
    ("admin", "sort by name, page in the middle", q(sort="name", page=last_page // 2)),
    ("admin", "search + kind + unmet + sort", q(q=middle["name"][0], kind="cadre", unmet="true", sort="severity", desc="true")),
    ("admin", "page size 500", q(page_size=500, page=3)),
    ("clerk", "clerk: page 1 of its street", q()),
    ("clerk", "clerk: search a surname", q(q=middle["name"][0])),
    ("clerk", "clerk: sort by cost", q(sort="cost", desc="true")),
]
print(f"{total} households in the round; {runs} calls per query (after one warm-up)")
print()
print("| query | caller | rows matching | median ms | slowest ms |")
print("|---|---|---|---|---|")
worst = 0.0
for who, label, path in cases:
    conn, cookie = (admin, admin_cookie) if who == "admin" else (clerk, clerk_cookie)
    _, page = call(conn, cookie, path)
    times = [call(conn, cookie, path)[0] for _ in range(runs)]
    worst = max(worst, max(times))
    print(f"| {label} | {who} | {page['total']} | {statistics.median(times):.1f} | {max(times):.1f} |")

# A household's alternatives: the first call builds the round's cost model; then warm.
detail = f"/api/rounds/1/pair-list/{urllib.parse.quote(middle['id'])}"
cold, _ = call(admin, admin_cookie, detail)
others = [r["id"] for r in rows[:: max(1, len(rows) // runs)]][:runs]
warm = [call(admin, admin_cookie, f"/api/rounds/1/pair-list/{urllib.parse.quote(h)}")[0] for h in others]
print(f"| household detail with 5 alternatives, first call after the solve | admin | 1 | {cold:.1f} | {cold:.1f} |")
print(f"| household detail with 5 alternatives, warm ({len(warm)} households) | admin | 1 | {statistics.median(warm):.1f} | {max(warm):.1f} |")
print()
print(f"slowest pair list call: {worst:.1f} ms ({'under' if worst < 300 else 'NOT under'} 300 ms)")
