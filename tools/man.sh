#!/usr/bin/env bash
# Regenerates the man page docs/man/grassroots.1 from the command's own help (swift-argument-parser's
# generate-manual plugin; it builds the command in release mode first).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/man
swift package --allow-writing-to-package-directory generate-manual --output-directory docs/man --date "$(date -u +%Y-%m-%d)"
