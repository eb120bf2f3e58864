#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the integration tests.
#
#   eng/postgres.sh start [DIR] [PORT]   create DIR (a new temporary folder when omitted), initdb,
#                                        start the server on 127.0.0.1:PORT (default 54329, the next
#                                        free port when busy) and print the Npgsql connection string
#   eng/postgres.sh env DIR              print shell exports for the cluster in DIR
#                                        (PGLINT_TEST_CONNECTION, PGHOST, PGPORT, PGUSER, PGDATABASE)
#   eng/postgres.sh stop DIR             stop the server immediately and delete DIR
#
# Authentication is "trust" and the server listens on the loopback interface only. The server
# preloads pg_stat_statements (shared_preload_libraries), so tests can CREATE EXTENSION it.
# When run as root, the server runs as the "postgres" user (PostgreSQL refuses to run as root).
# PG_BINDIR overrides where the PostgreSQL binaries are looked up.
set -euo pipefail

readonly marker=.pglint-cluster
readonly default_port=54329
readonly port_tries=20

die() { printf 'postgres.sh: error: %s\n' "$*" >&2; exit 1; }
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 2; }

find_bindir() {
    local dir
    if [[ -n "${PG_BINDIR:-}" ]]; then
        [[ -x "$PG_BINDIR/initdb" ]] || die "PG_BINDIR=$PG_BINDIR has no initdb."
        printf '%s\n' "$PG_BINDIR"
        return
    fi
    if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
        printf '%s\n' /usr/lib/postgresql/15/bin
        return
    fi
    for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
        if [[ -x "$dir/initdb" ]]; then
            printf '%s\n' "$dir"
            return
        fi
    done
    dir=$(command -v initdb 2>/dev/null) \
        || die "PostgreSQL server binaries not found (run eng/setup.sh, or set PG_BINDIR)."
    dirname "$dir"
}

# Runs a command as the cluster owner: "postgres" when we are root, ourselves otherwise.
as_owner() {
    if (( EUID == 0 )); then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

connection_string() { printf 'Host=127.0.0.1;Port=%s;Username=postgres;Database=postgres\n' "$1"; }

port_busy() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        [[ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]] && return 0
    fi
    # Fallback (and double check): can we connect to it?
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

is_running() {
    local dir=$1
    [[ -f "$dir/data/postmaster.pid" ]] && as_owner "$BINDIR/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

cmd_start() {
    local dir=${1:-} port=${2:-$default_port} created=0 auto_dir=0
    if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
        die "invalid port '$port'."
    fi

    if (( EUID == 0 )); then
        getent passwd postgres >/dev/null \
            || die "running as root, but there is no 'postgres' user to run the server (install postgresql with eng/setup.sh)."
    fi

    if [[ -z "$dir" ]]; then
        dir=$(mktemp -d "${TMPDIR:-/tmp}/pglint-pg.XXXXXX")
        created=1
        auto_dir=1
    elif [[ ! -e "$dir" ]]; then
        mkdir -p "$dir"
        created=1
    fi
    dir=$(cd "$dir" && pwd -P)

    if [[ -f "$dir/$marker" ]] && is_running "$dir"; then
        # Already running (idempotent start): just report it.
        connection_string "$(cat "$dir/port")"
        return
    fi
    if (( ! created )) && [[ ! -f "$dir/$marker" ]] && [[ -n "$(ls -A "$dir")" ]]; then
        die "$dir exists, is not empty and was not created by this script; refusing to use it."
    fi

    # From here on, a failure removes what this call created.
    # shellcheck disable=SC2064
    trap "on_start_failure '$dir' $created" EXIT

    touch "$dir/$marker"
    if (( EUID == 0 )); then
        chown -R postgres: "$dir"
        runuser -u postgres -- test -w "$dir" \
            || die "the postgres user cannot write to $dir (is a parent folder private?); pass a DIR under /tmp."
    fi
    cd "$dir"

    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        local locale=C
        if locale -a 2>/dev/null | grep -qix 'c\.utf-\{0,1\}8'; then
            locale=C.UTF-8
        fi
        if ! as_owner "$BINDIR/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 \
                --locale="$locale" >"$dir/initdb.log" 2>&1; then
            cat "$dir/initdb.log" >&2
            die "initdb failed (output above)."
        fi
    fi

    local try started=0
    for (( try = 0; try < port_tries; try++, port++ )); do
        if port_busy "$port"; then
            continue
        fi
        if [[ -f "$dir/log" ]]; then
            : >"$dir/log"
        fi
        if as_owner "$BINDIR/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
                -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=64MB -c shared_preload_libraries=pg_stat_statements" \
                start >"$dir/pg_ctl.log" 2>&1; then
            started=1
            break
        fi
        # Someone may have taken the port between the check and the bind: try the next one.
        if grep -qi 'address already in use' "$dir/log" 2>/dev/null; then
            continue
        fi
        cat "$dir/pg_ctl.log" "$dir/log" >&2 2>/dev/null || true
        die "the PostgreSQL server did not start (log above)."
    done
    (( started )) || die "no free port in $((port - port_tries))..$((port - 1))."

    local i
    for (( i = 0; i < 300; i++ )); do
        if "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; then
            break
        fi
        sleep 0.1
    done
    (( i < 300 )) || die "the server on port $port did not accept connections within 30 s (log: $dir/log)."

    printf '%s\n' "$port" >"$dir/port"
    trap - EXIT
    if (( auto_dir )); then
        printf 'postgres.sh: cluster in %s (stop it with: eng/postgres.sh stop %s)\n' "$dir" "$dir" >&2
    fi
    connection_string "$port"
}

on_start_failure() {
    local rc=$? dir=$1 created=$2
    (( rc == 0 )) && return
    stop_server "$dir"
    if (( created )); then
        rm -rf -- "$dir"
    fi
    exit "$rc"
}

stop_server() {
    local dir=$1 pid i
    [[ -f "$dir/data/postmaster.pid" ]] || return 0
    pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
    as_owner "$BINDIR/pg_ctl" -D "$dir/data" stop -m immediate -w -t 30 >/dev/null 2>&1 || true
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
        # pg_ctl could not stop it: kill the postmaster this cluster recorded, and only it.
        kill -KILL "$pid" 2>/dev/null || true
        for (( i = 0; i < 100; i++ )); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
}

cmd_stop() {
    local dir=${1:-}
    [[ -n "$dir" ]] || die "usage: eng/postgres.sh stop DIR"
    [[ -e "$dir" ]] || return 0
    [[ -f "$dir/$marker" ]] || die "$dir was not created by eng/postgres.sh start; refusing to delete it."
    cd /
    stop_server "$dir"
    rm -rf -- "$dir"
}

cmd_env() {
    local dir=${1:-} port
    [[ -n "$dir" ]] || die "usage: eng/postgres.sh env DIR"
    [[ -f "$dir/port" ]] || die "no cluster started in $dir."
    port=$(cat "$dir/port")
    printf "export PGLINT_TEST_CONNECTION='%s'\n" "$(connection_string "$port")"
    printf 'export PGHOST=127.0.0.1 PGPORT=%s PGUSER=postgres PGDATABASE=postgres\n' "$port"
}

(( $# >= 1 )) || usage
command=$1
shift
case "$command" in
    start) (( $# <= 2 )) || usage; BINDIR=$(find_bindir); cmd_start "$@" ;;
    stop)  (( $# == 1 )) || usage; BINDIR=$(find_bindir); cmd_stop "$@" ;;
    env)   (( $# == 1 )) || usage; cmd_env "$@" ;;
    -h|--help|help) usage ;;
    *) printf 'postgres.sh: error: unknown command %s\n' "$command" >&2; usage ;;
esac
