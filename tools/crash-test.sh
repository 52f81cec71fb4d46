#!/usr/bin/env bash
# Kills `grassroots append` with SIGKILL at random instants, ROUNDS times (default 100), and checks after
# each kill that `verify` passes and the event count is a whole number of committed batches.
#   tools/crash-test.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-100}"
batch=50
swift build --product grassroots >/dev/null
bin="$(swift build --show-bin-path)/grassroots"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" init --ledger "$work/ledger" >/dev/null
{
  echo '{"type":"unit.registered","effectiveDate":"2020-01-01","data":{"unit":"unit:crash","name":"crash","level":"village"}}'
  for g in $(seq 0 8); do
    printf '{"type":"group.registered","effectiveDate":"2020-01-01","data":{"group":"group:g%d","unit":"unit:crash","name":"g%d","kind":"village","households":40,"adults":120}}\n' "$g" "$g"
  done
} | "$bin" append --ledger "$work/ledger" - >/dev/null
setup=10
for i in $(seq 1 20000); do
  printf '{"type":"fund.received","effectiveDate":"2026-01-01","data":{"group":"group:g%d","amountFen":%d,"source":"crash test"}}\n' $((i % 9)) "$i"
done > "$work/events.ndjson"
for round in $(seq 1 "$rounds"); do
  "$bin" append --ledger "$work/ledger" --batch-size "$batch" "$work/events.ndjson" >/dev/null 2>&1 &
  pid=$!
  sleep "0.$(( (RANDOM % 30) + 1 ))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  "$bin" verify --ledger "$work/ledger" >/dev/null || { echo "round $round: verify FAILED"; "$bin" verify --ledger "$work/ledger"; exit 1; }
  events=$("$bin" stats --ledger "$work/ledger" --json | sed -E 's/.*"events":([0-9]+).*/\1/')
  if (( (events - setup) % batch != 0 )); then echo "round $round: $((events - setup)) events is not a whole number of batches"; exit 1; fi
  if [ -t 1 ]; then printf '\rround %d of %d: verified, %d events' "$round" "$rounds" "$events"; fi
done
echo
echo "$rounds kills: $rounds passed, 0 failed"
