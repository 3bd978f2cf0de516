# The README's two commands: `make run` and `make test`. Each creates the venv if missing and
# installs what it needs first, so both work on a fresh machine, on Python 3.11, 3.12 or 3.13.
# Another Python, or a venv of its own: `make test PYTHON=python3.13 VENV=.venv-3.13`.
PORT ?= 8501
# The first of python3, python3.13, python3.12, python3.11 that is 3.11 to 3.13.
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null \
  && { command -v $$p; break; }; done)
VENV ?= .venv
PY = $(VENV)/bin/python
STAMP = $(VENV)/.installed
# pip itself, bounded like every dependency (constraints.txt pins the rest).
PIP_VERSION := pip>=23,<27
# durable-rules 2.0.28 is an sdist built here. Its C extension calls PyEval_CallObject, which
# Python 3.13 removed: there it is built with PyEval_CallObject defined as PyObject_CallObject
# (the same call), through CC because its setup.py sets CFLAGS itself; and never from pip's
# wheel cache, where a wheel built without the define (it builds, then fails to import) could
# be waiting. Reinstalled each time, so a venv whose build did not take is mended.
BUILD_DURABLE_RULES = DEFINE="$$($(PY) -c 'import sys; print("-DPyEval_CallObject=PyObject_CallObject" if sys.version_info >= (3, 13) else "")')"; \
  if [ -n "$$DEFINE" ]; then export CC="$${CC:-cc} $$DEFINE"; fi; \
  $(PY) -m pip install --quiet --no-cache-dir --no-binary durable-rules --force-reinstall --no-deps

.PHONY: run test bench docs coverage browser constraints clean

$(PY):
	@test -n "$(PYTHON)" || { echo "make: needs Python 3.11, 3.12 or 3.13 (PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change.
$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PY) -m pip install --quiet '$(PIP_VERSION)'
	$(BUILD_DURABLE_RULES) -c constraints.txt durable-rules
	$(PY) -m pip install --quiet -c constraints.txt -e '.[app,test]'
	touch $(STAMP)

# .streamlit/config.toml serves on 127.0.0.1 only; ui/serve.py keeps Streamlit from looking up
# any address outside the machine.
run: $(STAMP)
	$(PY) ui/serve.py ui/app.py --server.port $(PORT) --server.headless true

# The browser tests drive Debian's chromium, the PDF export uses DejaVu, and a test renders
# the justification graph with graphviz: install them when missing and we may.
browser:
	@{ command -v chromium && command -v dot && [ -d /usr/share/fonts/truetype/dejavu ]; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium graphviz fonts-dejavu-core >/dev/null; \
	  else echo "missing: Debian's chromium, graphviz or fonts-dejavu-core (sudo apt-get install chromium graphviz fonts-dejavu-core)"; exit 1; fi; }

test: $(STAMP) browser
	$(PY) -m pytest -q

bench: $(STAMP) browser
	$(PY) benchmarks/bench_engine.py
	$(PY) benchmarks/bench_batch.py
	$(PY) benchmarks/bench_highlight.py
	$(PY) benchmarks/bench_whatif.py
	$(PY) benchmarks/bench_app.py

# docs/frameworks.md is generated from the rule packs (elements.compare); a test fails when it is stale.
docs: $(STAMP)
	$(PY) -m elements.cli frameworks --format markdown > docs/frameworks.md.tmp
	mv docs/frameworks.md.tmp docs/frameworks.md

# Which scenario or legal case exercises every rule x value and every caveat (a test fails below 100%).
coverage: $(STAMP)
	$(PY) tests/coverage_report.py

# constraints.txt anew: what pip resolves today within pyproject.toml's ranges, in a fresh venv
# of $(PYTHON). Then run `make test` on 3.11, 3.12 and 3.13 before committing it.
constraints: VENV := .venv-constraints
constraints:
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet '$(PIP_VERSION)'
	$(BUILD_DURABLE_RULES) durable-rules
	$(PY) -m pip install --quiet -e '.[app,test]'
	{ sed -n '/^#/p' constraints.txt; $(PY) -m pip freeze --exclude-editable; } > constraints.txt.tmp
	mv constraints.txt.tmp constraints.txt
	rm -rf $(VENV)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache test-artifacts
