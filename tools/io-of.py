#!/usr/bin/env python3
"""Runs a command and reports its wall time and the bytes it wrote: from /proc/PID/io sampled every 50 ms until
it exits (write_bytes: what the kernel charged to the process at the block layer; wchar: what the process asked
to write), and the sectors every disk wrote meanwhile (/proc/diskstats, whole disks: counts other processes'
writes too, so run it on a quiet machine). On this kernel (6.x, ext4 with large folios) write_bytes charges a
whole folio for each 4 KiB page an mmap'd or pwrite'd database dirties, so it can be many times what the device
wrote; the disks' count is the one to compare. A child process's writes are not counted in /proc/PID/io: run
the program itself, not a shell.

usage: tools/io-of.py COMMAND [ARG...]"""
import subprocess, sys, time

def disk_sectors():
    """Sectors written by every whole disk so far (/proc/diskstats); tools/bench-rebuild.py uses it too."""
    total = 0
    with open("/proc/diskstats") as f:
        for line in f:
            fields = line.split()
            name = fields[2]
            if name.startswith(("loop", "ram", "zram", "dm-")) or (name[-1].isdigit() and not name.startswith("nvme")) or ("p" in name[4:] and name.startswith("nvme")):
                continue  # not a whole disk
            total += int(fields[9])
    return total


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sectors = disk_sectors()
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
    disk = (disk_sectors() - sectors) * 512
    gib = 1 << 30
    print(f"io-of: {elapsed:.1f} s, write_bytes {last.get('write_bytes', 0) / gib:.2f} GiB, wchar {last.get('wchar', 0) / gib:.2f} GiB "
          f"(last sample before exit); disks wrote {disk / gib:.2f} GiB meanwhile; exit {child.returncode}", file=sys.stderr)
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()
