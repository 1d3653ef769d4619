# Shared by the server scripts: build `match`, start and stop a server on a free port,
# sign in and call the JSON API with curl (cookies per user, CSRF header on changes).
MATCH="${MATCH:-.build/release/match}"
SERVER_PID=""
COOKIES_DIR="$(mktemp -d)"

build_match() {
    if [ ! -x "$MATCH" ]; then
        bash scripts/setup.sh
        swift build -c release --product match 2>&1 | tail -1
    fi
}

# start_server DATA_DIR [extra serve options…]: sets BASE, SERVER_LOG and, on a first start,
# ADMIN_PASSWORD.
start_server() {
    local data="$1"; shift
    local log="$COOKIES_DIR/serve-$RANDOM.log"
    SERVER_LOG="$log"
    "$MATCH" serve --data "$data" --port 0 --first-admin admin "$@" >"$log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        if grep -q '^serving on ' "$log"; then break; fi
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log"; echo "the server did not start"; return 1; }
        sleep 0.1
    done
    BASE=$(sed -n 's/^serving on //p' "$log" | head -1)
    local password
    password=$(sed -n 's/^password (shown once): //p' "$log" | head -1)
    [ -n "$password" ] && ADMIN_PASSWORD="$password"
    echo "server $SERVER_PID on $BASE"
}

stop_server() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    SERVER_PID=""
}

json_field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

# login USER PASSWORD SLOT: keeps the cookie jar and CSRF token under SLOT.
login() {
    local body
    body=$(curl -sS -c "$COOKIES_DIR/$3.jar" -H 'Content-Type: application/json' \
        -d "{\"name\":\"$1\",\"password\":\"$2\"}" "$BASE/api/login")
    json_field "$body" csrf_token >"$COOKIES_DIR/$3.csrf"
}

# The body of the last api or api_file call.
last_body() { cat "$COOKIES_DIR/body"; }

# api SLOT METHOD PATH [JSON]: prints the status; last_body prints the body.
api() {
    local out="$COOKIES_DIR/body"
    local args=(-sS -o "$out" -w '%{http_code}' -b "$COOKIES_DIR/$1.jar" -X "$2"
        -H "X-CSRF-Token: $(cat "$COOKIES_DIR/$1.csrf")")
    [ $# -ge 4 ] && args+=(-H 'Content-Type: application/json' --data-binary "$4")
    local status
    status=$(curl "${args[@]}" "$BASE$3")
    echo "$status"
}

# api_file SLOT METHOD PATH FILE
api_file() {
    local out="$COOKIES_DIR/body" status
    status=$(curl -sS -o "$out" -w '%{http_code}' -b "$COOKIES_DIR/$1.jar" -X "$2" \
        -H "X-CSRF-Token: $(cat "$COOKIES_DIR/$1.csrf")" -H 'Content-Type: text/csv' --data-binary "@$4" "$BASE$3")
    [ "$status" = 200 ] || { echo "upload of $4: $status $(last_body)" >&2; return 1; }
    echo "$status"
}

# wait_solved SLOT ROUND: polls until the round is no longer solving; fails unless solved.
wait_solved() {
    for _ in $(seq 1 1200); do
        api "$1" GET "/api/rounds/$2" >/dev/null
        local status
        status=$(json_field "$(last_body)" status)
        if [ "$status" != solving ]; then
            [ "$status" = solved ] || { echo "round $2 is $status: $(last_body)"; return 1; }
            return 0
        fi
        sleep 0.5
    done
    echo "round $2 still solving after 10 minutes"; return 1
}

# The dalian preset (~52,000 households, generated once into benchmarks/data/dalian) on a
# server over the data folder $1, signed in as the administrator (slot admin) and as a clerk
# of the roll's first street (slot clerk). Sets households, helpers and street.
dalian_office() {
    mkdir -p benchmarks/data
    [ -f benchmarks/data/dalian/households.csv ] ||
        "$MATCH" generate --preset dalian --seed 1 --out benchmarks/data/dalian >/dev/null
    households=benchmarks/data/dalian/households.csv helpers=benchmarks/data/dalian/helpers.csv
    start_server "$1"
    street=$(python3 -c 'import csv,sys; r=next(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))); print(r["district"]+"/"+r["street"])' "$households")
    echo "clerk-password-1" | "$MATCH" user add --data "$1" --name clerk --role clerk --scope "$street" >/dev/null
    login admin "$ADMIN_PASSWORD" admin
    login clerk "clerk-password-1" clerk
}
