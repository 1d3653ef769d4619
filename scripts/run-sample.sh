#!/usr/bin/env bash
# Sets up, builds, and pairs the embedded Xigang-scale sample (4,601 households).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release 2>&1 | tail -1
out=out/xigang
.build/release/match pair \
    --households samples/xigang/households.csv \
    --helpers samples/xigang/helpers.csv \
    --policy samples/xigang/policy.yaml \
    --certificate "$out/certificate.csv" \
    --out "$out" --force
echo
echo "open $out/pairs.csv in Excel or WPS; $out/unpaired.csv lists who is left and why"
