# Quick start: `make build` then `make test`. See README.md.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

# The engine that runs the build: MkDocs 1.6.1 (the default) or ProperDocs 1.6.7, its maintained
# fork with the same plugin API; both installed, same site byte for byte (README: "Platform and
# its future").   ENGINE=properdocs make build
ENGINE ?= mkdocs
ifeq ($(filter $(ENGINE),mkdocs properdocs),)
$(error ENGINE=$(ENGINE): expected mkdocs or properdocs)
endif
# Each engine's "MkDocs 2.0" banner (Material's for mkdocs, ProperDocs' own) is noise in our build output.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: build cms-bundle serve edit test check links translations schema screenshots bench bench-shortcuts bench-compare clean new-news new-event new-member

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs the pinned dependencies (constraints.txt pins the whole tree).
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install -q -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $@

# Browser tests drive Debian's Chromium (Playwright cannot download browsers here).
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

# The Nu Html Checker (vnu-jar, from npm) runs on Java.
JAVA ?= $(shell command -v java 2>/dev/null || echo /usr/bin/java)
$(JAVA):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless

# axe-core (accessibility rules) and vnu-jar (HTML checker) from the npm registry, pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# The editing page /admin/ runs Decap CMS's prebuilt bundle from our own files: only the package
# itself (not the 700 packages it is built from), pinned by version and checksum in the generator
# (hooks/cluster_site/editors/cms_bundle.py). Fetched once into .cache/decap-cms/; again only when
# the generator pins another version.
cms-bundle: $(VENV)/.installed
	@$(BIN)/cluster-site cms-bundle

build: $(VENV)/.installed cms-bundle
	$(BIN)/$(ENGINE) build --strict -f mkdocs.yml

# Live preview; content/ and hooks/ are watched too (see `watch:` in mkdocs.yml). `--dirty` keeps
# the previous output: an edit renders only the pages it changes (hooks/cluster_site/speed/preview.py).
serve: $(VENV)/.installed cms-bundle
	$(BIN)/$(ENGINE) serve -f mkdocs.yml --livereload --dirty

# The editing page against this working copy, without any account: Decap's local backend
# (decap-server, pinned in package.json) writes into content/ and docs/, the preview shows it.
# Open http://127.0.0.1:8000/admin/ (the site: http://127.0.0.1:8000/).
edit: $(VENV)/.installed cms-bundle node_modules/.installed
	@trap 'kill 0' EXIT INT TERM; \
	  BIND_HOST=127.0.0.1 GIT_REPO_DIRECTORY="$$PWD" PORT=8081 node_modules/.bin/decap-server & \
	  $(BIN)/$(ENGINE) serve -f mkdocs.yml --livereload --dirty

# CHECK_FORMAT=github: problems as annotations on the lines of a pull request (the PR workflow).
check: $(VENV)/.installed
	$(BIN)/cluster-site check $(if $(CHECK_FORMAT),--format $(CHECK_FORMAT))

# Editors start an item with a title (and an event with its first day):
#   make new-news TITLE="Jahrestreffen 2026"   make new-event TITLE="Wasserstoff-Frühstück" DATE=2026-03-05
new-news new-event new-member: $(VENV)/.installed
	@test -n "$$TITLE" || { echo 'TITLE="…" fehlt / missing, e.g. make $@ TITLE="Jahrestreffen 2026"'; exit 2; }
	$(BIN)/cluster-site new $(subst new-,,$@) "$$TITLE" $(if $(DATE),--date "$$DATE")

# Internal links and anchors of the built site (run after `make build`).
links: $(VENV)/.installed
	$(BIN)/cluster-site links site

# TRANSLATIONS_FORMAT=markdown: a table for the pull request's job summary.
translations: $(VENV)/.installed
	$(BIN)/cluster-site translations $(if $(TRANSLATIONS_FORMAT),--format $(TRANSLATIONS_FORMAT))

# Rewrites schemas/ from the content models (commit the result).
schema: $(VENV)/.installed
	$(BIN)/cluster-site schema

# Two workers, whole test files each (a file's builds and browser stay in one process), in the
# order tests/conftest.py gives them (the longest first).
TEST_WORKERS ?= 2
test: $(VENV)/.installed-test $(CHROMIUM) $(JAVA) node_modules/.installed cms-bundle
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# Full-page PNGs of every page type, both languages, 320-1280 px, into screenshots/ (for review).
screenshots: build $(VENV)/.installed-test $(CHROMIUM)
	$(BIN)/python tests/screenshots.py

# Build benchmark against Hugo (N = 100, 500, 2000 per language); see bench/README.md.
bench: $(VENV)/.installed-test cms-bundle
	$(BIN)/python -m pytest -q -m bench tests/test_bench.py
	$(BIN)/python bench/run.py --json bench/results.json

# What each shortcut of the speed layer saves (paired builds at N = 2000); see bench/README.md.
bench-shortcuts: $(VENV)/.installed-test cms-bundle
	$(BIN)/python bench/shortcuts.py

# A change's cost: an earlier commit and this working tree, full builds paired at N = 2000.
#   make bench-compare BASE=085867e [RUNS=6]
RUNS ?= 5
bench-compare: $(VENV)/.installed-test cms-bundle
	@test -n "$(BASE)" || { echo "make bench-compare BASE=<commit>: the commit to compare with"; exit 2; }
	$(BIN)/python bench/compare.py --base $(BASE) --runs $(RUNS)

clean:
	rm -rf site .cache $(VENV)
