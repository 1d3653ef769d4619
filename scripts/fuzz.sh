#!/usr/bin/env bash
# Fuzzes the input readers with libFuzzer (not part of scripts/test.sh: it runs for minutes).
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 600); TARGET is roll-reader (CSVRecords, the table layer and
# RollReader on arbitrary bytes, UTF-8 or GB18030) and/or dimacs-reader (DIMACSReader, then the
# Hungarian solver and its certificate on what it accepts); default both.
#
# Each harness (Fuzz/*Fuzz.swift) is compiled with `swiftc -sanitize=fuzzer,address` together
# with the library files it exercises, as one module, so no package build is involved. The
# seed corpus is Fuzz/corpus/TARGET (kept read-only); inputs the fuzzer finds go to
# .build-fuzz/work-TARGET. The log of each run goes to Fuzz/results/TARGET.log (its start and
# end; the full log stays in .build-fuzz). A crash, a failed check, a leak or a run over the
# memory or time limits stops the run, leaves the input in Fuzz/results/ and makes this
# script exit non-zero.
set -uo pipefail
# The Swift runtime's own crash backtracer reads freed memory and trips AddressSanitizer,
# hiding the real failure; libFuzzer and ASan print the stack instead.
export SWIFT_BACKTRACE=enable=no
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-600}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(roll-reader dimacs-reader)

S=Sources/Matcher
declare -A FILES=(
    [roll-reader]="Fuzz/RollReaderFuzz.swift $S/IO/CSVRecords.swift $S/IO/Table.swift $S/IO/TextDecoding.swift $S/IO/InputProblem.swift $S/IO/RollReader.swift $S/Model/HelperKind.swift $S/Model/NeedDimensions.swift $S/Model/Places.swift $S/Model/Roll.swift"
    [dimacs-reader]="Fuzz/DIMACSReaderFuzz.swift $S/IO/DIMACSReader.swift $S/IO/DIMACSWriter.swift $S/IO/AtomicFile.swift $S/Model/MemoryBudget.swift $S/Solvers/AssignmentProblem.swift $S/Solvers/AssignmentCertificate.swift $S/Solvers/HungarianSolver.swift $S/Solvers/HungarianSolver+WarmStart.swift $S/Solvers/ColumnHeap.swift"
)
declare -A MAXLEN=([roll-reader]=8192 [dimacs-reader]=4096)

mkdir -p .build-fuzz Fuzz/results
status=0
for target in "${TARGETS[@]}"; do
    if [ -z "${FILES[$target]:-}" ]; then echo "unknown target $target" >&2; exit 2; fi
    echo "== $target: building"
    # shellcheck disable=SC2086
    if ! swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name Matcher \
        ${FILES[$target]} -o ".build-fuzz/$target" 2> ".build-fuzz/$target.build.log"; then
        grep -v 'ld.gold: warning' ".build-fuzz/$target.build.log" >&2
        exit 2
    fi
    mkdir -p ".build-fuzz/work-$target"
    full=".build-fuzz/$target.log"
    command=(".build-fuzz/$target" -max_total_time="$SECONDS_EACH" -max_len="${MAXLEN[$target]}"
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="Fuzz/results/$target-" ".build-fuzz/work-$target" "Fuzz/corpus/$target")
    echo "== $target: fuzzing for $SECONDS_EACH s"
    started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    commit="$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
    "${command[@]}" > "$full" 2>&1
    code=$?
    {
        echo "# libFuzzer run of $target"
        echo "# started $started, finished $(date -u +%Y-%m-%dT%H:%M:%SZ), exit status $code"
        echo "# commit $commit at the start, $(swiftc --version 2>&1 | head -1)"
        echo "# command: ${command[*]}"
        echo "# seed corpus: $(ls "Fuzz/corpus/$target" | wc -l) files; inputs found (this and earlier runs, .build-fuzz/work-$target): $(ls ".build-fuzz/work-$target" | wc -l)"
        echo "# --- start of libFuzzer's log"
        grep -v '^"' "$full" | head -n 25
        echo "# --- end of libFuzzer's log"
        grep -v '^"' "$full" | grep -v '^###### ' | tail -n 25
    } > "Fuzz/results/$target.log"
    if [ $code -ne 0 ]; then
        echo "== $target: FAILED (exit $code); see Fuzz/results/$target.log and Fuzz/results/$target-*" >&2
        status=1
    else
        echo "== $target: no crash; $(grep -E '^stat::number_of_executed_units' "$full")"
    fi
done
exit $status
