# The companion's everyday commands. Each creates .venv by itself on first use,
# so a fresh machine needs only python3 and the package registry.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint format bench screenshots content-check clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

## run: set up and start the app on your real data directory
run: $(STAMP)
	$(BIN)/companion

## test: set up, lint, check content and architecture, and run the tests
test: $(STAMP) lint content-check
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check companion tests bench tools
	$(BIN)/ruff format --check companion tests bench tools

format: $(STAMP)
	$(BIN)/ruff check --fix companion tests bench tools
	$(BIN)/ruff format companion tests bench tools

content-check: $(STAMP)
	$(BIN)/companion content check

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
