# The README's two commands: `make run` and `make test`. Each creates .venv if missing and
# installs what it needs first, so both work on a fresh machine.
PORT ?= 8501
# durable-rules 2.0.28 does not import on Python 3.13: prefer 3.11, then 3.12.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench docs coverage browser clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[app,test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run ui/app.py --server.port $(PORT) --server.headless true

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
	$(PY) benchmarks/bench_app.py

# docs/frameworks.md is generated from the rule packs (elements.compare); a test fails when it is stale.
docs: $(STAMP)
	$(PY) -m elements.cli frameworks --format markdown > docs/frameworks.md.tmp
	mv docs/frameworks.md.tmp docs/frameworks.md

# Which scenario or legal case exercises every rule x value and every caveat (a test fails below 100%).
coverage: $(STAMP)
	$(PY) tests/coverage_report.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache test-artifacts
