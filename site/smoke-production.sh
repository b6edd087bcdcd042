#!/usr/bin/env bash
# Starts the site as a deployment would: the runtime lock only (requirements/runtime.txt, no test or
# lint tool), the production settings, gunicorn. Proves that nothing the site runs needs a development
# dependency, and that a fresh database is set up by the documented commands. Used by .ci/run.
#
#   site/smoke-production.sh        build .venv-runtime if needed, set up a throw-away site, serve, ask
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
VENV=.venv-runtime
STAMP="$VENV/.installed-$(cksum requirements/runtime.txt | cut -d' ' -f1)"
if ! [ -e "$STAMP" ]; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --require-hashes -r requirements/runtime.txt
  touch "$STAMP"
fi

work=$(mktemp -d)
port=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DJANGO_SETTINGS_MODULE=cms.settings.production
export SECRET_KEY="smoke-only-$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SITE_URL="http://127.0.0.1:$port"
export DATABASE_URL="sqlite:///$work/site.sqlite3" STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media"
export FRESHNESS_FILE="$work/freshness"
unset REDIS_URL OPENSEARCH_URL ELASTICSEARCH_URL

py="$VENV/bin/python"
"$py" manage.py check --deploy --fail-level ERROR
"$py" manage.py compile_catalogues
"$py" manage.py collectstatic --noinput -v 0
"$py" manage.py migrate --noinput -v 0
"$py" manage.py bootstrap

BIND="127.0.0.1:$port" WEB_CONCURRENCY=1 "$VENV/bin/gunicorn" -c site/gunicorn.conf.py cms.wsgi \
  >"$work/gunicorn.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 100); do
  if "$py" - "$port" <<'PY' 2>/dev/null; then break; fi
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/fr/", timeout=2)
PY
  sleep 0.3
done
"$py" - "$port" <<'PY' || { cat "$work/gunicorn.log"; exit 1; }
import sys, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
for path in ("/fr/", "/en/", "/es/", "/fr/search/?q=donn%C3%A9es", "/sitemap.xml"):
    with urllib.request.urlopen(base + path, timeout=30) as answer:
        assert answer.status == 200, (path, answer.status)
        body = answer.read().decode()
        assert "OGP Toolbox" in body or path == "/sitemap.xml", path
print("production smoke test: the runtime lock serves the site with the production settings")
PY
