#!/usr/bin/env bash
# Runs ../shared/bench/peer_postgres.py (the Marten-way peer) on FILE.ndjson against a PostgreSQL cluster made
# for the run in a scratch directory (Debian's postgresql; default durability: fsync and synchronous_commit on),
# then reports what the server wrote: WAL bytes (pg_stat_wal) and data pages written by the checkpointer, the
# background writer and the backends (pg_stat_bgwriter, 8 KiB each), counted after a final CHECKPOINT.
#
#   tools/peer-postgres.sh FILE.ndjson [batch]
# Needs: apt-get install postgresql; pip install "psycopg[binary]". Runs the server as the postgres user.
set -euo pipefail
file=$(realpath "$1")
batch=${2:-1000}
here=$(cd "$(dirname "$0")" && pwd)
peer=${PEER_POSTGRES:-$here/../../shared/bench/peer_postgres.py}
[ -f "$peer" ] || { echo "peer-postgres: no peer at $peer (set PEER_POSTGRES)" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=$(mktemp -d /tmp/peer-pg-XXXXXX)
chown postgres "$dir"
chmod 755 "$dir"
cleanup() { runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres --auth=trust >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -o "-k $dir -c listen_addresses=''" -l "$dir/log" -w start >/dev/null
dsn="host=$dir user=postgres dbname=postgres"
psql() { "$bin/psql" -X -q -t -A -h "$dir" -U postgres -d postgres -c "$1"; }
psql "SELECT pg_stat_reset_shared('bgwriter'); SELECT pg_stat_reset_shared('wal');" >/dev/null
python3 "$peer" "$file" "$dsn" "$batch"
psql "CHECKPOINT" >/dev/null
wal=$(psql "SELECT wal_bytes FROM pg_stat_wal")
pages=$(psql "SELECT buffers_checkpoint + buffers_clean + buffers_backend FROM pg_stat_bgwriter")
size=$(du -sb "$dir/data" | cut -f1)
python3 - "$wal" "$pages" "$size" <<'PY'
import sys
wal, pages, size = int(float(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3])
gib = 1 << 30
print(f"peer postgres: server wrote {(wal + pages * 8192) / gib:.2f} GiB after a CHECKPOINT "
      f"(WAL {wal / gib:.2f} GiB, data pages {pages * 8192 / gib:.2f} GiB); cluster on disk {size / gib:.2f} GiB")
PY
