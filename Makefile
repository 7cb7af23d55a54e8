# Two commands do everything on a fresh machine that has Python 3.11+:
#   make run    install into .venv and run the bot (reads .env)
#   make test   install into .venv and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install run test lint demo bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/unionbot run

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .

demo: install
	$(BIN)/unionbot demo

bench: install
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
