# Quick start: `make build` then `make test`. See README.md.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

# Material's "MkDocs 2.0 / end of life" banner is noise in our build output.
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: build serve test check links translations schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs the pinned dependencies (constraints.txt pins the whole tree).
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install -q -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $@

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

# Live preview; content/ and hooks/ are watched too (see `watch:` in mkdocs.yml).
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload

check: $(VENV)/.installed
	$(BIN)/cluster-site check

# Internal links and anchors of the built site (run after `make build`).
links: $(VENV)/.installed
	$(BIN)/cluster-site links site

translations: $(VENV)/.installed
	$(BIN)/cluster-site translations

# Rewrites schemas/ from the content models (commit the result).
schema: $(VENV)/.installed
	$(BIN)/cluster-site schema

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

clean:
	rm -rf site $(VENV)
