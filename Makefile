# Waymark: two commands set everything up on a fresh machine.
#   make serve   create .venv, install, check and build the bundled data, serve on 127.0.0.1:8000
#   make test    everything, browser tests included (installs Debian's headless Chromium if missing)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONPATH := $(CURDIR)/hooks
export NO_MKDOCS_2_WARNING := 1
# Python's default: each module's compiled bytecode is kept (.venv/, hooks/__pycache__/, both ignored
# by git). Where the environment says never to write it, every build, check and test process would
# compile mkdocs, Material and the hooks from source again: about a second a process.
unexport PYTHONDONTWRITEBYTECODE

# Independent set-up steps run side by side (the Python packages download while apt installs
# the Debian ones); the steps of one recipe still run in order.
MAKEFLAGS += --jobs=2

.PHONY: serve test check build lint bench stale system import export oruk-export oruk-import offline new-region areas clean

# uv installs the pinned packages in seconds (requirements-setup.txt); pip does it if uv cannot.
$(STAMP): requirements.txt requirements-dev.txt requirements-setup.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-setup.txt \
	  && $(BIN)/uv pip install --quiet --native-tls --python $(BIN)/python -r requirements-dev.txt \
	  || $(BIN)/pip install --quiet --disable-pip-version-check --no-compile -r requirements-dev.txt
	touch $(STAMP)

# Debian's headless Chromium (chromium-headless-shell) for the browser tests (Playwright's own browser
# download does not work here; see hooks/waymark/tools/chromium.py),
# nginx for the deploy test (the real server, with the shipped config) and nodejs for the scripts'
# own tests (node --test). Installed only if missing.
system:
	@missing=""; command -v chromium-headless-shell >/dev/null 2>&1 || missing="chromium-headless-shell"; \
	  { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } || missing="$$missing nginx"; \
	  command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	  if [ -n "$$missing" ]; then \
	    if command -v apt-get >/dev/null 2>&1; then \
	      SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); echo "installing Debian packages:$$missing"; \
	      $$SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq && \
	      DEBIAN_FRONTEND=noninteractive $$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq $$missing >/dev/null; \
	    else echo "missing:$$missing and apt-get is not available: install them" >&2; exit 1; fi; fi

check: $(STAMP)
	$(BIN)/python -m waymark check

build: $(STAMP)
	$(BIN)/python -m waymark build

# The preview is built again at every edit into a temporary folder: in memory where /dev/shm is a
# writable tmpfs with room (MEMORY_TMPDIR, below), as its 2,000 pages are written each time (a
# one-record edit: 3.6-4.1 s there against 4.3-5.8 s on this machine's disk).
serve: build
	$(if $(MEMORY_TMPDIR),TMPDIR=$(MEMORY_TMPDIR) )$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

LINTED := hooks tests conftest.py
lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	MYPYPATH=hooks:tests $(BIN)/mypy --exclude '^$$' conftest.py $(shell find tests -name '*.py') $(shell find hooks -name 'test_*.py')
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_architecture.py

# Tiers: lint and types; the browser scripts' rules under Node's own runner; then pytest (unit tests,
# page checks on one shared build, browser tests for behaviour).
# The project's own modules are compiled first: the tests' copies of the project carry the bytecode.
# The tests' throwaway copies and builds (about 600 MB at most) go to memory when /dev/shm is a
# writable tmpfs with 2 GB free: a build there takes about 10.5 s against 13.5 s on this disk.
# They live in one folder per checkout (emptied by pytest when a run starts) and are removed when
# every test passed; after a failure they stay for a look, until the next run.
MEMORY_TMPDIR := $(shell [ -w /dev/shm ] && df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 && $$4 > 2097152 { print "/dev/shm" }')
TEST_BASE := $(or $(MEMORY_TMPDIR),$(TMPDIR),/tmp)/waymark-tests-$(shell printf %s "$(CURDIR)" | cksum | cut -d' ' -f1)
test: lint system
	node --test tests/node/
	$(BIN)/python -m compileall -q hooks tests conftest.py
	$(if $(MEMORY_TMPDIR),TMPDIR=$(MEMORY_TMPDIR) )$(BIN)/python -m pytest -n 2 --basetemp="$(TEST_BASE)"
	rm -rf "$(TEST_BASE)"

# make import SHEET=services.xlsx   (add DRY=1 to check only) · make export SHEET=services.csv [AREA=id]
import: $(STAMP)
	@test -n "$(SHEET)" || { echo "usage: make import SHEET=path/to/services.xlsx|.csv [DRY=1]" >&2; exit 2; }
	$(BIN)/python -m waymark import "$(SHEET)" $(if $(DRY),--dry-run)

export: $(STAMP)
	@test -n "$(SHEET)" || { echo "usage: make export SHEET=path/to/services.xlsx|.csv [AREA=id]" >&2; exit 2; }
	$(BIN)/python -m waymark export "$(SHEET)" $(if $(AREA),--area "$(AREA)")

# make oruk-export FILE=oruk.json [SITE_URL=https://...] · make oruk-import FILE=feed.json [DRY=1]
oruk-export: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make oruk-export FILE=oruk.json [SITE_URL=https://your.site/]" >&2; exit 2; }
	$(BIN)/python -m waymark oruk-export "$(FILE)" $(if $(SITE_URL),--site-url "$(SITE_URL)")

oruk-import: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make oruk-import FILE=feed.json [DRY=1]" >&2; exit 2; }
	$(BIN)/python -m waymark oruk-import "$(FILE)" $(if $(DRY),--dry-run)

# A copy that works opened from a folder or a zip (search included): site-offline/ and waymark-offline.zip
offline: $(STAMP)
	$(BIN)/python -m waymark offline

# make new-region ID=west-of-england NAME="West of England" [NATION=england] [AREAS=bristol,north-somerset]: a regional copy
new-region: $(STAMP)
	@test -n "$(ID)" -a -n "$(NAME)" || { echo 'usage: make new-region ID=region-id NAME="Region name" [NATION=england] [AREAS=la-id,la-id]' >&2; exit 2; }
	$(BIN)/python -m waymark new-region --id "$(ID)" --name "$(NAME)" --nation "$(or $(NATION),england)" --areas "$(AREAS)"

# Every UK local authority (data/areas.yaml) and the postcode lookup files (data/postcodes/), from the
# pinned ONS release in requirements-dev.txt. Commit both; a test checks they match the release.
areas: $(STAMP)
	$(BIN)/python -m waymark.tools.areas_source --write data/areas.yaml
	rm -rf data/postcodes && $(BIN)/python -m waymark.tools.postcodes --out data/postcodes

stale: $(STAMP)
	$(BIN)/python -m waymark stale

bench: $(STAMP) system
	$(BIN)/python -m waymark bench

clean:
	rm -rf site .site-* site-offline waymark-offline.zip $(VENV)
