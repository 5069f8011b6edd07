# Convenience aliases for ./dev (which does all set-up itself).
.PHONY: run test setup test-slurm results
run:
	./dev run
test:
	./dev test
setup:
	./dev setup
test-slurm:
	./dev test-slurm
results:
	./dev setup && scripts/regenerate-results.sh
