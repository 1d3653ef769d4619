#!/usr/bin/env bash
# Reading a city's roll as a workbook beside the same roll as CSV, in one run:
#   benchmarks/xlsx_read.sh [MATCH] [ROUNDS]      defaults: release build, 5 rounds
# Generates the dalian preset (seed 1: 52,000 households), saves households.csv as .xlsx with
# openpyxl twice (inline strings, as openpyxl and WPS write them; shared strings, as Excel
# writes them; needs .venv-xlsx from scripts/setup.sh), then alternates `match validate` on the
# three, printing the trace stamps (MATCH_TRACE): the households and helpers files split into
# records, and the roll read. The helpers file is the CSV in all three. Then the CPU time of
# each whole `match validate` (perf stat, task-clock), which a loaded machine disturbs less.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MATCH="${1:-$HERE/../.build/release/match}"
ROUNDS="${2:-5}"
PY="$HERE/../.venv-xlsx/bin/python"
DATA="$HERE/data/dalian-1"
[ -f "$DATA/households.csv" ] || "$MATCH" generate --preset dalian --seed 1 --out "$DATA" >/dev/null
[ -f "$DATA/households.xlsx" ] || "$PY" "$HERE/csv_to_xlsx.py" "$DATA/households.csv" "$DATA/households.xlsx"
[ -f "$DATA/households-shared.xlsx" ] || "$PY" "$HERE/csv_to_xlsx.py" "$DATA/households.csv" "$DATA/households-shared.xlsx" --shared-strings
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
    for h in households.csv households-shared.xlsx households.xlsx; do
        printf "%-24s " "$h"
        MATCH_TRACE=1 "$MATCH" validate --households "$DATA/$h" --helpers "$DATA/helpers.csv" 2>&1 >/dev/null \
            | grep -E "split into|roll read" | tr '\n' ' '
        echo
    done
done
if command -v perf >/dev/null; then
    for h in households.csv households-shared.xlsx households.xlsx; do
        printf "%-24s CPU " "$h"
        perf stat -r "$ROUNDS" -e task-clock "$MATCH" validate --households "$DATA/$h" --helpers "$DATA/helpers.csv" 2>&1 >/dev/null \
            | awk '/task-clock/ {print $1 " ms"}'
    done
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
