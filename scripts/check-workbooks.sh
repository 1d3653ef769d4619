#!/usr/bin/env bash
# Reads the workbooks `match pair --format xlsx` writes with openpyxl (an independent reader)
# and compares them with the CSV files of the same run (scripts/check-workbooks.py). Uses the
# venv .venv-xlsx that scripts/setup.sh makes; skips with a note when there is none.
#   scripts/check-workbooks.sh [MATCH]       default: the debug build
set -euo pipefail
cd "$(dirname "$0")/.."
MATCH="${1:-.build/debug/match}"
PY=.venv-xlsx/bin/python
if [ ! -x "$PY" ] || ! "$PY" -c "import openpyxl" 2>/dev/null; then
    echo "check-workbooks: skipped (no .venv-xlsx with openpyxl; run scripts/setup.sh)"
    exit 0
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
F=Tests/MatcherTests/Fixtures/workbooks
"$PY" scripts/check-workbooks.py "$MATCH" "$F/roll-households.csv" "$F/roll-helpers.csv" "$WORK"
