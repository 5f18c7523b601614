# drafter: the two commands a newcomer needs are `make build` and `make test`.
# Both prepare everything on first use (system packages, virtualenv, package).

VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp

.PHONY: build test setup lint typecheck unit bench templates clean

build: setup  ## build every document from content/ into output/
	$(BIN)/drafter build

test: setup lint typecheck unit  ## lint, type-check and run the whole test suite

setup: $(STAMP)

$(STAMP): pyproject.toml tools/setup-system.sh
	@tools/setup-system.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest

bench: setup  ## speed and memory figures (prints a table, writes bench/results.json)
	$(BIN)/python bench/run.py

templates: setup  ## regenerate the Word templates from tools/make_templates.py
	$(BIN)/python tools/make_templates.py

clean:
	rm -rf output .pytest_cache .mypy_cache .ruff_cache
