#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian packages recite needs to build and test, and only those
# that are missing; says what it installs; does nothing when all are present.
# Usage: packaging/deps.sh [build|test]   (test adds the test-only tools)
set -eu

build_pkgs="cmake make gcc pkg-config libsqlite3-dev libsodium-dev libreadline-dev
libutf8proc-dev libjansson-dev libhunspell-dev hunspell-en-us hunspell-en-gb
libzip-dev libzstd-dev libxml2-dev"
test_pkgs="libcmocka-dev minisign tmux clang groff-base man-db sqlite3 jq dpkg-dev file valgrind unzip zstd"

case "${1:-test}" in
build) want=$build_pkgs ;;
test) want="$build_pkgs $test_pkgs" ;;
*) echo "usage: $0 [build|test]" >&2; exit 64 ;;
esac

missing=""
for p in $want; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: missing packages:$missing (no apt-get here; install them by hand)" >&2
    exit 69
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "deps: need root or sudo to install:$missing" >&2; exit 77; }
    sudo=sudo
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps: done"
