#!/usr/bin/env bash
# Fills a small file system under an append and checks what the user is told and what is kept: the
# append fails with the full-disk message (exit 1) naming the lines and head committed, `verify` passes,
# and the ledger holds exactly the committed batches. Needs root (it mounts a 2 MiB tmpfs).
#   tools/enospc-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product grassroots >/dev/null
bin="$(swift build --show-bin-path)/grassroots"
work="$(mktemp -d)"
mount -t tmpfs -o size=2m tmpfs "$work" || { echo "cannot mount a tmpfs at $work (needs root and CAP_SYS_ADMIN)"; rmdir "$work"; exit 2; }
trap 'umount "$work"; rmdir "$work"' EXIT
events="$(mktemp)"
trap 'umount "$work"; rmdir "$work"; rm -f "$events"' EXIT
{
  echo '{"type":"unit.registered","effectiveDate":"2020-01-01","data":{"unit":"unit:full","name":"full","level":"village"}}'
  for g in $(seq 0 8); do
    printf '{"type":"group.registered","effectiveDate":"2020-01-01","data":{"group":"group:g%d","unit":"unit:full","name":"g%d","kind":"village","households":40,"adults":120}}\n' "$g" "$g"
  done
  findings="$(printf 'z%.0s' $(seq 1 900))"
  for i in $(seq 1 4000); do
    printf '{"type":"audit.completed","effectiveDate":"2026-01-02","data":{"group":"group:g%d","kind":"annual","periodStart":"2025-01-01","periodEnd":"2025-12-31","auditor":"town","findings":"%d %s"}}\n' $((i % 9)) "$i" "$findings"
  done
} > "$events"
"$bin" init --ledger "$work/ledger" >/dev/null
set +e
message="$("$bin" append --ledger "$work/ledger" --batch-size 100 "$events" 2>&1 >/dev/null)"
status=$?
set -e
echo "append exit status: $status"
echo "append said: $message"
df -h "$work" | tail -1
[ "$status" -eq 1 ] || { echo "FAIL: expected exit 1"; exit 1; }
echo "$message" | grep -q "is full (no space left on device)" || { echo "FAIL: no full-disk message"; exit 1; }
head="$(echo "$message" | sed -n 's/.*the head is seq \([0-9]*\).*/\1/p')"
"$bin" verify --ledger "$work/ledger"
events_now="$("$bin" stats --ledger "$work/ledger" --json | sed -n 's/.*"events":\([0-9]*\),.*/\1/p')"
[ "$events_now" = "$head" ] || { echo "FAIL: the message says head $head, the ledger holds $events_now events"; exit 1; }
echo "ok: the full disk was reported, $events_now events committed and verified"
