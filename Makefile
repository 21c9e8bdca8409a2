# The two set-up commands of the README. Each installs what it needs.
.PHONY: booklet test check clean

booklet:
	@bash scripts/setup.sh
	.venv/bin/planbook build source -o build

check:
	@bash scripts/setup.sh
	.venv/bin/planbook check source

# One pytest worker per core; each module's tests on one worker (their module
# fixtures made once), the builds several modules share made once per run
# (tests/conftest.py, once_per_run).
test:
	@bash scripts/setup.sh --test
	.venv/bin/python -m pytest -q -n auto --dist loadscope

clean:
	rm -rf build
