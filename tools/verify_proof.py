#!/usr/bin/env python3
"""Independent checker of GrassrootsLedger checkpoints and Merkle proofs, Python standard library only.

    verify_proof.py checkpoint FILE --vkey VKEY [--vkey VKEY...]
        FILE is a C2SP signed note holding a tlog-checkpoint (`grassroots checkpoint`); every VKEY
        (name+keyid+base64, `grassroots key init`'s FILE.pub, or a witness's witness.pub) must have
        signed it (a witness's key, type 4, checks a C2SP tlog-cosignature).
    verify_proof.py inclusion --event EVENT --proof PROOF --checkpoint FILE --vkey VKEY
        EVENT is one line of `grassroots export` (or a file holding it); PROOF is `grassroots prove --seq`.
        Checks the checkpoint's signature, then that the event is leaf seq-1 of the tree it signs.
    verify_proof.py consistency --old FILE --new FILE --proof PROOF --vkey VKEY
        PROOF is `grassroots prove --consistency --from OLD --to NEW` ("old SIZE" and hashes): checks both
        checkpoints' signatures, then that the old tree is a prefix of the new one.
    verify_proof.py roots EXPORT [--sizes 1,2,5-9]
        Prints "size root-hex" for prefixes of an export: the RFC 9162 tree computed here from the events
        (used by the test suite to cross-check the ledger's tiles).

Hashing (RFC 9162 section 2.1.1): leaf = SHA-256(0x00 || canonical event bytes), node = SHA-256(0x01 || left
|| right); the canonical bytes are the exported event without "hash" and "prevHash", as Schemas/CANONICAL.md
and tools/verify_export.py compute them. Proof checking follows RFC 9162 sections 2.1.3.2 and 2.1.4.2.
Ed25519 verification is RFC 8032 section 6's reference code, written out below.

Exit 0 when the proof or signature holds; 1 naming what failed otherwise; 2 on usage or malformed input.
"""
import argparse
import base64
import hashlib
import json
import sys

# ---- Ed25519 verification (RFC 8032 section 6, the reference implementation's verify path) ----

P = 2 ** 255 - 19
Q = 2 ** 252 + 27742317777372353535851937790883648493


def modp_inv(x):
    return pow(x, P - 2, P)


D = -121665 * modp_inv(121666) % P
MODP_SQRT_M1 = pow(2, (P - 1) // 4, P)


def sha512_modq(data):
    return int.from_bytes(hashlib.sha512(data).digest(), "little") % Q


def point_add(a, b):
    pa = (a[1] - a[0]) * (b[1] - b[0]) % P
    pb = (a[1] + a[0]) * (b[1] + b[0]) % P
    pc = 2 * a[3] * b[3] * D % P
    pd = 2 * a[2] * b[2] % P
    e, f, g, h = pb - pa, pd - pc, pd + pc, pb + pa
    return (e * f, g * h, f * g, e * h)


def point_mul(s, point):
    result = (0, 1, 1, 0)  # the neutral element
    while s > 0:
        if s & 1:
            result = point_add(result, point)
        point = point_add(point, point)
        s >>= 1
    return result


def point_equal(a, b):
    if (a[0] * b[2] - b[0] * a[2]) % P != 0:
        return False
    return (a[1] * b[2] - b[1] * a[2]) % P == 0


def recover_x(y, sign):
    if y >= P:
        return None
    x2 = (y * y - 1) * modp_inv(D * y * y + 1) % P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * MODP_SQRT_M1 % P
    if (x * x - x2) % P != 0:
        return None
    if (x & 1) != sign:
        x = P - x
    return x


G_Y = 4 * modp_inv(5) % P
G_X = recover_x(G_Y, 0)
G = (G_X, G_Y, 1, G_X * G_Y % P)


def point_decompress(data):
    if len(data) != 32:
        return None
    y = int.from_bytes(data, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = recover_x(y, sign)
    if x is None:
        return None
    return (x, y, 1, x * y % P)


def ed25519_verify(public, message, signature):
    if len(public) != 32 or len(signature) != 64:
        return False
    a = point_decompress(public)
    if not a:
        return False
    rs = signature[:32]
    r = point_decompress(rs)
    if not r:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= Q:
        return False
    h = sha512_modq(rs + public + message)
    return point_equal(point_mul(s, G), point_add(r, point_mul(h, a)))


# ---- C2SP signed notes, keys and checkpoints ----

class Refused(Exception):
    """The proof or signature does not hold (exit 1)."""


class Malformed(Exception):
    """An input is not what it should be (exit 2)."""


def b64(text, what):
    try:
        return base64.b64decode(text, validate=True)
    except ValueError as error:
        raise Malformed("%s is not base64: %s" % (what, error))


def parse_vkey(text):
    parts = text.strip().split("+", 2)
    if len(parts) != 3 or len(parts[1]) != 8:
        raise Malformed("a verifier key is name+keyid+base64, got %r" % text.strip())
    name, key_hex, blob = parts
    raw = b64(blob, "the verifier key")
    if len(raw) != 33 or raw[0] not in (1, 4):
        raise Malformed("verifier key %s: expected type 1 (Ed25519) or 4 (cosignature) and 32 bytes" % name)
    key_id = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
    if key_id.hex() != key_hex:
        raise Malformed("verifier key %s: key id %s does not match its name and key (%s)" % (name, key_hex, key_id.hex()))
    return {"name": name, "id": key_id, "type": raw[0], "key": raw[1:]}


def parse_note(data):
    text = data.decode("utf-8")
    if not text.endswith("\n") or "\n\n" not in text:
        raise Malformed("a signed note is text, a blank line and signature lines")
    split = text.rindex("\n\n")
    body = text[:split + 1]
    signatures = []
    for line in text[split + 2:].split("\n")[:-1]:
        if not line.startswith("\u2014 "):
            raise Malformed("a signature line starts with an em dash and a space: %r" % line)
        name, _, blob = line[2:].partition(" ")
        raw = b64(blob, "a signature")
        if len(raw) < 5:
            raise Malformed("signature of %s too short" % name)
        signatures.append((name, raw[:4], raw[4:]))
    return body, signatures


def parse_checkpoint(body):
    lines = body.split("\n")[:-1]
    if len(lines) < 3 or not lines[1].isdigit() or (lines[1] != "0" and lines[1].startswith("0")):
        raise Malformed("a checkpoint is origin, tree size, base64 root, one a line")
    root = b64(lines[2], "the root hash")
    if len(root) != 32:
        raise Malformed("the root hash has %d bytes, not 32" % len(root))
    return {"origin": lines[0], "size": int(lines[1]), "root": root}


def check_signed(body, signatures, vkey):
    """The note must carry a valid signature by vkey (a cosignature for a type-4 key)."""
    own = [(name, sig) for name, key_id, sig in signatures if name == vkey["name"] and key_id == vkey["id"]]
    if not own:
        raise Refused("no signature by %s" % vkey["name"])
    for _, sig in own:
        if vkey["type"] == 1 and ed25519_verify(vkey["key"], body.encode(), sig):
            return
        if vkey["type"] == 4 and len(sig) == 72:
            time = int.from_bytes(sig[:8], "big")
            message = ("cosignature/v1\ntime %d\n" % time).encode() + body.encode()
            if ed25519_verify(vkey["key"], message, sig[8:]):
                return
    raise Refused("the signature by %s does not verify (altered checkpoint or forged signature)" % vkey["name"])


def load_checkpoint(path, vkeys):
    with open(path, "rb") as handle:
        body, signatures = parse_note(handle.read())
    for vkey in vkeys:
        check_signed(body, signatures, vkey)
    return parse_checkpoint(body)


# ---- RFC 9162 Merkle hashing and proof verification ----

def leaf_hash(canonical):
    return hashlib.sha256(b"\x00" + canonical).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def merkle_root(leaves):
    """MTH of RFC 9162 section 2.1.1, bottom-up: complete subtrees joined, the right edge folded in."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    level = list(leaves)
    while len(level) > 1:
        nxt = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2 == 1:
            nxt.append(level[-1])  # an unpaired last node is carried up unchanged, as MTH's split gives
        level = nxt
    return level[0]


def verify_inclusion(leaf, index, size, path, root):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(old_size, new_size, old_root, new_root, path):
    """RFC 9162 section 2.1.4.2 (from the empty tree: an empty proof; between equal sizes: equal roots)."""
    if old_size > new_size:
        return False
    if old_size == 0:
        return not path
    if old_size == new_size:
        return not path and old_root == new_root
    if not path:
        return False
    if old_size & (old_size - 1) == 0:
        path = [old_root] + list(path)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


def read_proof(path, kind):
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    if lines[-1] != "":
        raise Malformed("%s: every line ends in a newline" % path)
    header = lines[0].split(" ")
    hashes = [b64(line, "a proof hash") for line in lines[1:-1]]
    if any(len(h) != 32 for h in hashes):
        raise Malformed("%s: a proof hash is not 32 bytes" % path)
    if kind == "inclusion" and len(header) == 3 and header[0] == "inclusion" and header[1].isdigit() and header[2].isdigit():
        return int(header[1]), int(header[2]), hashes
    if kind == "consistency" and len(header) == 2 and header[0] == "old" and header[1].isdigit():
        return int(header[1]), hashes
    raise Malformed("%s: not a %s proof (first line %r)" % (path, kind, lines[0]))


def canonical_bytes(line):
    event = json.loads(line)
    if not isinstance(event, dict) or "seq" not in event:
        raise Malformed("an exported event is a JSON object with a seq")
    event.pop("hash", None)
    event.pop("prevHash", None)
    return event["seq"], json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def load_vkeys(paths):
    keys = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            keys.append(parse_vkey(handle.read()))
    return keys


def parse_sizes(text, total):
    if text is None:
        return list(range(1, total + 1))
    sizes = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        sizes.extend(range(int(low), int(high or low) + 1))
    return sizes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    c = commands.add_parser("checkpoint")
    c.add_argument("file")
    c.add_argument("--vkey", action="append", required=True)
    i = commands.add_parser("inclusion")
    i.add_argument("--event", required=True)
    i.add_argument("--proof", required=True)
    i.add_argument("--checkpoint", required=True)
    i.add_argument("--vkey", action="append", required=True)
    k = commands.add_parser("consistency")
    k.add_argument("--old", required=True)
    k.add_argument("--new", required=True)
    k.add_argument("--proof", required=True)
    k.add_argument("--vkey", action="append", required=True)
    r = commands.add_parser("roots")
    r.add_argument("export")
    r.add_argument("--sizes")
    args = parser.parse_args()
    try:
        if args.command == "roots":
            with open(args.export, encoding="utf-8") as handle:
                leaves = [leaf_hash(canonical_bytes(line)[1]) for line in handle if line.strip()]
            for size in parse_sizes(args.sizes, len(leaves)):
                if size > len(leaves):
                    raise Malformed("the export holds %d events, not %d" % (len(leaves), size))
                print(size, merkle_root(leaves[:size]).hex())
            return 0
        vkeys = load_vkeys(args.vkey)
        if args.command == "checkpoint":
            checkpoint = load_checkpoint(args.file, vkeys)
            print("ok: %s size %d root %s, signed by %s" % (checkpoint["origin"], checkpoint["size"], checkpoint["root"].hex(),
                                                         ", ".join(v["name"] for v in vkeys)))
        elif args.command == "inclusion":
            checkpoint = load_checkpoint(args.checkpoint, vkeys)
            seq, size, path = read_proof(args.proof, "inclusion")
            with open(args.event, encoding="utf-8") as handle:
                lines = [line for line in handle if line.strip()]
            if len(lines) != 1:
                raise Malformed("%s: one exported event, on one line" % args.event)
            event_seq, canonical = canonical_bytes(lines[0])
            if event_seq != seq:
                raise Refused("the proof is of event %d and the event is %d" % (seq, event_seq))
            if size != checkpoint["size"]:
                raise Refused("the proof is in a tree of %d events and the checkpoint signs %d" % (size, checkpoint["size"]))
            if not verify_inclusion(leaf_hash(canonical), seq - 1, size, path, checkpoint["root"]):
                raise Refused("event %d is not in the tree the checkpoint signs (altered event or wrong proof)" % seq)
            print("ok: event %d is in the tree of %d events of %s" % (seq, size, checkpoint["origin"]))
        else:
            old = load_checkpoint(args.old, vkeys)
            new = load_checkpoint(args.new, vkeys)
            old_size, path = read_proof(args.proof, "consistency")
            if old["origin"] != new["origin"]:
                raise Refused("the checkpoints are of two logs: %s and %s" % (old["origin"], new["origin"]))
            if old_size != old["size"]:
                raise Refused("the proof is from size %d and the old checkpoint signs %d" % (old_size, old["size"]))
            if not verify_consistency(old["size"], new["size"], old["root"], new["root"], path):
                raise Refused("the tree of %d events is not a prefix of the tree of %d: history was rewritten" % (old["size"], new["size"]))
            print("ok: the %d events of %s are the first of its %d" % (old["size"], new["origin"], new["size"]))
        return 0
    except Refused as error:
        print("REFUSED: %s" % error, file=sys.stderr)
        return 1
    except (Malformed, OSError, ValueError, UnicodeDecodeError) as error:
        print("error: %s" % error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
