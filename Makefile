# Convenience aliases for ./dev (which does all set-up itself).
.PHONY: run test setup test-slurm bench fuzz results
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
# The full config fuzz (README: Guarantees): 100 000 mutated configs loaded in process and 10 000
# run through the binary; CI runs 2 000 and 150 of them. BNSIM_FUZZ_SEED=n varies the cases.
fuzz:
	BNSIM_TEST_SLURM=0 BNSIM_FUZZ_COUNT=100000 BNSIM_FUZZ_BINARY_COUNT=10000 ./dev test --filter ConfigFuzz
bench:
	./dev bench
