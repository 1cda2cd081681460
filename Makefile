# uawar: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
JOBS ?=
CODE := src tests benchmarks notebooks

.DEFAULT_GOAL := help
.PHONY: help venv data reports test test-fast lint key-figures lab student solutions grade bench bench-sweep clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

venv: $(VENV)/.installed ## create .venv from requirements.txt (when missing or stale)

data: venv ## rebuild data/processed, data/datapackage.json and docs/weapon_classes.md from the newest exports in data/raw
	$(BIN)/uawar data build
	$(BIN)/uawar data classes

reports: venv ## render the report catalogue into reports/ and, in Ukrainian, reports/uk/ (open reports/index.html)
	$(BIN)/uawar render --all $(if $(JOBS),--jobs $(JOBS))

test: lint ## formatting, lint and types (make lint), then the test suite (unit, data, notebooks with nbval, browser)
	$(BIN)/pytest
	$(BIN)/pytest --nbval-lax notebooks/

# The markers are registered in pyproject.toml; `make test` runs every test whatever its marker.
test-fast: venv ## the inner loop (under a minute): the tests that start no kernel, no browser and no cluster
	$(BIN)/pytest -q -m "not slow and not kernel and not browser"

lint: venv ## ruff format --check, ruff check and mypy over the package, tests, benchmarks and notebooks
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/ruff check $(CODE)
	$(BIN)/mypy

key-figures: venv ## after the data or a notebook changed: store the key-figure outputs that nbval compares
	$(BIN)/uawar key-figures

# JupyterLab refuses to start as root unless told: a container or a classroom VM often runs as root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: venv ## open the repository in JupyterLab (notebooks/, and reports/teaching/student/ after make student)
	@$(if $(ALLOW_ROOT),echo "make lab: running as root (as in a container or a classroom VM): starting JupyterLab with --allow-root")
	$(BIN)/jupyter lab $(ALLOW_ROOT)

student: venv ## build the student edition (exercises blanked, public checks with hints) into reports/teaching/student/ and reports/uk/teaching/student/
	$(BIN)/uawar teach student
	$(BIN)/uawar teach student --lang uk

solutions: venv ## build the instructor's edition (solutions executed, autograder archives) into reports/teaching/solutions/ and reports/uk/teaching/solutions/
	$(BIN)/uawar teach solutions
	$(BIN)/uawar teach solutions --lang uk

grade: venv ## grade hand-ins locally (no Docker): make grade SUBMISSIONS=folder writes folder/scores.csv (after make solutions)
	@test -n "$(SUBMISSIONS)" || { echo "make grade: name the folder of hand-ins: make grade SUBMISSIONS=handins/" >&2; exit 2; }
	$(BIN)/uawar teach grade $(SUBMISSIONS)

bench: venv ## run the benchmarks (speed and memory against their baselines, the load beside each; 10-15 minutes)
	status=0; for b in build notebooks render sweep site; do $(BIN)/python benchmarks/bench_$$b.py || status=1; done; exit $$status

bench-sweep: venv ## the sweep of attacks on a LocalCluster of 1 and 2 workers (30 reports), then all 1154 attacks locally
	$(BIN)/python benchmarks/bench_cluster.py && $(BIN)/python benchmarks/bench_sweep.py --reports 0

clean: ## remove the virtual environment and rendered reports
	rm -rf $(VENV) reports/*.html reports/_failed reports/.cache
