# Convenience aliases for ./dev (which does all set-up itself).
.PHONY: run test setup
run:
	./dev run
test:
	./dev test
setup:
	./dev setup
