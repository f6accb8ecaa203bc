# The README's two commands: `make demo` and `make test`. Each installs what is
# missing (Debian packages), configures, builds, then does its job.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= 2
CMAKE_FLAGS ?=

.PHONY: all deps build build-asan test test-release test-asan demo bench bench-charts clean

all: build

deps:
	@./tools/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DRK_WERROR=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DRK_SANITIZE=ON -DRK_WERROR=ON $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)

# Every test, in the optimised build and again under ASan/UBSan.
test: test-release test-asan

test-release: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

test-asan: build-asan
	ASAN_OPTIONS=detect_leaks=1 ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

demo: build
	./examples/run-demo.sh $(BUILD)/cli/rapkit out

bench: build
	./bench/run.sh $(BUILD)/cli/rapkit

# A chart of 12 bars in under 50 ms (bench/chart_bench.c), and against gnuplot.
bench-charts: build
	./bench/charts.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) out
