#!/usr/bin/env python3
"""A seeded damage campaign against a ledger's data.mdb (issue 16, item 6).

Each trial copies a ledger, damages the copy's data.mdb in one place, and runs `verify`, `log` and a query
(`roster --unit`) on it, each with a time limit. A trial passes when every command exits 0 (a harmless
flip) or 4 (damage reported): never by a signal, never a hang, never another exit code. With --deep, a
trial whose query answer differs from the undamaged ledger's while `verify` said 0 must be caught by
`verify --deep` (exit 4).

The pages are classified by walking the B-trees from the newest meta page (LMDB 0.9's layout on a 64-bit
little-endian machine), independently of liblmdb: meta, branch, leaf, overflow, free (in use by no tree,
or holding the free list) and, as a sixth kind, truncation of the file. Trials cycle through the kinds;
within a kind the page and the byte are drawn from the seed. One byte is XORed with a random non-zero mask.

    tools/damage.py --bin .build/release/grassroots --ledger LEDGER [--trials 500] [--seed 1] [--deep]

Python standard library only. Prints one line per failing trial and a table per kind; exits 1 when a trial
fails.
"""
import argparse
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile

P_BRANCH, P_LEAF, P_OVERFLOW, P_META, P_LEAF2, P_SUBP = 0x01, 0x02, 0x04, 0x08, 0x20, 0x40
F_BIGDATA, F_SUBDATA, F_DUPDATA = 0x01, 0x02, 0x04
KINDS = ["meta", "branch", "leaf", "overflow", "free", "truncate"]


def meta_at(data, offset):
    magic, = struct.unpack_from("<I", data, offset + 16)
    if magic != 0xBEEFC0DE:
        return None
    psize, = struct.unpack_from("<I", data, offset + 40)
    free_root, = struct.unpack_from("<Q", data, offset + 40 + 40)
    main_root, = struct.unpack_from("<Q", data, offset + 88 + 40)
    last_pg, txnid = struct.unpack_from("<QQ", data, offset + 136)
    return {"psize": psize, "free_root": free_root, "main_root": main_root, "last_pg": last_pg, "txnid": txnid}


def classify(path):
    """Maps every page number in use to its kind, by walking the trees from the newest meta page."""
    with open(path, "rb") as f:
        data = f.read()
    m0 = meta_at(data, 0)
    if m0 is None:
        raise SystemExit(f"{path}: not an LMDB file")
    m1 = meta_at(data, m0["psize"])
    meta = max([m for m in (m0, m1) if m], key=lambda m: m["txnid"])
    psize = meta["psize"]
    kinds = {0: "meta", 1: "meta"}
    invalid = (1 << 64) - 1

    def walk(root, tree):
        stack = [root] if root != invalid else []
        while stack:
            pgno = stack.pop()
            if pgno in kinds or pgno > meta["last_pg"]:
                continue
            base = pgno * psize
            flags, = struct.unpack_from("<H", data, base + 10)
            if flags & P_OVERFLOW:
                count, = struct.unpack_from("<I", data, base + 12)
                for p in range(pgno, pgno + max(count, 1)):
                    kinds[p] = "free" if tree == "free" else "overflow"
                continue
            lower, upper = struct.unpack_from("<HH", data, base + 12)
            kinds[pgno] = "free" if tree == "free" else ("branch" if flags & P_BRANCH else "leaf")
            if flags & P_LEAF2:
                continue
            for i in range((lower - 16) // 2):
                off, = struct.unpack_from("<H", data, base + 16 + 2 * i)
                node = base + off
                lo, hi, nflags, ksize = struct.unpack_from("<HHHH", data, node)
                if flags & P_BRANCH:
                    stack.append(lo | (hi << 16) | (nflags << 32))
                elif nflags & F_BIGDATA:
                    stack.append(struct.unpack_from("<Q", data, node + 8 + ksize)[0])
                elif nflags & F_SUBDATA:
                    root, = struct.unpack_from("<Q", data, node + 8 + ksize + 40)
                    walk(root, tree)

    walk(meta["main_root"], "main")
    walk(meta["free_root"], "free")
    for p in range(2, meta["last_pg"] + 1):
        kinds.setdefault(p, "free")
    # liblmdb may leave its last pages unwritten (a page allocated and freed in one commit): only pages the
    # file holds can be damaged.
    in_file = len(data) // psize
    return psize, meta["last_pg"], {p: k for p, k in kinds.items() if p < in_file}


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                           env={**os.environ, "GRASSROOTS_LANG": "en"})
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return "hang", b"", b""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--ledger", required=True, help="an undamaged ledger (copied for every trial)")
    ap.add_argument("--trials", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--unit", help="the unit for the query (default: the first `units` lists)")
    ap.add_argument("--deep", action="store_true", help="also require `verify --deep` to catch changed answers")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    src_data = os.path.join(args.ledger, "data.mdb")
    psize, last_pg, kinds = classify(src_data)
    by_kind = {k: sorted(p for p, kind in kinds.items() if kind == k) for k in KINDS}
    size = os.path.getsize(src_data)
    unit = args.unit
    if unit is None:
        code, out, err = run([args.bin, "units", "--ledger", args.ledger, "--format", "csv"], args.timeout)
        rows = out.decode("utf-8-sig").splitlines()
        unit = rows[1].split(",")[0] if code == 0 and len(rows) > 1 else None
        if unit is None:
            raise SystemExit(f"cannot list the ledger's units: {err.decode()}")
    _, head_out, _ = run([args.bin, "stats", "--ledger", args.ledger, "--json"], args.timeout)
    import json
    events = json.loads(head_out)["events"]
    query = ["roster", "--unit", unit, "--json"]
    baseline = run([args.bin, *query, "--ledger", args.ledger], args.timeout)
    if baseline[0] != 0:
        raise SystemExit(f"the query fails on the undamaged ledger: {baseline[2].decode()}")

    print(f"{src_data}: {size} bytes, pages of {psize}, last page {last_pg}; "
          + ", ".join(f"{k} {len(by_kind[k])}" for k in KINDS if k != "truncate"), flush=True)
    tally = {k: {"trials": 0, "clean": 0, "reported": 0, "changed": 0, "caught": 0, "failed": 0} for k in KINDS}
    failures = 0
    work = tempfile.mkdtemp(prefix="grassroots-damage-")
    try:
        kinds_cycle = [k for k in KINDS if k == "truncate" or by_kind[k]]
        for trial in range(args.trials):
            kind = kinds_cycle[trial % len(kinds_cycle)]
            copy = os.path.join(work, "ledger")
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(args.ledger, copy)
            data = os.path.join(copy, "data.mdb")
            if kind == "truncate":
                cut = rng.randrange(psize * 2, size)
                where = f"truncated to {cut} bytes"
                os.truncate(data, cut)
            else:
                page = rng.choice(by_kind[kind])
                span = 152 if kind == "meta" else psize
                offset = page * psize + rng.randrange(span)
                mask = rng.randrange(1, 256)
                where = f"page {page} ({kind}) byte {offset - page * psize} ^= 0x{mask:02x}"
                with open(data, "r+b") as f:
                    f.seek(offset)
                    byte = f.read(1)[0]
                    f.seek(offset)
                    f.write(bytes([byte ^ mask]))
            start = rng.randrange(1, events + 1)
            results = {
                "verify": run([args.bin, "verify", "--ledger", copy], args.timeout),
                "log": run([args.bin, "log", "--ledger", copy, "--from", str(start), "--limit", "200", "--json"], args.timeout),
                "query": run([args.bin, *query, "--ledger", copy], args.timeout),
            }
            t = tally[kind]
            t["trials"] += 1
            bad = {name: r[0] for name, r in results.items() if r[0] not in (0, 4)}
            changed = results["query"][0] == 0 and results["query"][1] != baseline[1]
            if changed:
                t["changed"] += 1
            if changed and args.deep and not bad:
                deep = run([args.bin, "verify", "--deep", "--ledger", copy], args.timeout)
                if deep[0] == 4:
                    t["caught"] += 1
                else:
                    bad["verify --deep (answer changed)"] = deep[0]
            if bad:
                failures += 1
                t["failed"] += 1
                detail = "; ".join(f"{name} exited {code}" + (f" ({results[name][2].decode(errors='replace').strip()[:200]})"
                                                             if name in results else "") for name, code in bad.items())
                print(f"trial {trial} (seed {args.seed}): {where}: {detail}", flush=True)
            elif all(r[0] == 0 for r in results.values()):
                t["clean"] += 1
            else:
                t["reported"] += 1
            if not args.quiet and sys.stderr.isatty():
                print(f"\r{trial + 1}/{args.trials} trials, {failures} failed", end="", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{'kind':<10}{'trials':>8}{'all 0':>8}{'some 4':>8}{'answer changed':>16}{'deep caught':>13}{'failed':>8}")
    for k in KINDS:
        t = tally[k]
        if t["trials"]:
            print(f"{k:<10}{t['trials']:>8}{t['clean']:>8}{t['reported']:>8}{t['changed']:>16}{t['caught']:>13}{t['failed']:>8}")
    print(f"{args.trials} trials, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
