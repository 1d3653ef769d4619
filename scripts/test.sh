#!/usr/bin/env bash
# Sets up and runs every test: with GLPK (the default trait) and without it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Per-case "started" lines of the seeded tests are dropped; results and totals are kept.
echo "== tests with the GLPK trait (default) =="
swift test 2>&1 | grep -v ' started\.$'
echo "== workbooks read back by openpyxl =="
swift build --product match 2>&1 | tail -1
bash scripts/check-workbooks.sh .build/debug/match
echo "== tests with the GLPK trait off =="
swift test --disable-default-traits --scratch-path .build-noglpk 2>&1 | grep -v ' started\.$'
