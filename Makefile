# SPDX-License-Identifier: GPL-3.0-or-later
# A thin layer over CMake: `make run` and `make check` are the quick start.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_TIME  ?= 20
FUZZ_FLAGS ?= -max_total_time=$(FUZZ_TIME)
FUZZ_CORPUS ?= $(FUZZ_BUILD)/corpus
# make check fuzzes a fixed number of runs from a fixed seed on a fresh
# corpus: the same inputs on every machine, so a result can be reproduced.
CHECK_FUZZ_FLAGS ?= -seed=1 -runs=20000
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
WERROR     ?= $(if $(CI),ON,OFF)
CMAKE_ARGS ?=

.PHONY: all deps build run check test sanitize fuzz-smoke bench memcheck clean

all: build

deps:
	@sh packaging/deps.sh test

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRECITE_WERROR=$(WERROR) $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@./$(BUILD)/recite

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

sanitize: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DRECITE_WERROR=$(WERROR) \
	    -DRECITE_SANITIZE=address,undefined $(CMAKE_ARGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# Builds every fuzz/fuzz_*.c with clang and runs each for FUZZ_TIME seconds
# (or as FUZZ_FLAGS say), seeded from tests/data/fuzz/<name>/; new inputs go to
# $(FUZZ_CORPUS)/<name>/, never into the source tree. A crash input lands in
# $(FUZZ_BUILD)/; copy it into tests/data/fuzz/<name>/ with the fix, where
# ctest's fuzz.<name> replays it in every build.
fuzz-smoke: deps
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	    -DRECITE_BUILD_FUZZ=ON -DRECITE_BUILD_TESTS=OFF $(CMAKE_ARGS) >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_all
	@set -e; for bin in $(FUZZ_BUILD)/fuzz/fuzz_*; do \
	    name=$$(basename $$bin); name=$${name#fuzz_}; \
	    mkdir -p $(FUZZ_CORPUS)/$$name; \
	    echo "fuzz-smoke: $$name $(FUZZ_FLAGS)"; \
	    $$bin $(FUZZ_FLAGS) -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/ \
	        $(FUZZ_CORPUS)/$$name tests/data/fuzz/$$name; \
	done

# The plain suite, a short fuzz run of every parser when clang is present,
# then the same suite under ASan+UBSan (last, so the run ends with its summary).
check: test
	@if command -v clang >/dev/null 2>&1; then \
	    rm -rf $(FUZZ_BUILD)/check-corpus; \
	    $(MAKE) --no-print-directory fuzz-smoke FUZZ_FLAGS="$(CHECK_FUZZ_FLAGS)" \
	        FUZZ_CORPUS=$(FUZZ_BUILD)/check-corpus; \
	else echo "check: clang not found; fuzz-smoke skipped"; fi
	@$(MAKE) --no-print-directory sanitize

# The end-to-end tests with every run of recite under valgrind memcheck; one
# log per process in $(BUILD)/memcheck/. Tests that kill or race processes on
# a clock (kill, readline, concurrency) are left out: valgrind's slowness
# defeats their timing, not their checks.
MEMCHECK_SKIP ?= cli\.(0510|0520|1000)-
memcheck: build
	@rm -rf $(BUILD)/memcheck && mkdir -p $(BUILD)/memcheck
	@RECITE_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --log-file=$(CURDIR)/$(BUILD)/memcheck/vg.%p.log" \
	    ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) -R '^cli\.' -E '$(MEMCHECK_SKIP)'; \
	    status=$$?; logs=$$(ls $(BUILD)/memcheck | wc -l); \
	    bad=$$(grep -l 'ERROR SUMMARY: [1-9]' $(BUILD)/memcheck/*.log | wc -l); \
	    echo "memcheck: $$logs runs of recite under valgrind, $$bad with errors or leaks"; \
	    grep -l 'ERROR SUMMARY: [1-9]' $(BUILD)/memcheck/*.log | head; \
	    [ "$$bad" -eq 0 ] && [ "$$status" -eq 0 ]

# Release build in build-rel, datasets cached in bench/out/, every benchmark
# beside its peer, a table of medians written to docs/performance.md.
bench:
	@JOBS=$(JOBS) BENCH_BUILD=$(CURDIR)/build-rel bench/run-all.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) build-rel
