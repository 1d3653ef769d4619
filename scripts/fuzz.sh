#!/usr/bin/env bash
# Fuzzes the input readers with libFuzzer.
#
#   bash scripts/fuzz.sh [--quick] [SECONDS] [TARGET...]
#
# Every Fuzz/NAMEFuzz.swift is a harness; its TARGET is NAME in lower case with hyphens
# (RollReaderFuzz.swift → roll-reader, DIMACSReaderFuzz.swift → dimacs-reader) and its seed
# corpus is Fuzz/corpus/TARGET (kept read-only; may be absent). Default: every harness, 600 s
# each. A harness may name libFuzzer options in a line `// libFuzzer options: -max_len=4096`.
#
# The harnesses are built by the package itself: with MATCHER_FUZZ=1, Package.swift adds one
# executable target per harness that imports the library (`@testable import Matcher`), and
# `swift build --sanitize fuzzer --sanitize address` builds them in .build-fuzz (release,
# with testing enabled). So a harness compiles against exactly the library the package
# builds; nothing lists source files by hand.
#
# Long runs (the default) keep what the fuzzer finds in .build-fuzz/work-TARGET and record
# the start and end of libFuzzer's log in Fuzz/results/TARGET.log. --quick (scripts/test.sh:
# 20 s each, fixed seed) records nothing and starts from the seed corpus alone, so that it
# checks every harness still builds and runs. A crash, a failed check, a leak or a run over
# the memory or time limits stops the run, leaves the input in Fuzz/results/ and makes this
# script exit 1; a failed build prints the compiler's errors and exits 1.
set -uo pipefail
# The Swift runtime's own crash backtracer reads freed memory and trips AddressSanitizer,
# hiding the real failure; libFuzzer and ASan print the stack instead.
export SWIFT_BACKTRACE=enable=no
cd "$(dirname "$0")/.."
source scripts/lib/steps.sh
QUICK=0
if [ "${1:-}" = "--quick" ]; then QUICK=1; shift; fi
SECONDS_EACH=${1:-$([ $QUICK = 1 ] && echo 20 || echo 600)}
[ $# -gt 0 ] && shift
REQUESTED=("$@")

# Harness file → target name: RollReaderFuzz.swift → roll-reader.
target_of() {
    basename "$1" Fuzz.swift | sed -E 's/([a-z0-9])([A-Z])/\1-\2/g; s/([A-Z]+)([A-Z][a-z])/\1-\2/g' | tr '[:upper:]' '[:lower:]'
}

declare -A PRODUCT
ALL=()
for file in Fuzz/*Fuzz.swift; do
    [ -e "$file" ] || continue
    t=$(target_of "$file")
    PRODUCT[$t]=$(basename "$file" .swift)
    ALL+=("$t")
done
TARGETS=("${REQUESTED[@]}")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")
for t in "${TARGETS[@]}"; do
    if [ -z "${PRODUCT[$t]:-}" ]; then echo "fuzz.sh: no harness for '$t' (have: ${ALL[*]})" >&2; exit 2; fi
done

export MATCHER_FUZZ=1
BUILD=(swift build --scratch-path .build-fuzz -c release --sanitize fuzzer --sanitize address -Xswiftc -enable-testing)
BIN=.build-fuzz/release
mkdir -p .build-fuzz Fuzz/results
for t in "${TARGETS[@]}"; do
    step "building the $t harness (${PRODUCT[$t]}, with libFuzzer and AddressSanitizer)" \
        ".build-fuzz/logs/build-$t.log" "${BUILD[@]}" --product "${PRODUCT[$t]}"
done

status=0
for t in "${TARGETS[@]}"; do
    harness="Fuzz/${PRODUCT[$t]}.swift"
    # shellcheck disable=SC2207
    options=($(sed -n 's|^// libFuzzer options: ||p' "$harness" | head -n 1))
    [ ${#options[@]} -eq 0 ] && options=(-max_len=8192)
    corpus=()
    [ -d "Fuzz/corpus/$t" ] && corpus=("Fuzz/corpus/$t")
    if [ $QUICK = 1 ]; then
        work=".build-fuzz/quick-$t"
        rm -rf "$work"
        extra=(-seed=1 -timeout=60)
    else
        work=".build-fuzz/work-$t"
        extra=(-timeout=10)
    fi
    mkdir -p "$work"
    full=".build-fuzz/$t.log"
    command=("$BIN/${PRODUCT[$t]}" -max_total_time="$SECONDS_EACH" "${options[@]}" "${extra[@]}"
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="Fuzz/results/$t-" "$work" "${corpus[@]}")
    echo "== $t: fuzzing for $SECONDS_EACH s (log: $full)"
    started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    commit="$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
    "${command[@]}" > "$full" 2>&1
    code=$?
    if [ $QUICK = 0 ]; then
        {
            echo "# libFuzzer run of $t"
            echo "# started $started, finished $(date -u +%Y-%m-%dT%H:%M:%SZ), exit status $code"
            echo "# commit $commit at the start, $(swiftc --version 2>&1 | head -1)"
            echo "# command: ${command[*]}"
            echo "# seed corpus: $(ls "${corpus[@]:-/dev/null}" 2>/dev/null | wc -l) files; inputs found (this and earlier runs, $work): $(ls "$work" | wc -l)"
            echo "# --- start of libFuzzer's log"
            grep -v '^"' "$full" | head -n 25
            echo "# --- end of libFuzzer's log"
            grep -v '^"' "$full" | grep -v '^###### ' | tail -n 25
        } > "Fuzz/results/$t.log"
    fi
    if [ $code -ne 0 ]; then
        grep -v '^"' "$full" | grep -v '^###### ' | tail -n 40 >&2
        echo "fuzz.sh: $t FAILED (exit status $code); the input is Fuzz/results/$t-*, the full log $full" >&2
        status=1
    else
        echo "   no crash; $(grep -E '^stat::number_of_executed_units' "$full")"
    fi
done
exit $status
