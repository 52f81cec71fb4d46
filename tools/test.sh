#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run every test (unit, model-based, end-to-end
# against the built binary, crash, tamper, concurrency, schema conformance).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
swift build --build-tests
swift test --skip-build
