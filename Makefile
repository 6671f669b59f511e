# The one entry point. `make demo` and `make test` set everything up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= build

.PHONY: demo test test-slow test-clients bench golden schemas lint readme fields records clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/nvap validate
	$(BIN)/nvap build 2.6.2 covenant --out $(OUT)
	$(BIN)/nvap plan --force Norfolk --out $(OUT)/plans --skip-existing
	@echo
	@echo "Toolkit 2.6.2:   $(OUT)/2.6.2.md  $(OUT)/2.6.2.html  $(OUT)/2.6.2.xlsx"
	@echo "Covenant 2024:   $(OUT)/covenant-2024.md  $(OUT)/covenant-2024.html  $(OUT)/covenant-2024.xlsx"
	@echo "Norfolk's plan:  $(OUT)/plans/norfolk-constabulary-realisation-plan.xlsx"

# The fast tests (under a minute); test-slow and test-clients are the rest, and CI runs all three.
test: $(VENV)/.installed
	$(BIN)/python -m pytest -m "not clients and not slow" -p no:cacheprovider

test-slow: $(VENV)/.installed
	$(BIN)/python -m pytest -m "slow and not clients" -p no:cacheprovider

test-clients: $(VENV)/.installed
	bash scripts/install-clients.sh
	$(BIN)/python -m pytest -m clients tests/clients -p no:cacheprovider

bench: $(VENV)/.installed
	$(BIN)/python scripts/bench.py --out $(OUT) --readme

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy

readme: $(VENV)/.installed
	$(BIN)/python scripts/readme_help.py

fields: $(VENV)/.installed
	$(BIN)/python scripts/fields_doc.py

records: $(VENV)/.installed
	$(BIN)/python scripts/records.py

golden: $(VENV)/.installed
	$(BIN)/python -m pytest tests/test_golden.py tests/test_identical.py --regen-golden -p no:cacheprovider

schemas: $(VENV)/.installed
	$(BIN)/nvap schema --out schemas

clean:
	rm -rf $(OUT) $(VENV) *.egg-info src/*.egg-info
