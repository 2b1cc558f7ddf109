# newsportal: `make run` for the demo site, `make test` for the test suite.
# Without DATABASE_URL both use the project's own PostgreSQL (var/postgres/),
# started on first use and stopped when the last command using it ends.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install migrate demo clean-db stop-db serve reload stop backup restore

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo --if-empty

# The demo as readers see it: DEBUG off, so errors get the site's own pages
# (DJANGO_DEMO in newsportal/settings.py); static files collected for that.
run: demo
	DJANGO_DEMO=1 $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "  站点: http://$(HOST):$(PORT)/    后台: http://$(HOST):$(PORT)/admin/"
	@echo "  演示账号 admin / editor / journalist / moderator，密码 newsportal-demo"
	@echo "  演示读者 手机号 13800000000，密码 newsportal-demo（http://$(HOST):$(PORT)/members/login/ 密码登录）"
	@echo ""
	DJANGO_DEMO=1 SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py runserver $(HOST):$(PORT)

# Production mode: DEBUG off, hashed+compressed static files, gunicorn with
# 2*cores+1 workers (newsportal/gunicorn.conf.py). Reads .env if present; the
# production variables are listed in .env.example. The master's pid goes to
# GUNICORN_PIDFILE (var/gunicorn.pid): `make reload` is a graceful reload
# (HUP: new workers, same socket), `make stop` a graceful stop; workers end
# with their master even if it is killed (newsportal/gunicorn.conf.py).
# Under systemd use deploy/systemd/newsportal.service instead.
PIDFILE_OF_SERVE = set -a; [ ! -f .env ] || . ./.env; set +a; pidfile=$${GUNICORN_PIDFILE:-var/gunicorn.pid}

serve: install
	$(PIDFILE_OF_SERVE); mkdir -p "$$(dirname "$$pidfile")"; \
	export DJANGO_DEBUG=0 HOST=$(HOST) PORT=$(PORT) GUNICORN_PIDFILE="$$pidfile"; \
	$(PY) manage.py check --deploy --fail-level ERROR && \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	exec $(VENV)/bin/gunicorn --config newsportal/gunicorn.conf.py newsportal.wsgi:application

reload stop:
	@$(PIDFILE_OF_SERVE); [ -s "$$pidfile" ] && kill -0 "$$(cat "$$pidfile")" 2>/dev/null \
	  || { echo "gunicorn 未在运行（$$pidfile）"; exit 1; }; \
	kill -$(if $(filter reload,$@),HUP,TERM) "$$(cat "$$pidfile")"

# Database (pg_dump -Fc) and media in one archive:
# backups/newsportal-<UTC time>.tar.gz. Restoring into a database that already
# has tables needs FORCE=1. Both read .env like `make serve`.
backup: install
	set -a; [ ! -f .env ] || . ./.env; set +a; $(PY) manage.py backup $(if $(DIR),--dir $(DIR))

restore: install
	@[ -n "$(FILE)" ] || { echo "用法：make restore FILE=backups/newsportal-....tar.gz [FORCE=1]"; exit 2; }
	set -a; [ ! -f .env ] || . ./.env; set +a; $(PY) manage.py restore $(FILE) $(if $(filter 1 yes true,$(FORCE)),--force)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: install lint
	scripts/install-test-tools.sh
	$(PY) -m pytest $(PYTEST_ARGS)

# The embedded PostgreSQL: stop it (it also stops by itself when the last
# command using it ends), or stop it and delete its data.
stop-db: install
	$(PY) manage.py embedded_postgres stop

clean-db: stop-db
	rm -rf var/postgres
