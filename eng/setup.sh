#!/usr/bin/env bash
# Installs the system packages PgLint needs to build and test on Debian/Ubuntu:
#   libpg-query-dev  libpg_query 15 (the PostgreSQL parser as a library) and its protobuf schema
#   postgresql       PostgreSQL server binaries for the integration tests (skip with --no-postgres);
#                    its contrib modules include pg_stat_statements (pglint explain --from-stat-statements)
#   postgresql-15-hypopg  hypothetical indexes for PG9010 (pglint explain --hypopg)
# The .NET 10 SDK is expected to be installed already.
#
# Usage: eng/setup.sh [--no-postgres]
# Idempotent: apt is only used when a package is missing. Prints one line on stderr.
set -euo pipefail

die() { printf 'setup.sh: error: %s\n' "$*" >&2; exit 1; }

want_postgres=1
for arg in "$@"; do
    case "$arg" in
        --no-postgres) want_postgres=0 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) die "unknown argument '$arg' (usage: eng/setup.sh [--no-postgres])" ;;
    esac
done

packages=(libpg-query-dev)
if (( want_postgres )); then
    packages+=(postgresql postgresql-15-hypopg)
fi

command -v dpkg-query >/dev/null 2>&1 \
    || die "dpkg-query not found; this script supports Debian-based systems only. Install ${packages[*]} by other means."

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for pkg in "${packages[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

if (( ${#missing[@]} == 0 )); then
    printf 'setup.sh: all prerequisites present (%s)\n' "${packages[*]}" >&2
    exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install ${missing[*]} manually."

as_root=()
if (( EUID != 0 )); then
    command -v sudo >/dev/null 2>&1 \
        || die "${missing[*]} missing; run this script as root or install sudo."
    as_root=(sudo)
fi

log=$(mktemp "${TMPDIR:-/tmp}/pglint-setup.XXXXXX")
trap 'rm -f "$log"' EXIT

apt() {
    if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q "$@" >"$log" 2>&1; then
        cat "$log" >&2
        die "'apt-get $*' failed (output above)."
    fi
}

apt update
apt install -y --no-install-recommends "${missing[@]}"

for pkg in "${missing[@]}"; do
    is_installed "$pkg" || die "$pkg is still not installed after apt-get install."
done

printf 'setup.sh: installed %s\n' "${missing[*]}" >&2
