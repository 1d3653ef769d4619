#!/usr/bin/env bash
# Sets up, builds, and pairs the embedded Xigang-scale sample (4,601 households).
# The first build on a fresh clone takes a few minutes (see the README); every step says
# what it is doing, and a failed build shows the compiler's errors and the log's path.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/steps.sh
bash scripts/setup.sh
step "fetching the Swift packages (swift-argument-parser, Yams)" .build/logs/resolve.log swift package resolve
step "building match (release; the first build compiles every package)" .build/logs/build-release.log swift build -c release
out=out/xigang
echo "== pairing samples/xigang"
.build/release/match pair \
    --households samples/xigang/households.csv \
    --helpers samples/xigang/helpers.csv \
    --policy samples/xigang/policy.yaml \
    --certificate "$out/certificate.csv" \
    --out "$out" --force
echo
echo "open $out/pairs.csv in Excel or WPS; $out/unpaired.csv lists who is left and why"
