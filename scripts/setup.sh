#!/usr/bin/env bash
# Installs what the build needs on a fresh Debian machine: GLPK's headers and library.
set -euo pipefail
if [ ! -f /usr/include/glpk.h ]; then
    echo "installing libglpk-dev (GLPK) with apt-get..."
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libglpk-dev >/dev/null
fi
