# Long steps that say what they are doing and, when they fail, show why.
#
#   source scripts/lib/steps.sh
#   step "building the release binary" .build/logs/build.log swift build -c release
#
# A step prints what it starts, a progress line every 30 s (the build's latest "[n/m] …"
# line), and how long it took. Its whole output goes to the log. When it fails, the
# compiler's (or linker's) error lines are printed with a few lines of context — or, when
# there are none (a process killed for memory, say), the log's last 30 lines — then one
# line with the reason and the log's path, and the script exits 1.

STEP_SCRIPT=${STEP_SCRIPT:-$(basename "$0")}

step() {
    local what=$1 log=$2
    shift 2
    mkdir -p "$(dirname "$log")"
    echo "== $what (log: $log)"
    local start=$SECONDS last=$SECONDS
    "$@" > "$log" 2>&1 &
    local pid=$!
    while kill -0 "$pid" 2> /dev/null; do
        sleep 2
        if (( SECONDS - last >= 30 )); then
            last=$SECONDS
            local progress
            progress=$(grep -E '^\[[0-9]+/[0-9]+\]|^(Fetching|Computing|Creating|Working copy|Building for)' "$log" | tail -n 1 | cut -c1-100)
            echo "   ... $((SECONDS - start)) s, still working; latest step started: ${progress:-none yet}"
        fi
    done
    local status=0
    wait "$pid" || status=$?
    if (( status != 0 )); then
        step_show_errors "$log"
        echo "$STEP_SCRIPT: $what failed (exit status $status) after $((SECONDS - start)) s; the full log is $log" >&2
        exit 1
    fi
    echo "   done in $((SECONDS - start)) s"
}

# The error lines of a build log with their context, else its last lines.
step_show_errors() {
    local log=$1
    if grep -qE '(^|: )(error|fatal error):' "$log"; then
        echo "-- errors from $log:" >&2
        grep -E -A 4 '(^|: )(error|fatal error):' "$log" | grep -v 'ld.gold: warning' | head -n 60 >&2
    else
        echo "-- no error line in the log; its last 30 lines:" >&2
        tail -n 30 "$log" >&2
    fi
    echo "--" >&2
}
