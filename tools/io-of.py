#!/usr/bin/env python3
"""Runs a command and reports its wall time and the bytes it wrote, from /proc/PID/io sampled every 50 ms
until it exits (write_bytes: what reached the block layer, counted by the kernel per process; wchar: what the
process asked to write). A child process's writes are not counted: run the program itself, not a shell.

usage: tools/io-of.py COMMAND [ARG...]"""
import subprocess, sys, time

if len(sys.argv) < 2:
    sys.exit(__doc__)
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:])
last = {}
while child.poll() is None:
    try:
        with open(f"/proc/{child.pid}/io") as f:
            last = {k: int(v) for k, v in (line.split(": ") for line in f.read().splitlines())}
    except (FileNotFoundError, ProcessLookupError):
        break
    time.sleep(0.05)
elapsed = time.perf_counter() - start
gib = 1 << 30
print(f"io-of: {elapsed:.1f} s, write_bytes {last.get('write_bytes', 0) / gib:.2f} GiB, wchar {last.get('wchar', 0) / gib:.2f} GiB "
      f"(last sample before exit), exit {child.returncode}", file=sys.stderr)
sys.exit(child.returncode)
