#!/usr/bin/env bash
# Serves the product the way `make demo` needs it: the background worker (uploads, settlement and
# screening runs, bulletins) and the scheduler (daily laggards, Monday bulletin) next to the web
# server; both stop when the server does. Usage: scripts/serve.sh [HOST:PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
manage=(.venv/bin/python manage.py)
logs="${QUDAO_VAR_DIR:-var}"
mkdir -p "$logs"

"${manage[@]}" db_worker --queue-name '*' --no-reload >"$logs/worker.log" 2>&1 &
worker=$!
"${manage[@]}" run_schedule >"$logs/schedule.log" 2>&1 &
schedule=$!
trap 'kill "$worker" "$schedule" 2>/dev/null || true' EXIT INT TERM
echo "background worker (pid $worker, log $logs/worker.log) and scheduler (pid $schedule, log $logs/schedule.log) started"

"${manage[@]}" runserver "${1:-127.0.0.1:8000}"
