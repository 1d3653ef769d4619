#!/usr/bin/env bash
# Sets up and runs every test: with GLPK (the default trait) and without it, then a short
# run of every fuzz harness (scripts/fuzz.sh --quick), so a harness that no longer builds
# fails here. Each build says what it is doing and, when it fails, shows the compiler's
# errors and the log's path.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/steps.sh
bash scripts/setup.sh
step "fetching the Swift packages (swift-argument-parser, Yams)" .build/logs/resolve.log swift package resolve

# Per-case "started" lines of the seeded tests are dropped; results and totals are kept.
tests() {
    local name=$1
    shift
    echo "== tests with the GLPK trait $name =="
    if ! swift test --skip-build "$@" 2>&1 | grep -v ' started\.$'; then
        echo "test.sh: tests failed with the GLPK trait $name (the failures are marked ✘ above)" >&2
        exit 1
    fi
}
step "building the tests with the GLPK trait on (the default)" .build/logs/build-tests.log swift build --build-tests
tests "on (default)"
echo "== workbooks read back by openpyxl =="
step "building match" .build/logs/build-match.log swift build --product match
bash scripts/check-workbooks.sh .build/debug/match
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "== the office's pages in a real browser (chromium, headless) =="
    MATCH=.build/debug/match bash scripts/browser-walkthrough.sh
else
    echo "== skipping the browser walkthrough: chromium or chromium-driver is not installed (scripts/setup.sh installs them) =="
fi
step "building the tests with the GLPK trait off" .build-noglpk/logs/build-tests.log \
    swift build --build-tests --disable-default-traits --scratch-path .build-noglpk
tests off --disable-default-traits --scratch-path .build-noglpk

echo "== fuzz harnesses: a short run of each =="
bash scripts/fuzz.sh --quick
