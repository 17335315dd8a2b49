#!/usr/bin/env bash
# A point-in-time recovery drill on PostgreSQL (docs/deployment.md § Point-in-time recovery):
# the procedure that page describes, played end to end on a throwaway server of its own, so that
# it is practised rather than believed. Run by hand (needs PostgreSQL's server binaries and root
# or the postgres user; it never touches the server on 5432):
#
#   bash test/pg/pitr-drill.sh [--orders 2000] [--port 5439] [--keep]
#
# 1. a new data directory with WAL archiving on (wal_level=replica, archive_mode, archive_command),
# 2. the console's seed into it (npm run seed with DATABASE_URL; signs the audit checkpoints),
# 3. a base backup (pg_basebackup, tar, compressed, WAL streamed),
# 4. writes after the base backup that must survive (a marker row), then the recovery target time,
# 5. a mistaken bulk change after it (every order's amount raised by 1 元;
#    the audit trail itself refuses such edits: its trigger keeps it append-only),
# 6. the server stopped; the base backup restored into an empty directory with restore_command and
#    recovery_target_time; PostgreSQL replays the archived WAL to that instant,
# 7. checks: the marker is there, the mistaken change is not (every order's amount as before),
#    and `npm run audit:verify` passes against the checkpoints the seed signed.
# Prints each step with its time; exits 1 at the first check that fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

orders=2000 port=5439 keep=
while [ $# -gt 0 ]; do
  case "$1" in
    --orders) orders="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: bash test/pg/pitr-drill.sh [--orders N] [--port P] [--keep]" >&2; exit 2 ;;
  esac
done

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "PostgreSQL's server binaries (initdb, pg_ctl) are not installed" >&2; exit 2; }
as_pg() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }

dir="$(mktemp -d /tmp/pitr-drill.XXXXXX)"
chmod 755 "$dir"
mkdir -p "$dir/wal" "$dir/base"
chown -R postgres "$dir"
cleanup() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  as_pg "$bin/pg_ctl" -D "$dir/restored" -m immediate stop >/dev/null 2>&1 || true
  if [ -n "$keep" ]; then echo "kept: $dir"; else rm -rf "$dir"; fi
}
trap cleanup EXIT

started=$(date +%s)
step() { echo "[$(($(date +%s) - started)) s] $*"; }
check() { if [ "$1" = "$2" ]; then echo "  ✓ $3 ($1)"; else echo "  ✗ $3: expected $2, got $1" >&2; exit 1; fi; }
psql_q() { psql -X -q -t -A -h 127.0.0.1 -p "$port" -U postgres -d refund_desk -c "$1"; }

step "1. a data directory with WAL archiving ($dir/data, port $port)"
as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
cat >>"$dir/data/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $dir/wal/%f && cp %p $dir/wal/%f'
archive_timeout = 60
CONF
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/data.log" -w start >/dev/null
as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres refund_desk
url="postgres://postgres@127.0.0.1:$port/refund_desk"

step "2. the seed: $orders orders (npm run seed with DATABASE_URL)"
mkdir -p "$dir/keys" "$dir/db" && export AUDIT_SIGNING_KEY_FILE="$dir/keys/audit-signing.key" # never beside the database
DATABASE_URL="$url" npx tsx server/cli/seed.ts --orders "$orders" --db "$dir/db/drill.db" >"$dir/seed.log"
amount_sum=$(psql_q "SELECT sum(paid_fen) FROM orders")
audit_count=$(psql_q "SELECT count(*) FROM audit_events")
step "   seeded: orders' amounts sum to $amount_sum fen, $audit_count audit events"

step "3. a base backup (pg_basebackup -Ft -z -X stream -c fast)"
as_pg "$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$dir/base" -Ft -z -X stream -c fast

step "4. writes after the base backup that recovery must keep, then the target time"
psql_q "CREATE TABLE drill_marker (note text); INSERT INTO drill_marker VALUES ('written after the base backup')"
sleep 1
target=$(psql_q "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")
sleep 1
step "   recovery target: $target"

step "5. the mistake: every order's amount raised by 1 元"
psql_q "UPDATE orders SET paid_fen = paid_fen + 100"
check "$(psql_q "SELECT sum(paid_fen) FROM orders")" "$((amount_sum + 100 * $(psql_q "SELECT count(*) FROM orders")))" "the mistake is in the live database"
segment=$(psql_q "SELECT pg_walfile_name(pg_switch_wal())") # close the segment so it is archived
for _ in $(seq 1 60); do
  [ "$(psql_q "SELECT coalesce(last_archived_wal, '') >= '$segment' FROM pg_stat_archiver")" = t ] && break
  sleep 1
done
check "$(psql_q "SELECT coalesce(last_archived_wal, '') >= '$segment' FROM pg_stat_archiver")" t "the WAL up to the mistake is archived"

step "6. the server stopped; the base backup restored with recovery_target_time = '$target'"
as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
as_pg mkdir -m 700 "$dir/restored"
as_pg tar -xzf "$dir/base/base.tar.gz" -C "$dir/restored"
as_pg mkdir -p "$dir/restored/pg_wal"
as_pg tar -xzf "$dir/base/pg_wal.tar.gz" -C "$dir/restored/pg_wal"
cat >>"$dir/restored/postgresql.conf" <<CONF
restore_command = 'cp $dir/wal/%f %p'
recovery_target_time = '$target'
recovery_target_action = 'promote'
archive_mode = off
CONF
as_pg touch "$dir/restored/recovery.signal"
as_pg "$bin/pg_ctl" -D "$dir/restored" -l "$dir/restored.log" -w start >/dev/null
for _ in $(seq 1 60); do
  [ "$(psql_q "SELECT pg_is_in_recovery()")" = f ] && break
  sleep 1
done
check "$(psql_q "SELECT pg_is_in_recovery()")" f "recovery reached its target and the server was promoted"

step "7. checks on the recovered database"
check "$(psql_q "SELECT count(*) FROM drill_marker")" 1 "the write made after the base backup was replayed from the archive"
check "$(psql_q "SELECT sum(paid_fen) FROM orders")" "$amount_sum" "every order's amount is as before the mistake"
check "$(psql_q "SELECT count(*) FROM audit_events")" "$audit_count" "the audit trail is as it was"
DATABASE_URL="$url" npx tsx server/cli/audit-verify.ts --db "$dir/db/drill.db" >"$dir/verify.log" 2>&1 || {
  cat "$dir/verify.log" >&2
  echo "  ✗ audit:verify on the recovered database" >&2
  exit 1
}
echo "  ✓ audit:verify: $(tail -1 "$dir/verify.log")"
step "drill passed: recovered to $target, $(grep -c 'restored log file' "$dir/restored.log" || true) archived WAL segments replayed"
