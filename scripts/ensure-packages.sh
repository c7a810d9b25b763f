#!/bin/sh
# Installs the Debian packages a make target needs, only when they are missing.
# Usage: ensure-packages.sh build|bench
set -eu

missing=""
need() {
    # $1: a file or command that shows the package is installed, $2: the Debian package
    case "$1" in
        /*) [ -e "$1" ] || missing="$missing $2" ;;
        *) command -v "$1" >/dev/null 2>&1 || missing="$missing $2" ;;
    esac
}

need /usr/include/zlib.h zlib1g-dev
need /usr/include/isa-l/igzip_lib.h libisal-dev
need pkg-config pkg-config
need /usr/include/openssl/sha.h libssl-dev
if [ "${1:-build}" = bench ]; then
    need hyperfine hyperfine
    need /usr/bin/time time
    need gzip gzip
fi

[ -z "$missing" ] && exit 0
echo "installing missing packages:$missing" >&2
if [ "$(id -u)" != 0 ]; then
    echo "error: packages$missing are missing and installing them needs root; run: sudo apt-get install$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
# shellcheck disable=SC2086
apt-get install -y -qq $missing >&2
