# The two commands: `make run` launches unknot, `make test` runs every check.
# Both create or refresh .venv first (tools/setup.sh), system packages included.
# `make check` runs the checks alone with the tools in $(BIN); `make test-py313` runs the same
# checks on Debian 13's Python 3.13, in a root it builds once under .cache/ (tools/test_py313.sh).
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test check test-py313 bench setup sounds figures

setup:
	@bash tools/setup.sh

run: setup
	@$(BIN)/unknot

test: setup check

check:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict app tests bench tools
	$(BIN)/lint-imports
	$(BIN)/pytest -n 4 --dist worksteal

test-py313:
	@bash tools/test_py313.sh

bench: setup
	@$(BIN)/python -m pip install -q -e '.[bench]' >/tmp/unknot-bench-pip.log 2>&1 \
		|| { tail -n 20 /tmp/unknot-bench-pip.log; exit 1; }
	$(BIN)/python -m bench

sounds: setup
	$(BIN)/python tools/make_sounds.py

# The contact sheet: every catalog move's figure, docs/figures.html and docs/figures.png.
figures: setup
	$(BIN)/python tools/contact_sheet.py
