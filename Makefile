# The README's set-up commands. Each provisions Node 24 and the dependencies when missing.
.PHONY: demo test bench
demo:
	@scripts/dev.sh demo
test:
	@scripts/dev.sh test
bench:
	@scripts/dev.sh bench
