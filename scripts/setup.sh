#!/usr/bin/env bash
# Installs what the build needs on a fresh Debian machine: GLPK's headers and library, and
# OpenSSL's libcrypto headers (SHA-256 of the input files).
set -euo pipefail
missing=()
[ -f /usr/include/glpk.h ] || missing+=(libglpk-dev)
[ -f /usr/include/openssl/evp.h ] || missing+=(libssl-dev)
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} with apt-get"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
        echo "setup.sh: apt-get could not install ${missing[*]} (see its messages above); install them by hand and run again" >&2
        exit 1
    fi
fi
