#!/usr/bin/env python3
"""Independent verifier for a GrassrootsLedger export (`grassroots export`), standard library only.

Reads NDJSON, one event per line, each the canonical envelope with "hash" and "prevHash" added, and
recomputes the chain as Schemas/CANONICAL.md defines it:

    canonical = json.dumps(event_without_hashes, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    hash      = SHA-256(bytes.fromhex(prevHash) + canonical.encode("utf-8"))

Checks: every line is a JSON object with the envelope's members; seq runs 1, 2, 3... (or from the first
line's seq with --partial); prevHash equals the previous line's hash (32 zero bytes before seq 1);
the recomputed hash equals the stated one; numbers are integers; per stream, versions run 1, 2, 3...
Optionally (--head SEQ:HASH) the chain passes through a head noted earlier.

Exit 0 when whole; 1 naming the first bad line and seq otherwise; 2 on usage errors.
"""
import argparse
import hashlib
import json
import sys

MEMBERS_REQUIRED = {"actor", "data", "effectiveDate", "recordedAt", "schemaVersion", "seq", "stream",
                    "subjects", "type", "version"}
MEMBERS_OPTIONAL = {"idempotencyKey"}
GENESIS = "0" * 64


def reject_floats(text):
    raise ValueError("non-integer number %s" % text)


def reject_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key in object")
    return dict(pairs)


def canonical_bytes(event):
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def verify(lines, partial=False, head=None):
    """Returns (events_checked, head_seq, head_hash, problem or None)."""
    previous_hash = None
    expected_seq = None
    versions = {}
    count = 0
    last_seq = 0
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            event = json.loads(raw, parse_float=reject_floats, parse_constant=reject_floats,
                               object_pairs_hook=reject_duplicates)
        except ValueError as error:
            return count, last_seq, previous_hash, "line %d: not valid JSON: %s" % (number, error)
        if not isinstance(event, dict):
            return count, last_seq, previous_hash, "line %d: not a JSON object" % number
        stated_hash = event.pop("hash", None)
        prev_hash = event.pop("prevHash", None)
        members = set(event)
        if not MEMBERS_REQUIRED <= members or not members <= MEMBERS_REQUIRED | MEMBERS_OPTIONAL:
            return count, last_seq, previous_hash, "line %d: envelope members %s, expected %s" % (
                number, sorted(members), sorted(MEMBERS_REQUIRED | MEMBERS_OPTIONAL))
        if not isinstance(stated_hash, str) or not isinstance(prev_hash, str):
            return count, last_seq, previous_hash, "line %d: hash or prevHash missing" % number
        seq = event["seq"]
        if not isinstance(seq, int) or isinstance(seq, bool):
            return count, last_seq, previous_hash, "line %d: seq is not an integer" % number
        if expected_seq is None:
            expected_seq = seq if partial else 1
            previous_hash = prev_hash if partial else GENESIS
        if seq != expected_seq:
            return count, last_seq, previous_hash, "line %d: seq %d where %d was due" % (number, seq, expected_seq)
        if prev_hash != previous_hash:
            return count, last_seq, previous_hash, "line %d (seq %d): prevHash %s does not match the previous hash %s" % (
                number, seq, prev_hash, previous_hash)
        try:
            previous_bytes = bytes.fromhex(prev_hash)
        except ValueError:
            return count, last_seq, previous_hash, "line %d (seq %d): prevHash is not hex" % (number, seq)
        digest = hashlib.sha256(previous_bytes + canonical_bytes(event)).hexdigest()
        if digest != stated_hash:
            return count, last_seq, previous_hash, "line %d (seq %d): hash mismatch: stated %s, recomputed %s" % (
                number, seq, stated_hash, digest)
        stream, version = event["stream"], event["version"]
        if not partial or stream in versions:
            due = versions.get(stream, 0) + 1
            if version != due:
                return count, last_seq, previous_hash, "line %d (seq %d): stream %r at version %r where %d was due" % (
                    number, seq, stream, version, due)
        versions[stream] = version
        if head is not None and seq == head[0] and digest != head[1]:
            return count, last_seq, previous_hash, "seq %d: hash %s, but the noted head is %s" % (seq, digest, head[1])
        previous_hash = digest
        expected_seq = seq + 1
        last_seq = seq
        count += 1
    if head is not None and last_seq < head[0]:
        return count, last_seq, previous_hash, "the export ends at seq %d, before the noted head %d" % (last_seq, head[0])
    return count, last_seq, previous_hash or GENESIS, None


def main(argv=None):
    parser = argparse.ArgumentParser(description="Verify a GrassrootsLedger NDJSON export without the program.")
    parser.add_argument("export", help="the NDJSON file, or - for standard input")
    parser.add_argument("--partial", action="store_true",
                        help="the export starts after seq 1: trust the first line's prevHash")
    parser.add_argument("--head", metavar="SEQ:HASH", help="a head noted earlier that the chain must pass through")
    args = parser.parse_args(argv)
    head = None
    if args.head:
        try:
            seq_text, hash_text = args.head.split(":", 1)
            head = (int(seq_text), hash_text.lower())
        except ValueError:
            parser.error("--head must be SEQ:HASH")
    stream = sys.stdin if args.export == "-" else open(args.export, encoding="utf-8")
    with stream:
        count, last_seq, head_hash, problem = verify(stream, partial=args.partial, head=head)
    if problem:
        print("FAILED after %d good events: %s" % (count, problem))
        return 1
    print("ok: %d events, chain intact; head seq %d hash %s" % (count, last_seq, head_hash))
    return 0


if __name__ == "__main__":
    sys.exit(main())
