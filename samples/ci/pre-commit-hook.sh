#!/usr/bin/env bash
# A git pre-commit hook: lint the staged SQL files before they are committed.
# Install: cp samples/ci/pre-commit-hook.sh .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
set -euo pipefail
mapfile -t files < <(git diff --cached --name-only --diff-filter=ACM -- '*.sql')
(( ${#files[@]} > 0 )) || exit 0
exec pglint check --format text --fail-on error "${files[@]}"
