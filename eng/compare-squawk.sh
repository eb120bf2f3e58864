#!/usr/bin/env bash
# shellcheck disable=SC2016 # single-quoted sh -c scripts and Markdown backticks are literal
# Side-by-side throughput of pglint and squawk 2.66.0 over the same SQL files.
#
# Usage: eng/compare-squawk.sh [CORPUS_DIR]     (default: ../shared/corpus/migrations)
#
# - squawk-cli@2.66.0 is installed with npm into
#   ${XDG_CACHE_HOME:-$HOME/.cache}/pglint-bench/squawk (needs node and npm).
# - pglint is published from src/PgLint.Cli (Release) into a temporary folder; set PGLINT_BIN to
#   an existing pglint executable to skip that.
# - Every regular *.sql file under CORPUS_DIR is linted (some folders there are named *.sql),
#   sorted, passed explicitly in one invocation where the argument limit allows, from an empty
#   working directory (no .squawk.toml, no pglint.json), default rules, output discarded.
#   This mirrors the squawk baseline: squawk --reporter json <files>.
# - Files on which squawk panics abort its whole run, so they are left out for both tools
#   (and listed).
# - RUNS timed passes per tool (default 3) after one warm-up pass; the best wall-clock time
#   is reported, all runs are listed below the table. Exit codes of the tools are ignored.
set -euo pipefail

readonly squawk_version=2.66.0
runs=${RUNS:-3}

die() { printf 'compare-squawk.sh: error: %s\n' "$*" >&2; exit 1; }
note() { printf 'compare-squawk.sh: %s\n' "$*" >&2; }

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$repo_root"

if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
    awk 'NR > 1 && /^# shellcheck/ { next } NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    exit 0
fi
(( $# <= 1 )) || die "usage: eng/compare-squawk.sh [CORPUS_DIR]"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer."
corpus=${1:-$repo_root/../shared/corpus/migrations}
[[ -d "$corpus" ]] || die "corpus folder '$corpus' not found (pass it as the first argument)."
corpus=$(cd "$corpus" && pwd -P)

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pglint-bench.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT

# --- squawk ---------------------------------------------------------------------------------
squawk_dir=${XDG_CACHE_HOME:-$HOME/.cache}/pglint-bench/squawk
squawk_wrapper=$squawk_dir/node_modules/.bin/squawk
if ! "$squawk_wrapper" --version 2>/dev/null | grep -qx "squawk $squawk_version"; then
    command -v npm >/dev/null 2>&1 \
        || die "npm not found; install Node.js and npm (Debian: apt-get install nodejs npm)."
    mkdir -p "$squawk_dir"
    if ! npm install --prefix "$squawk_dir" --no-audit --no-fund --no-save --loglevel=error \
            "squawk-cli@$squawk_version" >"$tmp/npm.log" 2>&1; then
        cat "$tmp/npm.log" >&2
        die "npm install squawk-cli@$squawk_version failed (output above)."
    fi
    "$squawk_wrapper" --version 2>/dev/null | grep -qx "squawk $squawk_version" \
        || die "squawk $squawk_version is not runnable after installing it into $squawk_dir."
fi
# The npm package ships a native binary per platform; the wrapper is a node script that spawns
# it. Time the native binary (as the baseline's main numbers do) when it is there.
squawk_native=""
for candidate in "$squawk_dir"/node_modules/@squawk-cli/*/bin/squawk; do
    if [[ -x "$candidate" ]] && "$candidate" --version >/dev/null 2>&1; then
        squawk_native=$candidate
        break
    fi
done

# --- pglint ---------------------------------------------------------------------------------
if [[ -n "${PGLINT_BIN:-}" ]]; then
    [[ -x "$PGLINT_BIN" ]] || die "PGLINT_BIN=$PGLINT_BIN is not an executable."
    pglint=("$(cd "$(dirname "$PGLINT_BIN")" && pwd -P)/$(basename "$PGLINT_BIN")")
else
    command -v dotnet >/dev/null 2>&1 || die "dotnet not found; install the .NET 10 SDK first."
    bash eng/setup.sh --no-postgres
    if ! dotnet publish src/PgLint.Cli -c Release -o "$tmp/pglint" -nologo -v:quiet >&2; then
        die "dotnet publish src/PgLint.Cli failed (errors above)."
    fi
    if [[ -x "$tmp/pglint/pglint" ]]; then
        pglint=("$tmp/pglint/pglint")
    elif [[ -f "$tmp/pglint/pglint.dll" ]]; then
        pglint=(dotnet "$tmp/pglint/pglint.dll")
    else
        die "dotnet publish produced no pglint executable in $tmp/pglint."
    fi
fi

# --- file list ------------------------------------------------------------------------------
find "$corpus" -type f -name '*.sql' -print0 | LC_ALL=C sort -z >"$tmp/all.lst"
[[ -s "$tmp/all.lst" ]] || die "no *.sql files under $corpus."

# One invocation for the whole list where the kernel's argument limit allows it.
arg_max=$(getconf ARG_MAX 2>/dev/null || echo 262144)
xargs_size=$(( arg_max / 2 ))
(( xargs_size <= 1048576 )) || xargs_size=1048576

empty_dir=$tmp/empty
mkdir "$empty_dir"
cd "$empty_dir"

# Runs CMD... over the list once, recording each invocation's exit code and stderr.
checked_pass() { # list rc_file err_file cmd...
    local list=$1 rc_file=$2 err_file=$3
    shift 3
    : >"$rc_file"
    xargs -0 -s "$xargs_size" -a "$list" sh -c \
        'rc_file=$1; err_file=$2; shift 2; "$@" >/dev/null 2>>"$err_file"; echo $? >>"$rc_file"' \
        sh "$rc_file" "$err_file" "$@" </dev/null || true
}

# Screen for files that make squawk panic (exit code 101): warm-up pass first, and only when
# it panicked, one squawk process per file to find the culprits.
squawk_bin=${squawk_native:-$squawk_wrapper}
squawk_cmd=("$squawk_bin" --reporter json)
checked_pass "$tmp/all.lst" "$tmp/squawk.rc" "$tmp/squawk.err" "${squawk_cmd[@]}"
: >"$tmp/crash.txt"
if grep -qx 101 "$tmp/squawk.rc" || grep -q 'panicked at' "$tmp/squawk.err"; then
    note "squawk panicked; looking for the files that cause it (one process per file) ..."
    SQUAWK_BIN=$squawk_bin xargs -0 -a "$tmp/all.lst" -n 1 -P "$(nproc 2>/dev/null || echo 2)" sh -c \
        '"$SQUAWK_BIN" --reporter json "$1" >/dev/null 2>&1; [ $? -ne 101 ] || printf "%s\n" "$1"' sh \
        </dev/null >"$tmp/crash.txt" || true
    [[ -s "$tmp/crash.txt" ]] \
        || die "squawk panicked on the whole list but on no single file; see $tmp/squawk.err."
    LC_ALL=C sort -o "$tmp/crash.txt" "$tmp/crash.txt"
fi
grep -z -v -x -F -f "$tmp/crash.txt" "$tmp/all.lst" >"$tmp/files.lst" || true
[[ -s "$tmp/files.lst" ]] || die "no file left to lint."

file_count=$(tr -cd '\0' <"$tmp/files.lst" | wc -c)
byte_count=$(xargs -0 -a "$tmp/files.lst" cat </dev/null | wc -c)

# Warm-up pass of pglint; a usage error means the comparison would measure nothing.
pglint_cmd=("${pglint[@]}" check --format gcc --fail-on never --output /dev/null)
checked_pass "$tmp/files.lst" "$tmp/pglint.rc" "$tmp/pglint.err" "${pglint_cmd[@]}"
if grep -qx 2 "$tmp/pglint.rc"; then
    head -n 20 "$tmp/pglint.err" >&2
    die "pglint reported a usage error (exit code 2, output above)."
fi
if grep -qvx '[01]' "$tmp/pglint.rc"; then
    head -n 20 "$tmp/pglint.err" >&2
    note "warning: pglint exited with $(grep -vx '[01]' "$tmp/pglint.rc" | sort -u | paste -sd, -) (output above); timings are still reported."
fi

# --- timing ---------------------------------------------------------------------------------
now() { date +%s.%N; }

# Prints the wall-clock seconds of each of RUNS passes, one per line.
time_runs() { # cmd...
    local i t0 t1
    for (( i = 0; i < runs; i++ )); do
        t0=$(now)
        xargs -0 -s "$xargs_size" -a "$tmp/files.lst" "$@" </dev/null >/dev/null 2>&1 || true
        t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
    done
}

rows=()
add_row() { # label cmd...
    local label=$1
    shift
    rows+=("$label|$(time_runs "$@" | paste -sd' ' -)")
}

add_row "pglint" "${pglint_cmd[@]}"
if [[ -n "$squawk_native" ]]; then
    add_row "squawk $squawk_version" "${squawk_cmd[@]}"
    add_row "squawk $squawk_version (npm wrapper)" "$squawk_wrapper" --reporter json
else
    add_row "squawk $squawk_version (npm wrapper)" "${squawk_cmd[@]}"
fi

# --- report ---------------------------------------------------------------------------------
printf 'Corpus: %s\n\n' "$corpus"
printf '| tool | files | MB | best s | files/s | MB/s |\n'
printf '|---|---:|---:|---:|---:|---:|\n'
for row in "${rows[@]}"; do
    awk -v label="${row%%|*}" -v times="${row#*|}" -v files="$file_count" -v bytes="$byte_count" 'BEGIN {
        n = split(times, t, " "); best = t[1]
        for (i = 2; i <= n; i++) if (t[i] + 0 < best + 0) best = t[i]
        if (best + 0 <= 0) best = 0.001
        mb = bytes / 1000000
        printf "| %s | %d | %.2f | %.3f | %.0f | %.2f |\n", label, files, mb, best, files / best, mb / best
    }'
done
printf '\n'
printf 'Best of %d runs after one warm-up pass; MB = 10^6 bytes; all runs (s):\n' "$runs"
for row in "${rows[@]}"; do
    printf -- '- %s: %s\n' "${row%%|*}" "${row#*|}"
done
printf '\nCommands, run from an empty folder with every file passed explicitly:\n'
printf -- '- `pglint %s <files>`\n' "${pglint_cmd[*]:${#pglint[@]}}"
printf -- '- `squawk --reporter json <files>`\n'
if [[ -s "$tmp/crash.txt" ]]; then
    printf '\nLeft out for both tools because squawk %s panics on them (aborting its whole run):\n' "$squawk_version"
    while IFS= read -r crashed; do
        printf -- '- %s\n' "${crashed#"$corpus"/}"
    done <"$tmp/crash.txt"
fi
