#!/usr/bin/env bash
# Start the production server (DEBUG off, gunicorn, demo data) for the scanners.
#   bench/security/serve.sh            # PostgreSQL np_scan on 127.0.0.1:5432, port 8611
#   SCAN_DATABASE_URL=postgres://... bench/security/serve.sh   # another PostgreSQL database
# Prints the gunicorn pid; stop it with `kill <pid>`.
# Differences from a real deployment, all for the scan's sake and explained:
# - DJANGO_SECURE_SSL_REDIRECT=0: the scanners speak plain HTTP to 127.0.0.1
#   (in production TLS ends at the proxy, which sets X-Forwarded-Proto).
# - COMMENT_RATE_LIMIT is huge: with the real 5 per minute every scanner
#   request after the fifth gets 429 and the injection tests would test nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo /work/main/.venv/bin/python )}
PORT=${SCAN_PORT:-8611}
export DATABASE_URL=${SCAN_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/np_scan}
export DJANGO_DEBUG=0 DJANGO_SECRET_KEY=scan-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_STATIC_ROOT=/tmp/np_scan_static DJANGO_MEDIA_ROOT=/tmp/np_scan_media
export COMMENT_RATE_LIMIT=1000000 GUNICORN_WORKERS=${GUNICORN_WORKERS:-3}
export HOST=127.0.0.1 PORT
db=${DATABASE_URL##*/}
psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
    || createdb -h 127.0.0.1 -U postgres "$db"
"$PYTHON" manage.py migrate --noinput -v 0
"$PYTHON" manage.py seed_demo --if-empty >/dev/null
"$PYTHON" manage.py collectstatic --noinput -v 0
GUNICORN=$(dirname "$PYTHON")/gunicorn
"$GUNICORN" --config newsportal/gunicorn.conf.py --daemon --pid /tmp/np_scan_gunicorn.pid \
    --error-logfile /tmp/np_scan_gunicorn.log newsportal.wsgi:application
for _ in $(seq 1 50); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break
    sleep 0.3
done
cat /tmp/np_scan_gunicorn.pid
