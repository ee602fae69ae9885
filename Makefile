# Kennisbank. `make` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Full URLs in the demo (citations, the API, the printed admin login) name this address.
export KENNISBANK_BASE_URL ?= http://$(HOST):$(PORT)

.DEFAULT_GOAL := help
.PHONY: help install demo migrate demo-content admin serve test lint format check test-sqlite test-postgres browser-deps messages bench-serve bench-newsletter crash-newsletter clean

help: ## List the targets with one line of help each
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install Kennisbank with its development tools

migrate: install ## Create or update the database (SQLite in var/ unless DATABASE_URL is set)
	@mkdir -p var
	$(MANAGE) migrate --no-input

demo-content: migrate ## Load the original demo content (idempotent)
	$(MANAGE) load_demo

admin: install ## Create or reset the demo admin user and print its login
	$(MANAGE) demo_admin

demo: demo-content ## Install, migrate, load demo content, print an admin login and serve on http://127.0.0.1:8000
	@$(MANAGE) demo_admin
	@echo "  Site:     http://$(HOST):$(PORT)/"
	$(MANAGE) runserver $(HOST):$(PORT)

serve: install ## Serve the site with the development server
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Format and fix the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install ## Django system checks, missing migrations, and the production deploy check
	DJANGO_SETTINGS_MODULE=kennisbank.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=kennisbank.settings.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=kennisbank.settings.production SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))") \
		ALLOWED_HOSTS=kennisbank.example.org $(MANAGE) check --deploy --fail-level WARNING

browser-deps: ## Install Debian's Chromium for the browser test (never a downloaded browser)
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get install -y -qq chromium; \
		else echo "Chromium missing: run 'sudo apt-get install chromium' (the browser test will be skipped)"; fi; \
	fi

test-sqlite: install browser-deps ## Run the test suite on SQLite (with the browser test)
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-postgres: install ## Run the test suite on PostgreSQL at $KENNISBANK_TEST_POSTGRES
	@if [ -z "$$KENNISBANK_TEST_POSTGRES" ]; then echo "KENNISBANK_TEST_POSTGRES is not set: skipping PostgreSQL"; \
	else DATABASE_URL="$$KENNISBANK_TEST_POSTGRES" $(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS); fi

test: lint check test-sqlite test-postgres ## Everything CI runs: lint, checks, tests on SQLite and (if configured) PostgreSQL

# makemessages files a message under the catalogue nearest to the file that uses it, so a message
# can move to another app's catalogue and arrive there untranslated: every existing translation
# is collected first and offered back to each catalogue as a compendium.
CATALOGUES = find kennisbank -path '*/locale/nl/LC_MESSAGES/django.po' | sort
messages: install ## Update and compile the translation catalogues (needs gettext)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	msgcat --use-first $$($(CATALOGUES)) -o "$$tmp/compendium.po" && \
	(cd kennisbank && ../$(BIN)/python ../manage.py makemessages -l nl --no-obsolete --ignore "demo/content/*") && \
	for po in $$($(CATALOGUES)); do \
		msgmerge -q --no-fuzzy-matching --compendium="$$tmp/compendium.po" "$$po" "$$po" -o "$$tmp/merged.po" && \
		mv "$$tmp/merged.po" "$$po" && \
		echo "$$po: $$(msgattrib --untranslated "$$po" | grep -c '^msgid ' || true) untranslated"; \
	done
	cd kennisbank && ../$(BIN)/python ../manage.py compilemessages

bench-serve: install ## Benchmark: serve with gunicorn, measure home and article against a static file
	$(BIN)/python benchmarks/serve.py

bench-newsletter: install ## Benchmark: newsletter mails per second to a local SMTP server
	$(BIN)/python benchmarks/newsletter_send.py

crash-newsletter: install ## Kill the newsletter worker at random while sending; check exactly one copy each
	$(BIN)/python benchmarks/newsletter_crash.py

clean: ## Remove the virtualenv, the local database and build artefacts
	rm -rf $(VENV) var test-artifacts .pytest_cache .ruff_cache *.egg-info

.PHONY: reference-model bench-references
reference-model: install ## Retrain the reference-parsing CRF (reads ../shared/data/anystyle when present)
	$(BIN)/python -m kennisbank.literature.parsing.training.train

bench-references: install ## Benchmark: reference-parsing accuracy per field on the Dutch dev and hold-out sets
	$(BIN)/python benchmarks/reference_parsing.py benchmarks/data/reference_parsing_dev.jsonl
	@for set in holdout holdout2 holdout3; do \
		$(BIN)/python benchmarks/reference_parsing.py benchmarks/data/reference_parsing_$$set.jsonl; done
