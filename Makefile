# Qudao — `make demo` serves the demo province, `make test` runs every check. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv uses the machine's Python 3.12 and never downloads one.
export UV_PYTHON_DOWNLOADS := never
UV_PYTHON ?= $(shell command -v pyenv >/dev/null 2>&1 && PYENV_VERSION=3.12.1 pyenv which python3 2>/dev/null || echo python3.12)
export UV_PYTHON

# `python3 -m uv` covers a uv that pip installed outside PATH.
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
PYTHON := .venv/bin/python
MANAGE := $(PYTHON) manage.py
HOST_PORT ?= 127.0.0.1:8000

.PHONY: help uv sync demo test lint bench

help:
	@echo "make demo   install, migrate, load the demo province (once) and serve it on http://$(HOST_PORT)/"
	@echo "make test   ruff, import contracts, migration check, pytest on SQLite (and PostgreSQL if QUDAO_TEST_POSTGRES is set)"
	@echo "make lint   ruff and import contracts only"
	@echo "make bench  import benchmarks on a throwaway PostgreSQL database (see bench/README.md)"

uv:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install uv

sync: uv
	$(UV) sync --locked

demo: sync
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	QUDAO_DEBUG=1 bash scripts/serve.sh $(HOST_PORT)

test: sync
	bash scripts/test.sh

lint: sync
	.venv/bin/ruff check .
	.venv/bin/lint-imports

bench: sync
	$(PYTHON) bench/run.py
