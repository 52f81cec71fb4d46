#!/usr/bin/env bash
# Regenerates the man page docs/man/grassroots.1 from the command's own help, with swift-argument-parser's
# generate-manual tool. That tool drops every non-ASCII character (its MDoc escaping keeps ASCII only), which
# would leave the Chinese terms of the help as "()"; so the help it reads comes through a wrapper that spells
# each non-ASCII character as a placeholder, and the placeholders become groff's \[uXXXX] afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/man
swift build -c release --product grassroots
swift build --product generate-manual
bin="$(swift build -c release --show-bin-path)/grassroots"
generator="$(swift build --show-bin-path)/generate-manual"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/grassroots" <<WRAPPER
#!/usr/bin/env python3
import subprocess, sys
out = subprocess.run(["$bin", *sys.argv[1:]], capture_output=True, check=True).stdout.decode("utf-8")
sys.stdout.write("".join(c if ord(c) < 128 else "QQU%04XQQ" % ord(c) for c in out))
WRAPPER
chmod +x "$work/grassroots"
mkdir -p "$work/out"
"$generator" "$work/grassroots" --output-directory "$work/out" --date "$(date -u +%Y-%m-%d)"
sed -E 's/QQU([0-9A-F]{4,6})QQ/\\[u\1]/g' "$work/out/grassroots.1" > docs/man/grassroots.1
if grep -q 'QQU' docs/man/grassroots.1; then echo "man.sh: a placeholder was left in the page" >&2; exit 1; fi
echo "wrote docs/man/grassroots.1"
