# The two set-up commands of the README. Each installs what it needs.
.PHONY: booklet test check clean

booklet:
	@bash scripts/setup.sh
	.venv/bin/planbook build source -o build

check:
	@bash scripts/setup.sh
	.venv/bin/planbook check source

test:
	@bash scripts/setup.sh --test
	.venv/bin/python -m pytest -q

clean:
	rm -rf build
