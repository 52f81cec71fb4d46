#!/usr/bin/env python3
"""Rebuild and check, side by side, with one or more builds of grassroots on copies of the same ledger.

For each round and each binary (alternating, so that a noisy machine treats them alike), the ledger is copied
to a scratch directory, then `rebuild` and `check` run on the copy. Reported per run: wall time, events/s, the
peak anonymous memory of the process (RssAnon, sampled every 20 ms from /proc/PID/status; the map of the
ledger is file-backed and not counted), the sectors the disks wrote meanwhile (/proc/diskstats, whole disks:
other processes' writes count too, so run it on a quiet machine) and, after the rebuild, the pages the
governance tables occupy (`mdb_stat -a`).

With --appends-during-check N, N one-event appends (`grassroots append` of a person registered in --group,
each its own process) run one a second while `check` runs, and their wall times are reported: an append
must never wait for a check.

usage: tools/bench-rebuild.py --ledger L --bin NAME=PATH [--bin NAME=PATH ...] [--rounds N] [--scratch DIR]
                              [--appends-during-check N --group GROUP]
example: python3 tools/bench-rebuild.py --ledger /tmp/v1m --bin before=/tmp/grassroots-old \\
             --bin after=.build/release/grassroots --rounds 3"""
import argparse, importlib.util, os, re, shutil, subprocess, sys, tempfile, time

# The disks' sector counter of tools/io-of.py (its name is not a module name, hence the loader).
_spec = importlib.util.spec_from_file_location("io_of", os.path.join(os.path.dirname(os.path.abspath(__file__)), "io-of.py"))
io_of = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(io_of)
disk_sectors = io_of.disk_sectors


def disk_sectors():
    total = 0
    with open("/proc/diskstats") as f:
        for line in f:
            fields = line.split()
            name = fields[2]
            if name.startswith(("loop", "ram", "zram", "dm-")) or (name[-1].isdigit() and not name.startswith("nvme")) \
                    or ("p" in name[4:] and name.startswith("nvme")):
                continue
            total += int(fields[9])
    return total


def one_event_file(directory, group, index):
    path = os.path.join(directory, f"append-{index}.ndjson")
    with open(path, "w") as f:
        f.write('{"actor":"bench","data":{"birthDate":"1990-01-01","group":"%s","name":"测试%d","person":"person:during-check-%d",'
                '"sex":"F","votingRights":true},"effectiveDate":"2026-11-30","idempotencyKey":"during-check/%d",'
                '"schemaVersion":2,"type":"person.registered"}\n' % (group, index, index, index))
    return path


def run(command, during=None):
    """Runs command; returns (wall seconds, peak RssAnon in KiB, sectors written, exit code). `during`, when
    given, is called again and again while the command runs (after the first half second)."""
    sectors = disk_sectors()
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while child.poll() is None:
        if during is not None and time.perf_counter() - start > 0.5:
            if not during():
                during = None
        try:
            with open(f"/proc/{child.pid}/status") as f:
                for line in f:
                    if line.startswith("RssAnon:"):
                        peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.02)
    wall = time.perf_counter() - start
    err = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.returncode != 0:
        sys.stderr.write(err)
    return wall, peak, disk_sectors() - sectors, child.returncode


def table_pages(ledger):
    out = subprocess.run(["mdb_stat", "-a", ledger], capture_output=True, text=True, check=True).stdout
    pages = 0
    name = None
    for line in out.splitlines():
        m = re.match(r"Status of (\S+)", line)
        if m:
            name = m.group(1)
        m = re.match(r"\s+(Branch|Leaf|Overflow) pages: (\d+)", line)
        if m and name and name.startswith("x.gov."):
            pages += int(m.group(2))
    return pages


def events(binary, ledger):
    out = subprocess.run([binary, "--ledger", ledger, "stats", "--json"], capture_output=True, text=True, check=True).stdout
    m = re.search(r'"events":(\d+)', out)
    return int(m.group(1)) if m else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ledger", required=True)
    parser.add_argument("--bin", action="append", required=True, help="NAME=PATH")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scratch", default=None, help="where the copies go (default: $TMPDIR)")
    parser.add_argument("--appends-during-check", type=int, default=0)
    parser.add_argument("--group", default="group:big-0-0", help="the group the appended persons join")
    args = parser.parse_args()
    binaries = [tuple(b.split("=", 1)) for b in args.bin]
    count = events(binaries[0][1], args.ledger)
    print(f"ledger {args.ledger}: {count:,} events")
    print(f"{'build':<10} {'round':>5} {'command':<8} {'wall s':>7} {'events/s':>9} {'RssAnon MiB':>11} {'disk MiB':>9} {'x.gov pages':>11}")
    for round in range(1, args.rounds + 1):
        for name, binary in binaries:
            base = tempfile.mkdtemp(prefix="bench-rebuild-", dir=args.scratch)
            copy = os.path.join(base, "ledger")
            try:
                shutil.copytree(args.ledger, copy)
                subprocess.run(["sync"], check=True)
                env_cmd = [binary, "--ledger", copy]
                waits = []
                last = [0.0]

                def append_one():
                    if len(waits) >= args.appends_during_check:
                        return False
                    if time.perf_counter() - last[0] < 1.0:
                        return True  # one a second, spread over the check
                    last[0] = time.perf_counter()
                    path = one_event_file(base, args.group, len(waits))
                    began = time.perf_counter()
                    result = subprocess.run(env_cmd + ["append", path], capture_output=True)
                    waits.append((time.perf_counter() - began) * 1000 if result.returncode == 0 else float("nan"))
                    if result.returncode != 0:
                        sys.stderr.write(result.stderr.decode(errors="replace"))
                    return True

                for command in ("rebuild", "check"):
                    during = append_one if command == "check" and args.appends_during_check > 0 else None
                    wall, peak, sectors, code = run(env_cmd + [command], during)
                    pages = table_pages(copy) if command == "rebuild" else ""
                    status = "" if code == 0 else f"  exit {code}"
                    print(f"{name:<10} {round:>5} {command:<8} {wall:7.2f} {count / wall:9,.0f} {peak / 1024:11.0f} {sectors * 512 / 2**20:9.0f} {pages:>11}{status}",
                          flush=True)
                    if during is not None:
                        print(f"{'':<16} one-event appends during the check, ms: " + ", ".join(f"{w:.0f}" for w in waits), flush=True)
            finally:
                shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
