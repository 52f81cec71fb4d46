#!/usr/bin/env bash
# `grassroots serve` on the demo ledger (tools/quickstart.sh builds both). The first run adds two accounts,
# demo-clerk (经办人 of 第1镇, unit:dq-t1) and demo-reviewer (审阅人 of the county, unit:dq), with random
# passwords that are printed once and kept nowhere else (passwords.json holds only their PBKDF2 hashes;
# `grassroots account passwd NAME` sets a new one). Then it serves http://127.0.0.1:${PORT:-8080}/ until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build -c release --show-bin-path)/grassroots"
[ -x "$bin" ] || { echo "no release build at $bin: run tools/quickstart.sh first" >&2; exit 1; }
ledger="${GRASSROOTS_LEDGER:-./grassroots.ledger}"
[ -d "$ledger" ] || { echo "no demo ledger at $ledger: run tools/quickstart.sh first" >&2; exit 1; }
if ! "$bin" --ledger "$ledger" account list --json | grep -q 'demo-clerk"'; then
  umask 077
  secrets="$(mktemp)"
  trap 'rm -f "$secrets"' EXIT
  clerk="$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | cut -c1-12)"
  reviewer="$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | cut -c1-12)"
  printf '%s\n' "$clerk" > "$secrets"
  "$bin" --ledger "$ledger" account add demo-clerk --role clerk --unit unit:dq-t1 --note "演示账户" --password-file "$secrets" >/dev/null
  printf '%s\n' "$reviewer" > "$secrets"
  "$bin" --ledger "$ledger" account add demo-reviewer --role reviewer --unit unit:dq --note "演示账户" --password-file "$secrets" >/dev/null
  rm -f "$secrets"
  echo "演示账户(只显示这一次 / shown once):"
  echo "  demo-clerk     经办人, 第1镇 (unit:dq-t1)   密码 $clerk"
  echo "  demo-reviewer  审阅人, 德清县 (unit:dq)     密码 $reviewer"
  echo
fi
exec "$bin" --ledger "$ledger" serve --port "${PORT:-8080}"
