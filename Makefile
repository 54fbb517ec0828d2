# The companion's everyday commands. Each creates .venv by itself on first use,
# so a fresh machine needs only python3 and the package registry.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run demo test test-stress lint format bench screenshots content-check clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

## run: set up and start the app on your real data directory
run: $(STAMP)
	$(BIN)/companion

## demo: the app on a throwaway data directory with four months of sample data
demo: $(STAMP)
	$(BIN)/companion demo

STAGE := tools/stage.sh

## test: set up, lint, check content and architecture, and run the tests, naming each stage
test: $(STAMP) lint content-check
	@$(STAGE) "import contracts (import-linter)" $(BIN)/lint-imports --no-cache
	@$(STAGE) "tests (pytest)" $(BIN)/python -m pytest

## test-stress: the whole suite five times in a row with every core busy (not part of CI)
test-stress: $(STAMP)
	tools/stress.sh $(BIN)/python

lint: $(STAMP)
	@$(STAGE) "lint (ruff check)" $(BIN)/ruff check companion tests bench tools
	@$(STAGE) "format (ruff format --check)" $(BIN)/ruff format --check companion tests bench tools
	@$(STAGE) "types (mypy: strict on companion bench tools, tests checked)" $(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix companion tests bench tools
	$(BIN)/ruff format companion tests bench tools

content-check: $(STAMP)
	@$(STAGE) "content check" $(BIN)/companion content check

## bench: speed, memory and terminal-traffic benchmarks (not part of make test)
bench: $(STAMP)
	$(BIN)/python -m bench

## screenshots: regenerate screenshots/*.svg from the real app, and the report's PNG
## (screenshots/report.png needs a chromium on the PATH; without one it says so and skips)
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py
	$(BIN)/python tools/report_png.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache dist build
