#!/usr/bin/env bash
# Coverage-guided fuzzing of the input path (issue 16, item 7): libFuzzer drives tools/fuzz/Fuzz.swift, which
# takes each input as NDJSON and runs it through the strict JSON parser, the canonical encoder (round trip),
# the draft decoder, and an in-process append with the governance hook to a scratch ledger (a refusal must
# change nothing). A crash, a failed precondition or a hang is a finding, written to $work/findings/.
#
#   tools/fuzz.sh [RUNS] [JOBS]      RUNS executions (default 1000000) in JOBS processes (default 1)
#
# The corpus is seeded from tools/sample-events.ndjson, a small demo history (grassroots-generate) and
# hand-written malformed lines; it grows in .build/fuzz-corpus (kept between runs). The build is a separate
# release build with -sanitize=fuzzer's coverage (edge, trace-cmp, 8-bit counters) in .build/fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1000000}"
jobs="${2:-1}"
clang_rt="$(dirname "$(dirname "$(command -v swift)")")/lib/clang"
fuzzer_lib="$(find "$clang_rt" -name 'libclang_rt.fuzzer_no_main-x86_64.a' | head -1)"
[ -n "$fuzzer_lib" ] || { echo "fuzz.sh: libclang_rt.fuzzer_no_main not found under $clang_rt" >&2; exit 1; }
echo "building the harness (release, with coverage) ..." >&2
swift build -c release --scratch-path .build/fuzz --product grassroots-fuzz \
  -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table \
  -Xswiftc -DGRASSROOTS_FUZZ -Xlinker "$fuzzer_lib" -Xlinker -lstdc++ >&2
harness=".build/fuzz/release/grassroots-fuzz"
corpus=".build/fuzz-corpus"
mkdir -p "$corpus"
if [ -z "$(ls -A "$corpus")" ]; then
  echo "seeding the corpus ..." >&2
  i=0
  while IFS= read -r line; do printf '%s\n' "$line" > "$corpus/sample-$i"; i=$((i + 1)); done < tools/sample-events.ndjson
  cp tools/sample-events.ndjson "$corpus/sample-all"
  swift build -c release --product grassroots-generate >&2
  "$(swift build -c release --show-bin-path)/grassroots-generate" --years 1 --towns 1 --villages 1 --groups-per-village 2 \
    --city-groups 1 --city-communities 1 | sed -n '1,400p' > "$corpus/.demo"
  split -l 4 -d -a 4 "$corpus/.demo" "$corpus/demo-"
  rm "$corpus/.demo"
  printf '%s\n' '{"type":"fund.received","effectiveDate":"2026-03-01","data":{"group":"group:a","amountFen":100,"source":"x"}}' > "$corpus/fund"
  printf '%s\n' '{"type":"expense.paid","effectiveDate":"2026-03-02","data":{"group":"group:a","amountFen":-1,"payee":"p"}}' > "$corpus/negative"
  printf '%s\n' '{"type":"person.registered","effectiveDate":"2026-02-30","data":{"person":"person:110101199003070011"}}' > "$corpus/idcard"
  printf '\xef\xbb\xbf{"type":"unit.registered"}\n' > "$corpus/bom"
  printf '%s\n' '{"a":1,"a":2}' '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]' '"\ud800"' '9223372036854775808' > "$corpus/json-edges"
fi
work="$(mktemp -d)"
mkdir -p "$work/findings" "$work/scratch"
echo "fuzzing: $runs executions in $jobs process(es); findings go to $work/findings" >&2
start=$(date +%s)
set +e
# Leak detection is off (libFuzzer's and ASan's): at exit LeakSanitizer counts the lazily initialised statics of the event catalog
# (about 170 allocations, 14 KB, made once) as leaks, and would call every run a finding.
parallel=()
if [ "$jobs" -gt 1 ]; then parallel=(-jobs="$jobs" -workers="$jobs"); fi
harness="$PWD/$harness"
corpus="$PWD/$corpus"
(cd "$work" && ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" GRASSROOTS_FUZZ_SCRATCH="$work/scratch" "$harness" -runs="$runs" "${parallel[@]}" -timeout=10 -rss_limit_mb=4096 \
  -detect_leaks=0 -max_len=4096 -artifact_prefix="$work/findings/" -print_final_stats=1 "$corpus") 2>&1 | tee "$work/log" \
  | grep -E '^#[0-9]+.*(pulse|DONE)' | tail -n 2 >&2
status=${PIPESTATUS[0]}  # the harness's (the subshell's) exit status
set -e
elapsed=$(( $(date +%s) - start ))
grep -hE 'stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$work/log" "$work"/fuzz-*.log 2>/dev/null | sed 's/^/  /' || true
echo "fuzz.sh: exit $status after ${elapsed}s; corpus $(ls "$corpus" | wc -l) inputs; findings: $(ls "$work/findings" | wc -l) (in $work/findings)"
exit "$status"
