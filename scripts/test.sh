#!/usr/bin/env bash
# Every check CI runs: lint, import contracts, migrations in step with models, then the test
# suite on SQLite and — when QUDAO_TEST_POSTGRES (or a postgres DATABASE_URL) is set — on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=.venv/bin
postgres_url="${QUDAO_TEST_POSTGRES:-}"
if [[ -z "$postgres_url" && "${DATABASE_URL:-}" == postgres* ]]; then
    postgres_url="$DATABASE_URL"
fi

step() { printf '\n==> %s\n' "$*"; }

run_pytest() {
    local label="$1" url="$2" status=0
    step "pytest on $label"
    DATABASE_URL="$url" "$bin/pytest" "${@:3}" || status=$?
    if [[ $status -eq 5 ]]; then
        echo "pytest collected no tests on $label: that counts as a failure" >&2
    fi
    return "$status"
}

step "ruff check"
"$bin/ruff" check .

step "import contracts (lint-imports)"
"$bin/lint-imports"

step "migrations match the models"
DATABASE_URL="sqlite:///:memory:" "$bin/python" manage.py makemigrations --check --dry-run

run_pytest SQLite "sqlite:///$PWD/var/test.sqlite3" "$@"
if [[ -n "$postgres_url" ]]; then
    run_pytest PostgreSQL "$postgres_url" "$@"
else
    step "PostgreSQL skipped: set QUDAO_TEST_POSTGRES=postgres://user@host:5432/db to run the suite there too"
fi
step "all checks passed"
