#!/usr/bin/env bash
# Regenerates the committed generated files (docs/pglint.schema.json and the test goldens).
set -euo pipefail
cd "$(dirname "$0")/.."
PGLINT_UPDATE_GOLDEN=1 dotnet test PgLint.sln -c Release --filter "FullyQualifiedName~GeneratedArtifactsTests|FullyQualifiedName~Golden" >/dev/null
git status --short -- docs tests
