# Two commands do everything on a fresh machine: `make run` and `make test`.
# Both install exactly the versions in requirements-dev.lock (with hashes); the Docker image installs
# requirements.lock, the same versions without the dev tools. After editing the dependencies in
# pyproject.toml, run `make lock` and commit both lock files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/python -m pip --disable-pip-version-check
UV := uv==0.13.9
COMPILE := $(BIN)/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 --generate-hashes

.PHONY: run test lint lock bench train clean

$(STAMP): pyproject.toml requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r requirements-dev.lock
	$(PIP) install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m bot

test: lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Retrain the intent model from tests/data/corpus (after editing the corpus or the features); a test
# fails while the committed bot/coaching/analyzer/intent_model.json differs from what this produces.
# One thread per maths library: these fits are small, and a pool per core only spins on a busy machine.
train: export OMP_NUM_THREADS = 1
train: export OPENBLAS_NUM_THREADS = 1
train: $(STAMP)
	$(BIN)/python tests/data/corpus/assemble.py
	$(BIN)/python -m bot.coaching.analyzer.train
	$(BIN)/python -m bot.coaching.analyzer.train_scam
# Re-resolve after a dependency change; pins already in the lock files are kept where they still fit.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(PIP) install --quiet '$(UV)'
	$(COMPILE) --all-extras -o requirements-dev.lock
	$(COMPILE) -c requirements-dev.lock --extra build -o requirements.lock

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
