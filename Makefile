# Two entry points: `make run` (demo on SQLite) and `make test` (everything CI checks).
# Django 6 needs Python >= 3.12: take the first such interpreter on PATH or under pyenv.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run test lint install messages clean screenshots

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Cần Python 3.12 trở lên (Django 6) / Python 3.12+ is required for Django 6."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

# .env: development settings for manage.py on this machine (read by config/settings.py).
install: $(VENV)/.installed messages
	mkdir -p var
	test -e .env || printf '# Development only, never deployed: see README, Configuration.\nDEBUG=1\n' > .env
	$(BIN)/python manage.py migrate --noinput --verbosity 0

messages: $(VENV)/.installed
	$(BIN)/pybabel --quiet compile --domain "django djangojs" --directory locale

# The demo runs with development settings on its own SQLite file, whatever the environment says.
run: export DEBUG := 1
run: export DATABASE_URL :=
run: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@# The task worker runs beside the server in this shell and stops with it (Ctrl+C).
	$(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Development settings for checks and tests; Django's test runner still sets DEBUG=False,
# and the deploy check below turns DEBUG off to see the production settings.
test: export DEBUG := 1
test: install lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=check-deploy-only-not-a-real-secret-$$(date +%s)-abcdefghijklmnopqrstuvwxyz \
		ALLOWED_HOSTS=example.org $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python -m pytest

# The main pages at 360 and 1280 px, from the demo data, into test-artifacts/screenshots/.
screenshots: export DEBUG := 1
screenshots: install
	$(BIN)/python -m pytest tests/test_screenshots.py -q

clean:
	rm -rf $(VENV) var/static
