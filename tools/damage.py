#!/usr/bin/env python3
"""A seeded damage campaign against a ledger's data.mdb (issue 16, item 6).

Each trial copies a ledger, damages the copy's data.mdb in one place, and runs `verify`, `log` and queries
on it, each with a time limit. A trial passes when every command exits 0 (a harmless flip) or 4 (damage
reported): never by a signal, never a hang, never another exit code. With --deep, a trial in which any
query's answer differs from the undamaged ledger's must be caught by `verify --deep` (exit 4).

The queries: the whole-ledger ones (`groups --json`, `units --json`, and `roster --unit R --json` and
`subsidies --unit R --json` for every top unit R), or those given with --query; and, targeted at the damaged
page, up to --targeted queries about the groups, persons and units whose ids the page holds (in keys or
values): `funds`, `assets`, `roster` and `subsidies` of a group, `person` of a person, `roster` of a unit.
A flip that changes what a projection row says about one group is thus asked about by a query that reads it.

--overflow N first appends N audits with long findings (about 2,000 bytes each: more than half a page) to a
copy of the ledger, so that events (and what the projections keep of them) live in overflow pages too.

The pages are classified by walking the B-trees from the newest meta page (LMDB 0.9's layout on a 64-bit
little-endian machine), independently of liblmdb: meta, branch, leaf, overflow, free (in use by no tree,
or holding the free list) and, as a sixth kind, truncation of the file. Trials cycle through the kinds;
within a kind the page and the byte are drawn from the seed. One byte is XORed with a random non-zero mask.

    tools/damage.py --bin .build/release/grassroots --ledger LEDGER [--trials 500] [--seed 1] [--deep]
                    [--overflow 40] [--query "groups --json" ...] [--targeted 4]

Python standard library only. Prints one line per failing trial and a table per kind; exits 1 when a trial
fails.
"""
import argparse
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import json

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


def craft_cycle(path, table):
    """Makes a cycle in `table`'s B-tree: every child of its root branch page but the first and the last is
    pointed back at the root itself (the last stays, so that the head is still found). A cursor walk then
    passes the first child's entries, descends into the root again, passes them again, and so on, one level
    deeper each time, until liblmdb's 32-deep cursor stack is full. Returns the root's page number and how
    many pointers were changed."""
    with open(path, "rb") as f:
        data = bytearray(f.read())
    m0 = meta_at(data, 0)
    m1 = meta_at(data, m0["psize"]) if m0 else None
    meta = max([m for m in (m0, m1) if m], key=lambda m: m["txnid"])
    psize = meta["psize"]

    def nodes(pgno):
        base = pgno * psize
        lower, = struct.unpack_from("<H", data, base + 12)
        for i in range((lower - 16) // 2):
            off, = struct.unpack_from("<H", data, base + 16 + 2 * i)
            yield base + off

    def find(pgno):
        flags, = struct.unpack_from("<H", data, pgno * psize + 10)
        for node in nodes(pgno):
            lo, hi, nflags, ksize = struct.unpack_from("<HHHH", data, node)
            if flags & P_BRANCH:
                found = find(lo | (hi << 16) | (nflags << 32))
                if found is not None:
                    return found
            elif nflags & F_SUBDATA and bytes(data[node + 8:node + 8 + ksize]) == table.encode():
                return struct.unpack_from("<Q", data, node + 8 + ksize + 40)[0]
        return None

    root = find(meta["main_root"])
    if root is None:
        raise SystemExit(f"{path}: no table {table}")
    flags, = struct.unpack_from("<H", data, root * psize + 10)
    children = list(nodes(root))
    if not flags & P_BRANCH or len(children) < 3:
        raise SystemExit(f"{table}'s root page {root} is not a branch page with 3 children or more")
    for node in children[1:-1]:
        struct.pack_into("<HHH", data, node, root & 0xFFFF, (root >> 16) & 0xFFFF, (root >> 32) & 0xFFFF)
    with open(path, "r+b") as f:
        f.write(data)
    return root, len(children) - 2


IDS = re.compile(rb"(group|person|unit):[A-Za-z0-9_.-]{1,80}")


def targeted_queries(page_bytes, rng, limit):
    """Queries about the entities whose ids the page holds, at most `limit`, drawn with `rng`."""
    ids = sorted({m.group(0).decode() for m in IDS.finditer(page_bytes)})
    rng.shuffle(ids)
    queries = []
    for entity in ids:
        kind = entity.split(":", 1)[0]
        if kind == "group":
            options = [["funds", "--group", entity, "--json"], ["assets", "--group", entity, "--json"],
                       ["roster", "--group", entity, "--json"], ["subsidies", "--group", entity, "--json"]]
        elif kind == "person":
            options = [["person", entity, "--json"]]
        else:
            options = [["roster", "--unit", entity, "--json"]]
        queries.append(rng.choice(options))
        if len(queries) >= limit:
            break
    return queries


def add_overflow_events(bin_path, ledger, count, timeout):
    """Appends `count` audits with long findings to `ledger`, one group each (cycling), dated the day of the
    last event, so that their records exceed half a page and go to overflow pages."""
    code, out, err = run([bin_path, "groups", "--ledger", ledger, "--json"], timeout)
    if code != 0:
        raise SystemExit(f"groups failed on the ledger: {err.decode()}")
    groups = sorted(g["group"] for g in json.loads(out))
    code, out, err = run([bin_path, "stats", "--ledger", ledger, "--json"], timeout)
    head = json.loads(out)["events"]
    code, out, err = run([bin_path, "log", "--ledger", ledger, "--from", str(head), "--limit", "1", "--json"], timeout)
    date = json.loads(out.decode().splitlines()[0])["effectiveDate"]
    year = int(date[:4]) - 1
    rng = random.Random(count)
    words = ["账目公开不及时", "收支凭证不全", "资产台账未更新", "合同未经村民会议表决", "补助发放延迟", "现金超限额存放"]
    lines = []
    for i in range(count):
        text = f"第{i + 1}项:"
        while len(text.encode()) < 1990:
            text += rng.choice(words) + ";"
        while len(text.encode()) > 2000:
            text = text[:-1]
        lines.append(json.dumps({"type": "audit.completed", "effectiveDate": date, "idempotencyKey": f"damage-overflow/{i}",
                                 "data": {"group": groups[i % len(groups)], "kind": "annual", "periodStart": f"{year}-01-01",
                                          "periodEnd": f"{year}-12-31", "auditor": "县审计局", "findings": text}},
                                ensure_ascii=False))
    p = subprocess.run([bin_path, "append", "--ledger", ledger, "-"], input=("\n".join(lines) + "\n").encode(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, env={**os.environ, "GRASSROOTS_LANG": "en"})
    if p.returncode != 0:
        raise SystemExit(f"appending the long audits failed: {p.stderr.decode()}")


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                           env={**os.environ, "GRASSROOTS_LANG": "en"})
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return "hang", b"", b""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin")
    ap.add_argument("--craft-cycle", metavar="TABLE", help="only make a cycle in TABLE's B-tree, in place, and exit")
    ap.add_argument("--ledger", required=True, help="an undamaged ledger (copied for every trial)")
    ap.add_argument("--trials", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--query", action="append", help="a whole-ledger query to compare (repeatable; default: groups, units, "
                    "and roster and subsidies of every top unit, all --json)")
    ap.add_argument("--targeted", type=int, default=4, help="queries per trial about the ids the damaged page holds (default 4)")
    ap.add_argument("--overflow", type=int, default=0, help="first append this many audits with long findings (overflow pages)")
    ap.add_argument("--deep", action="store_true", help="also require `verify --deep` to catch changed answers")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    if args.craft_cycle:
        root, changed = craft_cycle(os.path.join(args.ledger, "data.mdb"), args.craft_cycle)
        print(f"{args.craft_cycle}: {changed} children of its root page {root} now point back at it")
        return
    if not args.bin:
        ap.error("--bin is required")

    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="grassroots-damage-")
    if args.overflow:
        base = os.path.join(work, "base")
        shutil.copytree(args.ledger, base)
        add_overflow_events(args.bin, base, args.overflow, args.timeout)
        args.ledger = base
    src_data = os.path.join(args.ledger, "data.mdb")
    psize, last_pg, kinds = classify(src_data)
    by_kind = {k: sorted(p for p, kind in kinds.items() if kind == k) for k in KINDS}
    size = os.path.getsize(src_data)
    _, head_out, _ = run([args.bin, "stats", "--ledger", args.ledger, "--json"], args.timeout)
    events = json.loads(head_out)["events"]
    if args.query:
        whole = [q.split() for q in args.query]
    else:
        code, out, err = run([args.bin, "units", "--ledger", args.ledger, "--json"], args.timeout)
        tops = sorted(u["unit"] for u in json.loads(out) if "parent" not in u)
        whole = [["groups", "--json"], ["units", "--json"]]
        whole += [[q, "--unit", top, "--json"] for top in tops for q in ("roster", "subsidies")]
    baselines = {}

    def baseline(query):
        key = " ".join(query)
        if key not in baselines:
            answer = run([args.bin, *query, "--ledger", args.ledger], args.timeout)
            baselines[key] = answer[1] if answer[0] == 0 else None
        return baselines[key]

    for query in whole:
        if baseline(query) is None:
            raise SystemExit(f"the query {' '.join(query)} fails on the undamaged ledger")
    with open(src_data, "rb") as f:
        original = f.read()

    print(f"{src_data}: {size} bytes, pages of {psize}, last page {last_pg}; "
          + ", ".join(f"{k} {len(by_kind[k])}" for k in KINDS if k != "truncate"), flush=True)
    print("whole-ledger queries: " + "; ".join(" ".join(q) for q in whole) + f"; up to {args.targeted} targeted a trial", flush=True)
    tally = {k: {"trials": 0, "clean": 0, "reported": 0, "changed": 0, "caught": 0, "failed": 0, "queries": 0} for k in KINDS}
    failures = 0
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
                # The pages cut off, and the one cut through.
                targeted = targeted_queries(original[(cut // psize) * psize:], rng, args.targeted)
            else:
                page = rng.choice(by_kind[kind])
                targeted = targeted_queries(original[page * psize:(page + 1) * psize], rng, args.targeted)
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
            }
            queries = whole + [q for q in targeted if baseline(q) is not None and q not in whole]
            changed_queries = []
            for query in queries:
                name = " ".join(query)
                results[name] = run([args.bin, *query, "--ledger", copy], args.timeout)
                if results[name][0] == 0 and results[name][1] != baseline(query):
                    changed_queries.append(name)
            t = tally[kind]
            t["trials"] += 1
            t["queries"] += len(queries)
            bad = {name: r[0] for name, r in results.items() if r[0] not in (0, 4)}
            changed = bool(changed_queries)
            if changed and not args.quiet:
                print(f"trial {trial}: {where}: answer changed: {', '.join(changed_queries)}", flush=True)
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
            elif not args.quiet and (trial + 1) % 50 == 0:
                counts = ", ".join(f"{k} {tally[k]['trials']}/{tally[k]['changed']}/{tally[k]['caught']}" for k in KINDS)
                print(f"{trial + 1}/{args.trials} trials, {failures} failed (kind trials/changed/caught: {counts})", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{'kind':<10}{'trials':>8}{'queries':>9}{'all 0':>8}{'some 4':>8}{'answer changed':>16}{'deep caught':>13}{'failed':>8}")
    for k in KINDS:
        t = tally[k]
        if t["trials"]:
            print(f"{k:<10}{t['trials']:>8}{t['queries']:>9}{t['clean']:>8}{t['reported']:>8}{t['changed']:>16}{t['caught']:>13}{t['failed']:>8}")
    print(f"{args.trials} trials, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
