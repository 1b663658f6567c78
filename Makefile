# Two commands matter for a new machine: `make html` and `make test`.
# Both create .venv and install the project into it first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DOCS   := docs
BUILD  := build
SPHINXOPTS ?=
STRICT := -W --keep-going -n

PDFSTAMP := $(VENV)/.installed-pdf

.PHONY: help setup html pdf check test serve clean

help:
	@echo "make html   bouw de site in $(BUILD)/html"
	@echo "make test   draai alle tests"
	@echo "make pdf    kennisbank.pdf en de bestuurspakketten in $(BUILD)/pdf"
	@echo "make check  strikte build (fouten bij elke waarschuwing), daarna de tests"
	@echo "make serve  live voorbeeld op http://127.0.0.1:8000"
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

check: $(PDFSTAMP)
	$(BIN)/sphinx-build -b html -d $(BUILD)/check-doctrees $(STRICT) $(SPHINXOPTS) $(DOCS) $(BUILD)/check-html
	$(BIN)/python -m pytest

test: $(PDFSTAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/sphinx-autobuild -b html -d $(BUILD)/doctrees $(SPHINXOPTS) $(DOCS) $(BUILD)/html --watch extensions

clean:
	rm -rf $(BUILD)
