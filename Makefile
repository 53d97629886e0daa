# Lantern's entry points. `make demo` and `make test` install what they need on a Debian
# machine that has the Swift toolchain (see scripts/install-deps).

SWIFT ?= swift
BUILD_FLAGS = -c release -Xswiftc -enable-testing
BIN = .build/release/lantern

.PHONY: all deps test-deps build test demo bench man fuzz clean

all: build

deps:
	scripts/install-deps

test-deps:
	scripts/install-deps --with-test-tools

build: deps
	$(SWIFT) build $(BUILD_FLAGS) --product lantern

# Tests run against a release build: the end-to-end tests ingest and simulate real volumes.
test: test-deps
	$(SWIFT) build $(BUILD_FLAGS) --build-tests
	LANTERN_BIN=$(CURDIR)/$(BIN) $(SWIFT) test $(BUILD_FLAGS) --skip-build

demo: build
	$(BIN) demo --dir demo-out

# The man page is generated from the command specs; a test fails when docs/lantern.1 is stale.
man: build
	$(BIN) help --man > docs/lantern.1
	$(BIN) help --man --lang ja > docs/lantern.ja.1

bench: build
	scripts/bench

# libFuzzer targets in Fuzz/, each run for FUZZ_SECONDS (default 600); findings go to fuzz-out/.
FUZZ_SECONDS ?= 600
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz

clean:
	rm -rf .build demo-out bench-out
