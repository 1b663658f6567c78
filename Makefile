# Two commands matter for a new machine: `make html` and `make test`.
# Both create .venv and install the project into it first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DOCS   := docs
BUILD  := build
SPHINXOPTS ?=

PDFSTAMP := $(VENV)/.installed-pdf

.PHONY: help setup html pdf check test test-eigenschappen serve clean nieuw bench schermafbeeldingen

help:
	@echo "make html   bouw de site in $(BUILD)/html"
	@echo "make test   draai alle tests"
	@echo "make test-eigenschappen   de eigenschapstests met veel meer gegenereerde invoer (BOUWS=50)"
	@echo "make pdf    kennisbank.pdf en de bestuurspakketten in $(BUILD)/pdf"
	@echo "make check  snelle controle van de inhoud: strikte build, links, open data (en typecontrole)"
	@echo "make nieuw TYPE=evenement ID=mijn-id TITEL='Mijn titel'   nieuwe pagina of item"
	@echo "make serve  live voorbeeld op http://127.0.0.1:8000"
	@echo "make bench  benchmark met en zonder extensie, met groeitabel; schrijft docs/prestaties.md bij"
	@echo "           make bench BENCH_ARGS=--stock-full   ook de basislijn met Furo zoals het is op volle omvang (~15 min extra)"
	@echo "make typecheck   mypy op de extensie (extensions/kennisbank)"
	@echo "make schermafbeeldingen   de schermafbeeldingen in de schrijfwijzer opnieuw maken"
	@echo "make clean  verwijder $(BUILD)/"

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,dev]"
	touch $(STAMP)

$(PDFSTAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,dev,pdf]"
	touch $(PDFSTAMP)

html: $(STAMP)
	$(BIN)/sphinx-build -b html -d $(BUILD)/doctrees $(SPHINXOPTS) $(DOCS) $(BUILD)/html

# WeasyPrint needs the system library Pango; the builder says how to install it.
pdf: $(PDFSTAMP)
	$(BIN)/sphinx-build -b kennisbank-pdf -d $(BUILD)/pdf-doctrees $(SPHINXOPTS) $(DOCS) $(BUILD)/pdf

# The contributors' check, fast: the strict build (-W --keep-going -n), the internal
# link check and the open data validation, every message as file:line (and as an
# annotation in GitHub Actions); then the type check of the extension. The code's test
# suite is `make test`; CI runs both.
check: $(STAMP)
	$(BIN)/kennisbank controleer --docs $(DOCS) --uitvoer $(BUILD)/check-html
	$(MAKE) --no-print-directory typecheck

nieuw: $(STAMP)
	$(BIN)/kennisbank nieuw $(TYPE) $(ID) $(if $(TITEL),--titel "$(TITEL)") --docs $(DOCS)

test: $(PDFSTAMP)
	$(BIN)/python -m pytest

# The property-based tests with many more generated cases than `make test` runs
# (10 builds of 40 cases there); BOUWS=200 for a long run.
BOUWS ?= 50
test-eigenschappen: $(PDFSTAMP)
	KENNISBANK_PROPERTY_BUILDS=$(BOUWS) $(BIN)/python -m pytest tests/test_properties.py

# A script, never a timed test: measures our extension against two hand-written baselines
# (furo as is, and with furo_cached_navigation) plus a growth table, in under 15 minutes;
# BENCH_ARGS=--stock-full adds the stock baseline at the full size (about 15 minutes more).
bench: $(PDFSTAMP)
	$(BIN)/python benchmarks/bench.py --workdir $(BUILD)/bench --write $(DOCS)/prestaties.md $(BENCH_ARGS)

# Screenshots of the site at 375 and 1280 px for the authoring guide (needs chromium).
schermafbeeldingen: $(STAMP)
	$(BIN)/python scripts/screenshots.py --uitvoer $(BUILD)/schermafbeeldingen

serve: $(STAMP)
	$(BIN)/sphinx-autobuild -b html -d $(BUILD)/doctrees $(SPHINXOPTS) $(DOCS) $(BUILD)/html --watch extensions

# mypy on extensions/kennisbank, with the settings in pyproject.toml ([tool.mypy]).
.PHONY: typecheck
typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(BUILD)
