#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build, create the default ledger
# (./grassroots.ledger, or $GRASSROOTS_LEDGER) if absent, append the sample history, verify it, show it.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
swift build -c release --product grassroots
bin="$(swift build -c release --show-bin-path)/grassroots"
ledger="${GRASSROOTS_LEDGER:-./grassroots.ledger}"
[ -e "$ledger" ] || "$bin" init --ledger "$ledger"
"$bin" append --ledger "$ledger" tools/sample-events.ndjson
"$bin" verify --ledger "$ledger"
"$bin" log --ledger "$ledger" --limit 20
"$bin" stats --ledger "$ledger"
echo
echo "The binary is $bin; try: $bin --help"
