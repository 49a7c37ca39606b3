#!/usr/bin/env bash
# A real streaming read replica of the local PostgreSQL cluster, for DATABASE_READ_URL in
# development, the replica tests (test/replica/) and the benchmarks.
#
#   scripts/replica.sh start  [--port 5433] [--dir /tmp/credit-replica] [--primary-port 5432]
#   scripts/replica.sh status [same options]
#   scripts/replica.sh stop   [same options]
#
# start: pg_basebackup of the primary (-R -X stream, physical replication slot
#   credit_replica_<port>) into --dir, started as the postgres OS user in hot standby; waits
#   until it accepts connections and is in recovery. The last line printed is the replica's
#   URL and nothing else, so callers can take it with `| tail -n 1`. Idempotent: a replica
#   already running on the port is reported, not rebuilt.
# stop: stops the replica, deletes --dir and drops its slot (a slot left behind would make
#   the primary keep WAL for a replica that is gone, until the disk fills).
# status: running or not, in recovery or not, and the primary's view of its lag.
#
# What the primary needs, checked every time: wal_level replica (or logical), a free WAL
# sender and replication slot — all need a restart to change, so the script refuses and says
# so rather than restart a shared server; and a pg_hba.conf line admitting replication
# connections from 127.0.0.1 — added if missing, then reloaded (pg_reload_conf, no restart).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
port=5433
dir=/tmp/credit-replica
primary_port=5432
primary_host=127.0.0.1

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
die() { echo "replica.sh: $*" >&2; exit 1; }

[ $# -ge 1 ] || usage
command=$1; shift
while [ $# -gt 0 ]; do
  case $1 in
    --port) port=${2:?--port needs a value}; shift 2 ;;
    --dir) dir=${2:?--dir needs a value}; shift 2 ;;
    --primary-port) primary_port=${2:?--primary-port needs a value}; shift 2 ;;
    *) echo "replica.sh: unknown option $1" >&2; usage ;;
  esac
done
[[ $port =~ ^[0-9]+$ ]] || die "--port must be a number, got '$port'"
[[ $primary_port =~ ^[0-9]+$ ]] || die "--primary-port must be a number, got '$primary_port'"
[ "$port" != "$primary_port" ] || die "--port $port is the primary's port"
case $dir in /*) ;; *) die "--dir must be an absolute path, got '$dir'" ;; esac
[ "$dir" != / ] || die "--dir must not be /"

slot="credit_replica_${port}"
url="postgres://postgres@127.0.0.1:${port}/postgres"

# The server runs as postgres; so must everything that writes its files.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
primary_sql() { psql -h "$primary_host" -p "$primary_port" -U postgres -d postgres -XAtqc "$1"; }
replica_sql() { psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -XAtqc "$1"; }
replica_running() {
  [ -f "$dir/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1 || return 1
  local running_port
  running_port=$(sed -n 4p "$dir/postmaster.pid")
  [ "$running_port" = "$port" ] || die "$dir holds a replica running on port $running_port, not $port; pass --port $running_port, or another --dir"
}

check_primary() {
  "$PG_BIN/pg_isready" -h "$primary_host" -p "$primary_port" -q || die "the primary (127.0.0.1:$primary_port) is not accepting connections"
  local wal_level senders slots used_senders used_slots
  wal_level=$(primary_sql "SHOW wal_level")
  [ "$wal_level" = replica ] || [ "$wal_level" = logical ] ||
    die "the primary has wal_level=$wal_level; streaming replication needs 'replica'. Run ALTER SYSTEM SET wal_level = replica and restart the primary (a restart is unavoidable for this setting; not done here because the primary may be shared)"
  senders=$(primary_sql "SHOW max_wal_senders")
  used_senders=$(primary_sql "SELECT count(*) FROM pg_stat_replication")
  [ "$senders" -gt "$used_senders" ] || die "the primary has no free WAL sender (max_wal_senders=$senders, $used_senders in use); raising it needs a restart"
  slots=$(primary_sql "SHOW max_replication_slots")
  used_slots=$(primary_sql "SELECT count(*) FROM pg_replication_slots WHERE slot_name <> '$slot'")
  [ "$slots" -gt "$used_slots" ] || die "the primary has no free replication slot (max_replication_slots=$slots); raising it needs a restart"
  allow_replication_connections
}

# pg_hba's "all" does not match replication connections; they need a line of their own.
allow_replication_connections() {
  if psql "host=$primary_host port=$primary_port user=postgres replication=true" -XAtqc "IDENTIFY_SYSTEM" >/dev/null 2>&1; then return; fi
  local hba
  hba=$(primary_sql "SHOW hba_file")
  if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]+(all|postgres)[[:space:]]+127\.0\.0\.1/32' "$hba"; then
    echo "replica.sh: adding 'host replication postgres 127.0.0.1/32 trust' to $hba and reloading the primary" >&2
    printf '\n# scripts/replica.sh: local streaming replicas (trust, as the other local lines)\nhost replication postgres 127.0.0.1/32 trust\n' >>"$hba"
  fi
  primary_sql "SELECT pg_reload_conf()" >/dev/null
  for _ in $(seq 1 20); do
    psql "host=$primary_host port=$primary_port user=postgres replication=true" -XAtqc "IDENTIFY_SYSTEM" >/dev/null 2>&1 && return
    sleep 0.25
  done
  die "the primary still refuses replication connections from 127.0.0.1; check $hba"
}

# Settings a hot standby must have at least as high as its primary's, or it refuses to start.
standby_floor_settings() {
  primary_sql "SELECT string_agg(name || ' = ' || setting, E'\n' ORDER BY name) FROM pg_settings
    WHERE name IN ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')"
}

base_backup() {
  [ ! -e "$dir" ] || [ -z "$(ls -A "$dir" 2>/dev/null)" ] ||
    die "$dir exists and is not a replica data directory (no standby.signal); remove it or pass another --dir"
  # A slot left by an earlier replica whose directory is gone: its WAL is of no use to a new copy.
  primary_sql "SELECT pg_drop_replication_slot('$slot') FROM pg_replication_slots WHERE slot_name = '$slot' AND NOT active" >/dev/null
  mkdir -p "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$dir"
  chmod 700 "$dir"
  echo "replica.sh: copying the primary (pg_basebackup, slot $slot) into $dir" >&2
  as_postgres "$PG_BIN/pg_basebackup" -h "$primary_host" -p "$primary_port" -U postgres -D "$dir" \
    -R -X stream -C -S "$slot" --checkpoint=fast >&2
  # The Debian cluster keeps its configuration in /etc, so the copy has none of its own.
  as_postgres tee "$dir/postgresql.conf" >/dev/null <<EOF
# written by scripts/replica.sh: a hot standby of 127.0.0.1:$primary_port
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
cluster_name = 'credit-replica-$port'
hot_standby = on
# Short public reads; feedback keeps the primary's vacuum from cancelling them mid-flight.
hot_standby_feedback = on
$(standby_floor_settings)
EOF
  as_postgres tee "$dir/pg_hba.conf" >/dev/null <<'EOF'
local all all trust
host all all 127.0.0.1/32 trust
EOF
}

start() {
  if replica_running; then
    [ "$(replica_sql 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ] || die "a server runs in $dir but is not in recovery"
    echo "replica.sh: already running on port $port" >&2
    echo "$url"
    return
  fi
  "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$port" -q && die "port $port is taken by another server"
  check_primary
  [ -f "$dir/standby.signal" ] || base_backup
  as_postgres "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >&2 ||
    die "the replica did not start; see $dir/server.log"
  for _ in $(seq 1 60); do
    [ "$(replica_sql 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ] && break
    sleep 0.5
  done
  [ "$(replica_sql 'SELECT pg_is_in_recovery()')" = t ] || die "the replica accepts connections but is not in recovery"
  echo "replica.sh: streaming replica of 127.0.0.1:$primary_port on port $port ($dir)" >&2
  echo "$url"
}

stop() {
  if replica_running; then as_postgres "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >&2; fi
  if [ -f "$dir/standby.signal" ]; then rm -rf "$dir"; fi
  if "$PG_BIN/pg_isready" -h "$primary_host" -p "$primary_port" -q; then
    # The primary's WAL sender may outlive the replica by a moment; the slot is busy until it exits.
    for _ in $(seq 1 40); do
      primary_sql "SELECT pg_drop_replication_slot('$slot') FROM pg_replication_slots WHERE slot_name = '$slot' AND NOT active" >/dev/null
      [ "$(primary_sql "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '$slot'")" = 0 ] && break
      sleep 0.25
    done
    [ "$(primary_sql "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '$slot'")" = 0 ] ||
      echo "replica.sh: slot $slot is still in use on the primary; drop it with pg_drop_replication_slot('$slot')" >&2
  fi
  echo "replica.sh: replica on port $port stopped and removed" >&2
}

status() {
  if ! replica_running; then echo "stopped (no replica server in $dir)"; return 3; fi
  echo "running on port $port, in recovery: $(replica_sql 'SELECT pg_is_in_recovery()'), replay paused: $(replica_sql 'SELECT pg_is_wal_replay_paused()')"
  primary_sql "SELECT 'primary sees ' || application_name || ': ' || state || ', replay lag ' || coalesce(replay_lag::text, '0')
      || ', ' || pg_wal_lsn_diff(pg_current_wal_flush_lsn(), replay_lsn) || ' bytes behind'
    FROM pg_stat_replication WHERE application_name = 'credit-replica-$port'"
  echo "$url"
}

case $command in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
