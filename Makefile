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

.PHONY: help setup html check test serve clean

help:
	@echo "make html   bouw de site in $(BUILD)/html"
	@echo "make test   draai alle tests"
	@echo "make check  strikte build (fouten bij elke waarschuwing), daarna de tests"
	@echo "make serve  live voorbeeld op http://127.0.0.1:8000"
	@echo "make clean  verwijder $(BUILD)/"

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,dev]"
	touch $(STAMP)

html: $(STAMP)
	$(BIN)/sphinx-build -b html -d $(BUILD)/doctrees $(SPHINXOPTS) $(DOCS) $(BUILD)/html

check: $(STAMP)
	$(BIN)/sphinx-build -b html -d $(BUILD)/check-doctrees $(STRICT) $(SPHINXOPTS) $(DOCS) $(BUILD)/check-html
	$(BIN)/python -m pytest

test: $(STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/sphinx-autobuild -b html -d $(BUILD)/doctrees $(SPHINXOPTS) $(DOCS) $(BUILD)/html --watch extensions

clean:
	rm -rf $(BUILD)
