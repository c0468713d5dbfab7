# yichuang: two commands (README.md).
#   make run    install what is missing, build, migrate, seed demo data, serve
#   make test   install what is missing, build (sanitized), run every test
#   make bench  performance figures beside their references
#   make fuzz   the libFuzzer targets for FUZZ_SECONDS each (default 60)

SHELL := /bin/bash
JOBS ?= $(shell nproc)
RELEASE_DIR := build/release
TEST_DIR := build/test
CMAKE_COMMON := -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON

.PHONY: all deps build build-test web run test bench fuzz clean

all: build web

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(RELEASE_DIR) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Release > /dev/null
	@cmake --build $(RELEASE_DIR) --target yichuang yichuang-agent yc-idcard-sim -j $(JOBS)

# The sanitized build serves the unit tests and the browser tests alike.
build-test: deps
	@cmake -S . -B $(TEST_DIR) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DYC_SANITIZE=ON > /dev/null
	@cmake --build $(TEST_DIR) -j $(JOBS)

web: deps
	@scripts/build-web

run: build web
	@scripts/run-demo $(RELEASE_DIR)/yichuang

test: build-test web
	@cd $(TEST_DIR) && ctest --output-on-failure --timeout 600 -j 2

bench: build web
	@cmake --build $(RELEASE_DIR) --target case_bench dashboard_bench -j $(JOBS)
	@bench/run $(RELEASE_DIR)/yichuang

FUZZ_SECONDS ?= 60
fuzz: deps
	@scripts/fuzz $(FUZZ_SECONDS)

clean:
	rm -rf build web/dist
