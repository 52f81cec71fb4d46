#!/usr/bin/env bash
# Builds in release mode and runs the benchmark runner (tools/benchmark/main.swift).
#   tools/benchmark.sh [events]     (default 200000, a multiple of 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
swift build -c release --product grassroots-bench
"$(swift build -c release --show-bin-path)/grassroots-bench" "$@"
