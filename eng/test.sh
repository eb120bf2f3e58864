#!/usr/bin/env bash
# Builds the whole solution (including the benchmarks) and runs every test.
#
# Usage: eng/test.sh [extra `dotnet test` arguments, e.g. --filter Category=Rules]
#
# 1. eng/setup.sh installs libpg_query 15 and PostgreSQL 15 when they are missing.
# 2. A throwaway PostgreSQL cluster is started on a loopback port (eng/postgres.sh) and its
#    Npgsql connection string is exported as PGLINT_TEST_CONNECTION. When PGLINT_TEST_CONNECTION
#    is already set, that server is used instead and no cluster is started.
# 3. dotnet build PgLint.sln -c Release, then dotnet test --no-build with a TRX logger.
# 4. The cluster must be left without databases, roles or sessions of the tests (else one failure).
# 5. The cluster is stopped and removed on exit, whatever happens (also on Ctrl-C).
#
# The last line of output is the total over all test projects:
#   "N passed, N failed" (preceded by "N skipped …" when some tests did not run).
# Exit code: 0 only when the build and every test passed and at least one test ran.
set -euo pipefail

die() { printf 'test.sh: error: %s\n' "$*" >&2; exit 1; }

if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    exit 0
fi

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$repo_root"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v dotnet >/dev/null 2>&1 || die "dotnet not found; install the .NET 10 SDK first."

work=""
pg_dir=""
# shellcheck disable=SC2317 # invoked by the trap
cleanup() {
    # Must stay silent: the summary printed before it is the last line of output.
    if [[ -n "$pg_dir" ]]; then
        bash "$repo_root/eng/postgres.sh" stop "$pg_dir" >/dev/null 2>&1 || true
    fi
    if [[ -n "$work" ]]; then
        rm -rf -- "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bash "$repo_root/eng/setup.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/pglint-test.XXXXXX")
results="$work/results"

if [[ -z "${PGLINT_TEST_CONNECTION:-}" ]]; then
    pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/pglint-pg.XXXXXX")
    PGLINT_TEST_CONNECTION=$(bash "$repo_root/eng/postgres.sh" start "$pg_dir")
fi
export PGLINT_TEST_CONNECTION

# In CI, do not leave compiler or MSBuild servers running after the job.
build_server_args=()
if [[ "${CI:-}" == "true" ]]; then
    build_server_args=(--disable-build-servers)
fi

summary() { # passed failed skipped
    if (( $3 > 0 )); then
        printf '%s skipped (ignored or not run; not counted below)\n' "$3"
    fi
    printf '%s passed, %s failed\n' "$1" "$2"
}

if ! dotnet build PgLint.sln -c Release -nologo -v:quiet "${build_server_args[@]}"; then
    printf 'test.sh: error: the build failed (errors above); no test was run.\n' >&2
    summary 0 0 0
    exit 1
fi

test_rc=0
dotnet test PgLint.sln -c Release --no-build --logger trx --results-directory "$results" "$@" \
    || test_rc=$?

# The tests must leave the cluster they ran on as they found it: no database, role or session of
# theirs may remain. Checked on the cluster this script started (a given one may be shared).
leftovers=""
if [[ -n "$pg_dir" ]]; then
    leftovers=$(
        eval "$(bash "$repo_root/eng/postgres.sh" env "$pg_dir")"
        psql -X -q -A -t -v ON_ERROR_STOP=1 -c "
            SELECT concat_ws('; ',
                (SELECT 'databases: ' || string_agg(datname, ', ' ORDER BY datname) FROM pg_database
                 WHERE datname NOT IN ('postgres', 'template0', 'template1')),
                (SELECT 'roles: ' || string_agg(rolname, ', ' ORDER BY rolname) FROM pg_roles
                 WHERE rolname <> 'postgres' AND rolname NOT LIKE 'pg\_%'),
                (SELECT 'sessions: ' || string_agg(coalesce(nullif(application_name, ''), '?') || ' on ' || coalesce(datname, '?'), ', ')
                 FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()))" 2>&1
    ) || leftovers="the check could not run: $leftovers"
fi

# Reads one numeric attribute of the <Counters .../> element of a TRX file (0 when absent).
trx_counter() { # file attribute
    local value
    value=$(tr '\r\n' '  ' <"$1" \
        | grep -o '<Counters[[:space:]][^>]*>' \
        | head -n 1 \
        | grep -o "[[:space:]]$2=\"[0-9]*\"" \
        | grep -o '[0-9][0-9]*' \
        | head -n 1 || true)
    printf '%s\n' "${value:-0}"
}

total=0 passed=0 failed=0 trx_count=0
while IFS= read -r -d '' trx; do
    trx_count=$((trx_count + 1))
    total=$((total + $(trx_counter "$trx" total)))
    passed=$((passed + $(trx_counter "$trx" passed)))
    # Errors, timeouts and aborted tests count as failures.
    for attribute in failed error timeout aborted; do
        failed=$((failed + $(trx_counter "$trx" "$attribute")))
    done
done < <(find "$results" -type f -name '*.trx' -print0 2>/dev/null)

# Something left behind on the server is one more failure.
if [[ -n "$leftovers" ]]; then
    printf 'test.sh: error: the tests left behind on the server: %s\n' "$leftovers" >&2
    total=$((total + 1))
    failed=$((failed + 1))
fi

# Everything that neither passed nor failed (ignored, not executed, inconclusive) is "skipped".
skipped=$((total - passed - failed))
(( skipped >= 0 )) || skipped=0

rc=0
if (( trx_count == 0 )); then
    printf 'test.sh: error: dotnet test produced no TRX result file (exit code %d).\n' "$test_rc" >&2
    rc=1
elif (( total == 0 )); then
    printf 'test.sh: error: no test was found or run.\n' >&2
    rc=1
elif (( test_rc != 0 && failed == 0 )); then
    printf 'test.sh: error: dotnet test exited with %d although no test failed (crashed test host?).\n' "$test_rc" >&2
    rc=1
elif (( test_rc != 0 || failed > 0 )); then
    rc=1
fi

summary "$passed" "$failed" "$skipped"
exit "$rc"
