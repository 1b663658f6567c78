# Two commands matter for a new machine: `make html` and `make test`.
# Both create .venv and install into it what they need first: `make html` only what building
# the site needs, `make test` the test tools as well. `make site` builds what is published:
# the HTML with the PDFs in place. `make setup` installs everything for working on the code.

PYTHON ?= python3
# "ja" when the contributor named a Python (make html PYTHON=python3.12, or in the environment):
# then an existing .venv must have been made by that one.
PYTHON_GIVEN := $(if $(filter-out default file,$(origin PYTHON)),ja,nee)
VENV   := .venv
BIN    := $(VENV)/bin
DOCS   := docs
BUILD  := build
SPHINXOPTS ?=
# One environment for every builder: `make html && make pdf` reads the sources once.
DOCTREES := $(BUILD)/doctrees
# Where the site keeps its PDFs, below build/html; the same folder as
# kennisbank_pdf_folder in docs/conf.py (default "pdf"), which the pages link.
PDF_FOLDER := pdf
# Where `make serve` listens. Only this computer by default; the dev container sets
# SERVE_HOST=0.0.0.0, since a port is forwarded to the host from outside the container.
SERVE_HOST ?= 127.0.0.1
SERVE_PORT ?= 8000
# Python's cache of compiled modules (__pycache__, ignored by git) on, also on a machine that
# switches it off (PYTHONDONTWRITEBYTECODE, as the sandbox this was measured in does): without it
# every process compiles our modules again, and each pytest worker rewrites the asserts of every
# test module again, 4 s of CPU each time (`make test-snel`: 62-67 s without, 56-58 s with).
export PYTHONDONTWRITEBYTECODE :=

# One stamp per group of packages, so that `make test` after `make html` adds the test tools
# without installing the rest again. Each stamp depends on pyproject.toml (a changed dependency
# is installed on the next run) and on .venv/pyvenv.cfg (a new .venv is installed from scratch).
STAMP      := $(VENV)/.installed
SERVESTAMP := $(VENV)/.installed-serve
DEVSTAMP   := $(VENV)/.installed-dev
PDFSTAMP   := $(VENV)/.installed-pdf
TESTSTAMP  := $(VENV)/.installed-test
# What each installs: the extras of pyproject.toml, after the project with its runtime dependencies.
$(STAMP):      EXTRAS :=
$(SERVESTAMP): EXTRAS := [serve]
$(DEVSTAMP):   EXTRAS := [dev]
$(PDFSTAMP):   EXTRAS := [pdf]
# The test suite also renders PDFs and runs the pre-commit hooks (ruff, mypy).
$(TESTSTAMP):  EXTRAS := [test,pdf,dev]

.PHONY: help setup html pdf site nieuwsbrief check test test-snel test-eigenschappen serve clean nieuw bench schermafbeeldingen FORCE
# One pip at a time in .venv, and one build at a time in $(DOCTREES).
.NOTPARALLEL:

help:
	@echo "make html   bouw de site in $(BUILD)/html (zonder PDF's; de pagina's zeggen waar die vandaan komen)"
	@echo "make site   de site zoals die gepubliceerd wordt: eerst de PDF's, dan de HTML met de PDF's in $(BUILD)/html/$(PDF_FOLDER)"
	@echo "make test   draai alle tests"
	@echo "make test-snel   de tests zonder browser, PDF's en trage tests (binnen een minuut)"
	@echo "make setup  installeer alles om aan de code te werken (tests, mypy, ruff, pre-commit, sphinx-autobuild)"
	@echo "make test-eigenschappen   de eigenschapstests met veel meer gegenereerde invoer (BOUWS=50)"
	@echo "make pdf    kennisbank.pdf en de bestuurspakketten in $(BUILD)/pdf"
	@echo "make nieuwsbrief   elke editie van de nieuwsbrief als e-mail (.html, .txt, .eml) in $(BUILD)/nieuwsbrief"
	@echo "make check  snelle controle van de inhoud: strikte build, links, open data (en typecontrole)"
	@echo "make nieuw TYPE=evenement ID=mijn-id TITEL='Mijn titel'   nieuwe pagina of item"
	@echo "make formulieren   de formulieren voor nieuwe inhoud (.github/ISSUE_TEMPLATE) opnieuw maken"
	@echo "make serve  live voorbeeld op http://127.0.0.1:$(SERVE_PORT)"
	@echo "make bench  benchmark met en zonder extensie, met groeitabel; schrijft docs/prestaties.md bij"
	@echo "           make bench BENCH_ARGS=--stock-full   ook de basislijn met Furo zoals het is op volle omvang (~15 min extra)"
	@echo "make bench-voorbeeld   alleen het voorbeeld van een pull request, op de bewaarde build van main (3 à 5 min)"
	@echo "make typecheck   mypy op de extensie (extensions/kennisbank)"
	@echo "make schermafbeeldingen   de schermafbeeldingen in de schrijfwijzer opnieuw maken"
	@echo "make pdf-voorbeelden   de voorbeeldpagina's van de PDF's in de schrijfwijzer opnieuw maken"
	@echo "make clean  verwijder $(BUILD)/"

# Everything for working on the code: the tests, mypy, ruff, pre-commit and sphinx-autobuild.
setup: $(TESTSTAMP) $(SERVESTAMP)

# Runs on every make that needs .venv: refuses a Python older than 3.11 before anything is
# made, and makes .venv again when it was made by another Python or no longer starts
# (scripts/venv.sh says why). pyvenv.cfg changes only when .venv is made anew, so the stamps
# install again only then.
$(VENV)/pyvenv.cfg: FORCE
	@sh scripts/venv.sh "$(PYTHON)" "$(VENV)" "$(PYTHON_GIVEN)" "$(firstword $(MAKECMDGOALS) html)"
FORCE:

$(STAMP) $(SERVESTAMP) $(DEVSTAMP) $(PDFSTAMP) $(TESTSTAMP): pyproject.toml $(VENV)/pyvenv.cfg
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".$(EXTRAS)"
	touch $@

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
# Stale issue forms fail the check, except in a pull request on GitHub (the command sees
# GITHUB_BASE_REF, set only there): its author may have renamed a theme in the browser, where
# nobody can run `make formulieren`, and the publish workflow makes the forms anew after the
# merge; there they are a notice.
check: $(STAMP)
	$(BIN)/kennisbank formulieren --controleer --docs $(DOCS)
	$(BIN)/kennisbank controleer --docs $(DOCS) --uitvoer $(BUILD)/check-html
	$(MAKE) --no-print-directory typecheck

# The issue forms for new content (.github/ISSUE_TEMPLATE), made from the schema and docs/;
# `make check` fails, saying so, when they no longer match (except in a pull request, above).
.PHONY: formulieren
formulieren: $(STAMP)
	$(BIN)/kennisbank formulieren --docs $(DOCS)

nieuw: $(STAMP)
	$(BIN)/kennisbank nieuw $(TYPE) $(ID) $(if $(TITEL),--titel "$(TITEL)") --docs $(DOCS)

# The tests run on every core (pytest-xdist), a test module at a time on one of them, so that the
# builds a module shares are made once; TESTJOBS=0 runs them in this process.
TESTJOBS ?= auto
test: $(TESTSTAMP)
	$(BIN)/python -m pytest -n $(TESTJOBS) --dist loadfile

# The quick tiers: everything but the tests marked browser, pdf or slow (pyproject.toml).
test-snel: $(TESTSTAMP)
	$(BIN)/python -m pytest -n $(TESTJOBS) --dist loadfile -m "not browser and not pdf and not slow"

# The property-based tests with many more generated cases than `make test` runs
# (10 builds of 40 cases there); BOUWS=200 for a long run.
BOUWS ?= 50
test-eigenschappen: $(TESTSTAMP)
	KENNISBANK_PROPERTY_BUILDS=$(BOUWS) $(BIN)/python -m pytest tests/test_properties.py

# A script, never a timed test: measures our extension against two hand-written baselines
# (furo as is, and with furo_cached_navigation) plus a growth table, in under 15 minutes;
# BENCH_ARGS=--stock-full adds the stock baseline at the full size (about 15 minutes more).
bench: $(PDFSTAMP)
	$(BIN)/python benchmarks/bench.py --workdir $(BUILD)/bench --write $(DOCS)/prestaties.md $(BENCH_ARGS)

# Only the preview of a pull request, built on main's cached build in a fresh checkout
# (benchmarks/preview.py; 3 to 5 minutes at the default size).
.PHONY: bench-voorbeeld
bench-voorbeeld: $(STAMP)
	$(BIN)/python benchmarks/preview.py --workdir $(BUILD)/bench-voorbeeld --write $(DOCS)/prestaties.md $(BENCH_ARGS)

# Screenshots of the site at 375 and 1280 px for the authoring guide (needs chromium, and
# Playwright from the test extras).
schermafbeeldingen: $(TESTSTAMP)
	$(BIN)/python scripts/screenshots.py --uitvoer $(BUILD)/schermafbeeldingen
	$(BIN)/python scripts/preview_screenshots.py --uitvoer $(BUILD)/schermafbeeldingen-voorbeeld

# Sample pages of kennisbank.pdf and the board pack for the authoring guide (needs pdftoppm).
.PHONY: pdf-voorbeelden
pdf-voorbeelden: $(PDFSTAMP)
	$(BIN)/python scripts/pdf_examples.py --uitvoer $(BUILD)/pdf-voorbeelden

serve: $(SERVESTAMP)
	$(BIN)/sphinx-autobuild -b html -d $(DOCTREES) $(SPHINXOPTS) $(DOCS) $(BUILD)/html --watch extensions \
		--host $(SERVE_HOST) --port $(SERVE_PORT)

# mypy on extensions/kennisbank, with the settings in pyproject.toml ([tool.mypy]).
.PHONY: typecheck
typecheck: $(DEVSTAMP)
	$(BIN)/mypy

clean:
	rm -rf $(BUILD)
