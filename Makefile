# Build, run, test and benchmark callrail-enrich. Every target installs the system packages it
# needs (as root through apt-get) when they are missing.

SWIFT ?= swift
BINARY := .build/release/callrail-enrich

.PHONY: all deps build run test bench clean

all: build

deps:
	@sh scripts/ensure-packages.sh build

build: deps
	$(SWIFT) build -c release

run: build
	$(BINARY) enrich --output out --overwrite samples

test: deps
	$(SWIFT) test

bench: build
	@sh scripts/ensure-packages.sh bench
	sh bench/run.sh

clean:
	rm -rf .build out bench/work
