#!/usr/bin/env bash
# Starts the office server from a fresh clone with the Xigang sample loaded as a first round:
# prints the address and, on the first start, the administrator's generated password.
#   bash scripts/office-server.sh [DATA_DIR] [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-office-data}"
port="${2:-8080}"
bash scripts/setup.sh
swift build -c release --product match 2>&1 | tail -1
exec .build/release/match serve --data "$data" --port "$port" --first-admin admin --sample samples/xigang
