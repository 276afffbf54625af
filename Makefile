# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
ADDRESS ?= 127.0.0.1:8000
DEV_ENV := DJANGO_DEBUG=1 DATABASE_URL= REDIS_URL=

.PHONY: run test lint messages clean

$(PY):
	"$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements.txt requirements-test.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.run-deps

run: $(VENV)/.run-deps
	$(DEV_ENV) $(PY) manage.py migrate --noinput -v0
	$(DEV_ENV) $(PY) manage.py load_demo
	@echo
	@echo "门户地址 Portal URL: http://$(ADDRESS)/   (Ctrl-C 停止)"
	@echo
	$(DEV_ENV) $(PY) manage.py runserver $(ADDRESS)

test: $(VENV)/.test-deps
	scripts/install-system-packages
	$(MAKE) --no-print-directory lint
	scripts/run-tests

lint: $(VENV)/.test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

messages: $(VENV)/.run-deps
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var

# Seeds a large union into PostgreSQL (unionportal_bench at 127.0.0.1:5432), serves it with
# gunicorn and times the main pages against a JSON floor and the Django admin. See README.
.PHONY: bench
bench: $(VENV)/.test-deps
	$(PY) -m bench

# The database (pg_dump custom format, or a SQLite copy) and MEDIA_ROOT into var/backups/<time>/ or
# BACKUP=dir; `make restore BACKUP=dir` loads one into the configured database, which must be empty.
.PHONY: backup restore
backup: $(VENV)/.run-deps
	$(PY) manage.py backup $(BACKUP)

restore: $(VENV)/.run-deps
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/<time>"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)"

# Removes what the next run rebuilds. The database, uploaded files and backups go only
# after a typed "yes" (never without a terminal).
clean:
	rm -rf $(VENV)
	find var -mindepth 1 -maxdepth 1 ! -name media ! -name backups -exec rm -rf {} + 2>/dev/null || true
	@data=$$(ls -d db.sqlite3 var/media var/backups 2>/dev/null | tr '\n' ' '); \
	if [ -n "$$data" ]; then \
	  read -r -p "也删除数据库、上传文件和备份（$$data）？输入 yes 确认 / type yes to delete them too: " answer || true; \
	  if [ "$$answer" = yes ]; then rm -rf $$data; else echo "已保留 kept: $$data"; fi; \
	fi
