#!/usr/bin/env bash
# Lints the sample migration set in samples/migrations with the pglint CLI.
#
# Usage: eng/lint-samples.sh [extra `pglint check` options, e.g. --format sarif --output out.sarif]
# Exit code: the one of `pglint check` (0 clean, 1 findings, 2 usage error, 3 internal failure).
# Build messages go to stderr, so stdout carries only the report.
set -euo pipefail

die() { printf 'lint-samples.sh: error: %s\n' "$*" >&2; exit 1; }

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$repo_root"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v dotnet >/dev/null 2>&1 || die "dotnet not found; install the .NET 10 SDK first."

bash eng/setup.sh --no-postgres

if ! dotnet build src/PgLint.Cli -c Release -nologo -v:quiet >&2; then
    die "building src/PgLint.Cli failed (errors above)."
fi

rc=0
dotnet run --no-build --project src/PgLint.Cli -c Release -- check samples/migrations "$@" || rc=$?
exit "$rc"
