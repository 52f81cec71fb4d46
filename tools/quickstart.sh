#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build, build the demo ledger
# (./grassroots.ledger, or $GRASSROOTS_LEDGER) if there is none, and tour it; then verify it.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
swift build -c release --product grassroots
bin="$(swift build -c release --show-bin-path)/grassroots"
ledger="${GRASSROOTS_LEDGER:-./grassroots.ledger}"
if [ -e "$ledger" ]; then
  echo "$ledger exists; not rebuilding the demo (remove it to start again)"
  "$bin" alerts --ledger "$ledger" | head -20
else
  "$bin" demo --ledger "$ledger"
fi
"$bin" verify --ledger "$ledger"
echo
echo "The binary is $bin; try: $bin --help"
