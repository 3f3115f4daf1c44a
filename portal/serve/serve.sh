#!/usr/bin/env bash
# `make serve`: the production-like stack on this machine. Production settings with local
# overrides (no HTTPS redirect, local hosts), PostgreSQL and Redis, static files collected,
# migrations and reference data, then every process of portal/serve/Procfile, stopped together
# on Ctrl-C. Each variable below can be set from the outside.
set -euo pipefail
cd "$(dirname "$0")/../.."

export DJANGO_SETTINGS_MODULE=portal.settings.prod
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/kompetanseportalen}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
# A fresh key each start unless one is given: sessions then end with the server, which is fine
# on a developer's machine.
export SECRET_KEY="${SECRET_KEY:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-localhost,127.0.0.1}"
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
# Never tell a browser to insist on HTTPS for localhost.
export SECURE_HSTS_SECONDS="${SECURE_HSTS_SECONDS:-0}"
export PORT="${PORT:-8000}"

.venv/bin/python -m portal.serve.database "$DATABASE_URL"
.venv/bin/python manage.py collectstatic --no-input -v0
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_reference_data
echo "Kompetanseportalen with production settings: http://127.0.0.1:$PORT/ (Ctrl-C stops it)"
exec .venv/bin/honcho --procfile portal/serve/Procfile --app-root . start
