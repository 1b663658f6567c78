# Two commands matter for a new machine: `make html` and `make test`.
# Both create .venv and install the project into it first. `make site` builds what is
# published: the HTML with the PDFs in place.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DOCS   := docs
BUILD  := build
SPHINXOPTS ?=
# One environment for every builder: `make html && make pdf` reads the sources once.
DOCTREES := $(BUILD)/doctrees
# Where the site keeps its PDFs, below build/html; the same folder as
# kennisbank_pdf_folder in docs/conf.py (default "pdf"), which the pages link.
PDF_FOLDER := pdf

PDFSTAMP := $(VENV)/.installed-pdf

.PHONY: help setup html pdf site nieuwsbrief check test test-eigenschappen serve clean nieuw bench schermafbeeldingen

help:
	@echo "make html   bouw de site in $(BUILD)/html (zonder PDF's; de pagina's zeggen waar die vandaan komen)"
	@echo "make site   de site zoals die gepubliceerd wordt: eerst de PDF's, dan de HTML met de PDF's in $(BUILD)/html/$(PDF_FOLDER)"
	@echo "make test   draai alle tests"
	@echo "make test-eigenschappen   de eigenschapstests met veel meer gegenereerde invoer (BOUWS=50)"
	@echo "make pdf    kennisbank.pdf en de bestuurspakketten in $(BUILD)/pdf"
	@echo "make nieuwsbrief   elke editie van de nieuwsbrief als e-mail (.html, .txt, .eml) in $(BUILD)/nieuwsbrief"
	@echo "make check  snelle controle van de inhoud: strikte build, links, open data (en typecontrole)"
	@echo "make nieuw TYPE=evenement ID=mijn-id TITEL='Mijn titel'   nieuwe pagina of item"
	@echo "make formulieren   de formulieren voor nieuwe inhoud (.github/ISSUE_TEMPLATE) opnieuw maken"
	@echo "make serve  live voorbeeld op http://127.0.0.1:8000"
	@echo "make bench  benchmark met en zonder extensie, met groeitabel; schrijft docs/prestaties.md bij"
	@echo "           make bench BENCH_ARGS=--stock-full   ook de basislijn met Furo zoals het is op volle omvang (~15 min extra)"
	@echo "make typecheck   mypy op de extensie (extensions/kennisbank)"
	@echo "make schermafbeeldingen   de schermafbeeldingen in de schrijfwijzer opnieuw maken"
	@echo "make pdf-voorbeelden   de voorbeeldpagina's van de PDF's in de schrijfwijzer opnieuw maken"
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
	$(BIN)/sphinx-build -b html -d $(DOCTREES) $(SPHINXOPTS) $(DOCS) $(BUILD)/html

# WeasyPrint needs the system library Pango; the builder says how to install it.
# Every PDF is rendered on each run: old ones (of a pack since removed) go first.
pdf: $(PDFSTAMP)
	rm -f $(BUILD)/pdf/*.pdf
	$(BIN)/sphinx-build -b kennisbank-pdf -d $(DOCTREES) $(SPHINXOPTS) $(DOCS) $(BUILD)/pdf

# The PDFs first, so that the HTML build finds them and shows their size and date
# (the pages that show them are written again when a PDF changes); the HTML build
# then reads nothing the PDF build already read.
site: pdf
	rm -rf $(BUILD)/html/$(PDF_FOLDER)
	mkdir -p $(BUILD)/html/$(PDF_FOLDER)
	cp $(BUILD)/pdf/*.pdf $(BUILD)/html/$(PDF_FOLDER)/
	$(BIN)/sphinx-build -b html -d $(DOCTREES) $(SPHINXOPTS) $(DOCS) $(BUILD)/html
	$(MAKE) --no-print-directory nieuwsbrief

# Each newsletter edition as e-mail: .html, .txt (its plain-text alternative) and .eml (both,
# to open in a mail program). Shares $(DOCTREES) with `make html`; never sends mail.
nieuwsbrief: $(STAMP)
	$(BIN)/sphinx-build -b nieuwsbrief -d $(DOCTREES) $(SPHINXOPTS) $(DOCS) $(BUILD)/nieuwsbrief

# The contributors' check, fast: the strict build (-W --keep-going -n), the internal
# link check and the open data validation, every message as file:line (and as an
# annotation in GitHub Actions); then the type check of the extension. The code's test
# suite is `make test`; CI runs both.
check: $(STAMP)
	$(BIN)/kennisbank formulieren --controleer --docs $(DOCS)
	$(BIN)/kennisbank controleer --docs $(DOCS) --uitvoer $(BUILD)/check-html
	$(MAKE) --no-print-directory typecheck

# The issue forms for new content (.github/ISSUE_TEMPLATE), made from the schema and docs/;
# `make check` fails, saying so, when they no longer match.
.PHONY: formulieren
formulieren: $(STAMP)
	$(BIN)/kennisbank formulieren --docs $(DOCS)

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

# Sample pages of kennisbank.pdf and the board pack for the authoring guide (needs pdftoppm).
.PHONY: pdf-voorbeelden
pdf-voorbeelden: $(PDFSTAMP)
	$(BIN)/python scripts/pdf_examples.py --uitvoer $(BUILD)/pdf-voorbeelden

serve: $(STAMP)
	$(BIN)/sphinx-autobuild -b html -d $(DOCTREES) $(SPHINXOPTS) $(DOCS) $(BUILD)/html --watch extensions

# mypy on extensions/kennisbank, with the settings in pyproject.toml ([tool.mypy]).
.PHONY: typecheck
typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(BUILD)
