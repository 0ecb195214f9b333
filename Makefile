# Every target sets itself up from nothing but python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXTRAS := test,spacy,dask,parquet,bench,html,feed,pdf,docx,zst

.PHONY: run test bench clean install

$(BIN)/pressroom: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[$(EXTRAS)]"
	touch $@

install: $(BIN)/pressroom

run: $(BIN)/pressroom
	$(BIN)/pressroom run configs/releases.yaml

test: $(VENV)/.test-installed
	@# The review site's browser tests drive Debian's headless Chromium; no browser is downloaded.
	command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out build *.egg-info
