#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian machine: GLPK's headers and
# library, libxlsxwriter (writes .xlsx) with zlib and pkg-config, and a Python venv with
# openpyxl (.venv-xlsx), which reads the written workbooks back in scripts/check-workbooks.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
missing=()
[ -f /usr/include/glpk.h ] || missing+=(libglpk-dev)
[ -f /usr/include/xlsxwriter.h ] || missing+=(libxlsxwriter-dev)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
command -v pkg-config >/dev/null || missing+=(pkg-config)
python3 -c "import venv, ensurepip" 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} with apt-get..."
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -x .venv-xlsx/bin/python ] || ! .venv-xlsx/bin/python -c "import openpyxl" 2>/dev/null; then
    echo "making .venv-xlsx with openpyxl..."
    python3 -m venv .venv-xlsx
    .venv-xlsx/bin/pip install -q openpyxl==3.1.5
fi
