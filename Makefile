# Two commands: `make run` and `make test`. Both create .venv and install the project first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test bench stress lint index clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	$(PY) -c 'from index.engine import warm_up_kernels; warm_up_kernels()'   # compile the kernels once (~15 s)
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/coverage-bot run

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check bot handlers index tests

BENCH_STAMP := $(VENV)/.bench-stamp
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test,bench]'
	touch $(BENCH_STAMP)

# Speed and memory: corpora of 10^4, 10^5, 10^6 sentences; writes bench/results/ and prints the table.
bench: $(BENCH_STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

# Load, faults and bad input against the real bot process on loopback; writes docs/reliability.md.
stress: $(BENCH_STAMP)
	$(PY) -m stress $(STRESS_ARGS)

index: $(STAMP)
	$(VENV)/bin/coverage-bot index

clean:
	rm -rf $(VENV) .cache build *.egg-info
