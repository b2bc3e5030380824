#!/usr/bin/env bash
# CI: one real django-tasks-db worker against PostgreSQL runs the link check that publishing a
# page enqueues. Creates and drops a scratch database; stops the worker whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-.venv/bin/python}
PGURL=${CI_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
DBNAME="skincare_worker_$$"
WORKER_PID=""

export DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_SECRET_KEY=ci-worker-check-only
export DJANGO_ALLOWED_HOSTS=localhost
export DATABASE_URL="$PGURL/$DBNAME"
# Production refuses an in-process cache (the worker and the check are two processes).
export REDIS_URL=${CI_REDIS_URL:-redis://127.0.0.1:6379/9}
# The worker may fetch only the loopback server the check starts (through the env allowlist).
export SKINCARE_LINKCHECK_ALLOWLIST=127.0.0.1/32
export WAGTAILADMIN_BASE_URL=http://localhost

cleanup() {
    if [ -n "$WORKER_PID" ] && kill -0 "$WORKER_PID" 2>/dev/null; then
        kill -TERM "$WORKER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$WORKER_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$WORKER_PID" 2>/dev/null || true
    fi
    psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS $DBNAME WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

psql "$PGURL/postgres" -qc "CREATE DATABASE $DBNAME"
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py db_worker --interval 0.2 --worker-id ci-worker-check &
WORKER_PID=$!
"$PY" -m tests.linkcheck.worker_check
