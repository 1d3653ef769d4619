#!/usr/bin/env bash
# The office's pages in a real browser: starts `match serve` on a temporary database with
# the xigang sample's files, makes a street clerk, and drives Debian's chromium through
# chromedriver (Selenium, headless) over a whole round as the administrator and as the clerk,
# in Chinese and once in English, with a screenshot at each step.
#   bash scripts/browser-walkthrough.sh [SHOTS_DIR]     (default: a temporary folder)
# MATCH names the binary (default .build/debug/match, built if missing); CHROMIUM and
# CHROMEDRIVER the browser and its driver (default /usr/bin/chromium, /usr/bin/chromedriver).
set -euo pipefail
cd "$(dirname "$0")/.."
MATCH="${MATCH:-.build/debug/match}"
source scripts/lib/server.sh
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
for tool in "$CHROMIUM" "$CHROMEDRIVER"; do
    [ -x "$tool" ] || { echo "browser-walkthrough: $tool is missing; run scripts/setup.sh (apt-get install chromium chromium-driver)" >&2; exit 1; }
done
if [ ! -x "$MATCH" ]; then swift build --product match 2>&1 | tail -1; fi
if [ ! -x .venv-browser/bin/python ] || ! .venv-browser/bin/python -c "import selenium" 2>/dev/null; then
    echo "== making .venv-browser with selenium"
    python3 -m venv .venv-browser
    .venv-browser/bin/pip install -q selenium==4.51.0
fi
work=$(mktemp -d)
shots="${1:-$work/shots}"
trap 'stop_server; rm -rf "$work"' EXIT
start_server "$work/data"

# The clerk's street is the first household's; "another street" is a different one.
read -r street other < <(python3 - samples/xigang/households.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
first = rows[0]
other = next(r for r in rows if r["street"] != first["street"])
print(f'{first["district"]}/{first["street"]} {other["district"]}/{other["street"]}')
PY
)
echo "clerk-password-1" | "$MATCH" user add --data "$work/data" --name clerk --role clerk --scope "$street" >/dev/null

# A broken copy of the households file: a severity out of range, a blank name, a repeated id.
python3 - samples/xigang/households.csv "$work/households-broken.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
header = rows[0]
rows[3][header.index("severity")] = "9"
rows[5][header.index("name")] = ""
rows[8][header.index("id")] = rows[2][header.index("id")]
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows(rows)
PY

# Next year's helpers: every twentieth helper withdraws.
python3 - samples/xigang/helpers.csv "$work/helpers-next.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8-sig").read().splitlines()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("\n".join([lines[0]] + [l for i, l in enumerate(lines[1:]) if i % 20 != 7]) + "\n")
PY

.venv-browser/bin/python scripts/browser/walkthrough.py \
    --base "$BASE" --admin-password "$ADMIN_PASSWORD" --clerk-password clerk-password-1 \
    --clerk-street "$street" --other-street "$other" \
    --households samples/xigang/households.csv --helpers samples/xigang/helpers.csv --helpers-next "$work/helpers-next.csv" \
    --broken "$work/households-broken.csv" --shots "$shots" \
    --chromium "$CHROMIUM" --chromedriver "$CHROMEDRIVER"
