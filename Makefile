# The two commands: `make run` launches unknot, `make test` runs every check.
# Both create or refresh .venv first (tools/setup.sh), system packages included.
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench setup sounds

setup:
	@bash tools/setup.sh

run: setup
	@$(BIN)/unknot

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict app
	$(BIN)/pytest -n auto

bench: setup
	@$(BIN)/python -m pip install -q -e '.[bench]' >/tmp/unknot-bench-pip.log 2>&1 \
		|| { tail -n 20 /tmp/unknot-bench-pip.log; exit 1; }
	$(BIN)/python -m bench

sounds: setup
	$(BIN)/python tools/make_sounds.py
