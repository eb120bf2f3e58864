#!/usr/bin/env bash
# shellcheck disable=SC2016 # single-quoted sh -c scripts and Markdown backticks are literal
# Side-by-side throughput of pglint and squawk 2.66.0 over the same SQL files.
#
# Usage: eng/compare-squawk.sh [--rules] [CORPUS_DIR]     (default: ../shared/corpus/migrations)
#
# --rules: instead of timing, count the findings of every squawk rule that has a PgLint counterpart
#   and of its counterpart(s) over the same files, each file linted alone (pglint: files given one
#   by one are each their own migration set; squawk lints files independently), PostgreSQL 15 for
#   both, no transaction assumed, every counterpart rule enabled on both sides (squawk --include,
#   pglint --enable). Prints a Markdown table (findings and files with a finding per side) with
#   links to the rule pages' paragraphs that explain deliberate differences.
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
rules_mode=false
if [[ "${1:-}" == --rules ]]; then
    rules_mode=true
    shift
fi
(( $# <= 1 )) || die "usage: eng/compare-squawk.sh [--rules] [CORPUS_DIR]"
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

# --- rule counts (--rules) -------------------------------------------------------------------
# squawk rule(s) | PgLint rule(s): one row per squawk rule with a counterpart.
counterparts='require-concurrent-index-creation|PG1001
require-concurrent-index-deletion|PG1002
ban-concurrent-index-creation-in-transaction|PG1003
require-concurrent-reindex|PG1004
adding-field-with-default|PG1005,PG1015
adding-required-field|PG1006
adding-not-nullable-field|PG1007
constraint-missing-not-valid|PG1008,PG1009
adding-foreign-key-constraint|PG1009
disallowed-unique-constraint|PG1011
adding-serial-primary-key-field|PG1011,PG1012,PG1016
changing-column-type|PG1014
renaming-column|PG1017
renaming-table|PG1018
ban-drop-column|PG1019
ban-drop-table|PG1020
ban-drop-database|PG1021
ban-truncate-cascade|PG1022
require-lock-timeout|PG1023
require-statement-timeout|PG1024
require-concurrent-partition-detach|PG1032
ban-create-domain-with-constraint,ban-alter-domain-with-add-constraint|PG1035
ban-uncommitted-transaction|PG1036
transaction-nesting|PG1037
ban-drop-not-null|PG1039
prefer-robust-stmts|PG1040
identifier-too-long|PG1042
prefer-text-field|PG3001
ban-char-field|PG3002
prefer-timestamp-tz|PG3003
prefer-identity|PG3005
prefer-bigint-over-int,prefer-bigint-over-smallint|PG3006
ban-duplicate-column-assignments|PG3018'
# squawk 2.66 rules left out: require-timeout-settings (the PG1023 and PG1024 rows), unused-ignore
# (about squawk's own comments), require-enum-value-ordering, require-table-schema and prefer-repack
# (no PgLint rule).

# The heading (as a GitHub anchor) of the section of docs/rules/ID.md that mentions squawk, if any.
squawk_paragraph() { # id
    local page=$repo_root/docs/rules/$1.md
    [[ -f "$page" ]] || return 0
    awk '/^## / { heading = substr($0, 4) } tolower($0) ~ /squawk/ && heading != "" {
        anchor = tolower(heading); gsub(/[^a-z0-9 -]/, "", anchor); gsub(/ /, "-", anchor); print anchor; exit }' "$page"
}

if [[ "$rules_mode" == true ]]; then
    squawk_rules=$(printf '%s\n' "$counterparts" | cut -d'|' -f1 | tr '\n' ',' | sed 's/,$//')
    pglint_rules=$(printf '%s\n' "$counterparts" | cut -d'|' -f2 | tr ',' '\n' | LC_ALL=C sort -u | paste -sd, -)
    xargs -0 -s "$xargs_size" -a "$tmp/files.lst" "$squawk_bin" --reporter gcc --pg-version=15.0 --include="$squawk_rules" \
        </dev/null >"$tmp/squawk.gcc" 2>/dev/null || true
    xargs -0 -s "$xargs_size" -a "$tmp/files.lst" "${pglint[@]}" check --format gcc --fail-on never --pg-version 15 --enable "$pglint_rules" \
        </dev/null >"$tmp/pglint.gcc" 2>/dev/null || true
    # "file:line:col: level: rule-name message" and "file:line:col: level: message [PGxxxx]".
    awk -F': ' '{ split($3, w, " "); split($1, loc, ":"); print w[1] "\t" loc[1] }' "$tmp/squawk.gcc" >"$tmp/squawk.tsv"
    sed -n 's/^\([^:]*\):.*\[\(PG[0-9]*\)\]$/\2\t\1/p' "$tmp/pglint.gcc" >"$tmp/pglint.tsv"
    count() { # tsv comma-separated-rules -> "findings files"
        awk -F'\t' -v rules="$2" 'BEGIN { n = split(rules, r, ","); for (i = 1; i <= n; i++) want[r[i]] = 1 }
            want[$1] { findings++; files[$2] = 1 } END { f = 0; for (k in files) f++; printf "%d %d", findings, f }' "$1"
    }
    printf 'Corpus: %s (%d files, each linted alone); squawk %s; pglint %s.\n\n' \
        "$(basename "$corpus")" "$file_count" "$squawk_version" "$("${pglint[@]}" --version 2>/dev/null | head -n 1)"
    printf '| squawk rule | squawk findings | squawk files | PgLint rule(s) | PgLint findings | PgLint files | deliberate differences |\n'
    printf '|---|---:|---:|---|---:|---:|---|\n'
    while IFS='|' read -r squawk_names ids; do
        read -r s_findings s_files <<<"$(count "$tmp/squawk.tsv" "$squawk_names")"
        read -r p_findings p_files <<<"$(count "$tmp/pglint.tsv" "$ids")"
        links=""
        for id in ${ids//,/ }; do
            anchor=$(squawk_paragraph "$id")
            [[ -z "$anchor" ]] || links+="${links:+, }[$id](rules/$id.md#$anchor)"
        done
        printf '| `%s` | %d | %d | %s | %d | %d | %s |\n' "${squawk_names//,/\`, \`}" "$s_findings" "$s_files" \
            "$(printf '%s' "$ids" | sed 's/,/, /g')" "$p_findings" "$p_files" "${links:-—}"
    done <<<"$counterparts"
    if [[ -s "$tmp/crash.txt" ]]; then
        printf '\nLeft out for both tools because squawk %s panics on them:\n' "$squawk_version"
        while IFS= read -r crashed; do printf -- '- %s\n' "${crashed#"$corpus"/}"; done <"$tmp/crash.txt"
    fi
    exit 0
fi

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
