#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian machine: GLPK's headers and
# library, OpenSSL's libcrypto headers (SHA-256 of the input files), SQLite's (the office
# server's database, through GRDB), libxlsxwriter (writes
# .xlsx) with zlib and pkg-config, and a Python venv with openpyxl (.venv-xlsx), which reads
# the written workbooks back in scripts/check-workbooks.sh; Debian's chromium and
# chromium-driver, and a venv with selenium (.venv-browser), for the browser walkthrough of
# the office's pages (scripts/browser-walkthrough.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
missing=()
[ -f /usr/include/glpk.h ] || missing+=(libglpk-dev)
[ -f /usr/include/openssl/evp.h ] || missing+=(libssl-dev)
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
[ -f /usr/include/xlsxwriter.h ] || missing+=(libxlsxwriter-dev)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
command -v pkg-config >/dev/null || missing+=(pkg-config)
python3 -c "import venv, ensurepip" 2>/dev/null || missing+=(python3-venv)
# The browser walkthrough of the office's pages (scripts/browser-walkthrough.sh).
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} with apt-get"
    if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
        echo "setup.sh: apt-get could not install ${missing[*]} (see its messages above); install them by hand and run again" >&2
        exit 1
    fi
fi
if [ ! -x .venv-xlsx/bin/python ] || ! .venv-xlsx/bin/python -c "import openpyxl" 2>/dev/null; then
    echo "== making .venv-xlsx with openpyxl"
    python3 -m venv .venv-xlsx
    .venv-xlsx/bin/pip install -q openpyxl==3.1.5
fi
if [ ! -x .venv-browser/bin/python ] || ! .venv-browser/bin/python -c "import selenium" 2>/dev/null; then
    echo "== making .venv-browser with selenium"
    python3 -m venv .venv-browser
    .venv-browser/bin/pip install -q selenium==4.51.0
fi
