# Two commands do everything on a fresh machine that has Python 3.11+:
#   make run    install into .venv and run the bot (reads .env)
#   make test   install into .venv and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install run test lint format demo bench bench-faq clean

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
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

demo: install
	$(BIN)/unionbot demo

# Every benchmark (about 25 minutes; see benchmarks/README.md).
# bench-faq reads the shared question sets beside the checkout (../shared/data/faq)
bench: install
	$(BIN)/python -m benchmarks.roster_import
	$(BIN)/python -m benchmarks.faq_latency
	$(BIN)/python -m benchmarks.votes
	$(BIN)/python -m benchmarks.transport
	$(BIN)/python -m benchmarks.surveys
	$(BIN)/python -m benchmarks.delivery

KB ?= ../shared/data/faq/kb.yaml
QUESTIONS ?= ../shared/data/faq/dev_questions.yaml
bench-faq: install
	$(BIN)/python -m benchmarks.faq_quality

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
