# Two commands on a fresh machine with python3 and make:
#   make demo   - venv, install, ingest the sample announcements, serve on http://127.0.0.1:$(PORT)
#   make test   - venv, install with test extras, run the tests
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin

.PHONY: demo test install install-test serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/oregraph demo --port $(PORT) --store demo-store

test: install-test
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) demo-store .pytest_cache
