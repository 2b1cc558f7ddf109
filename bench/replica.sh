#!/usr/bin/env bash
# A real streaming replica of the local PostgreSQL, for the replica-router test
# and benchmarks:  bench/replica.sh start|stop|status
#
# start: pg_basebackup -R from the primary (127.0.0.1:5432) into a throwaway
#        directory and run a hot standby on REPLICA_PORT (5433) as the postgres
#        user; reuses a replica of this primary that is already running
#        (one of another primary left on the port is replaced). Prints its URL.
# stop:  fast shutdown and remove the directory.
# check: exit 2 with the reason when this machine cannot run one.
#
# PRIMARY_HOST may be a socket folder (the embedded server's); PG_BIN and
# PG_USER name the programs of the primary's major version and the system
# user that runs them (tests/databases.py works them out for the test).
#
# The primary must let 127.0.0.1 connect for replication without a password;
# when its pg_hba.conf does not, start puts "host replication all 127.0.0.1/32
# trust" on the first line and reloads the primary with pg_reload_conf() - a
# reload, never a restart. wal_level=replica and max_wal_senders>0 are the
# PostgreSQL defaults and are only checked.
set -euo pipefail

PRIMARY_HOST=${PRIMARY_HOST:-127.0.0.1}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
REPLICA_PORT=${REPLICA_PORT:-5433}
REPLICA_DIR=${REPLICA_DIR:-/tmp/newsportal-replica-$REPLICA_PORT}
# Debian keeps pg_ctl out of PATH, under the server's versioned directory.
PG_BIN=${PG_BIN:-$(dirname "$(readlink -f "$(command -v pg_ctl || ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1 || true)")")}
PG_USER=${PG_USER:-postgres}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}
psql_primary() {
    "$PG_BIN/psql" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -d postgres -XAtqc "$1"
}
url() { echo "postgres://postgres@127.0.0.1:$REPLICA_PORT/"; }

psql_replica() {
    "$PG_BIN/psql" -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -d postgres -XAtqc "$1"
}
# A standby on the port: ours, or one left there for another primary (say a
# run against the machine's PostgreSQL before one against the embedded one).
answering() {
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$REPLICA_PORT" && [ "$(psql_replica 'select pg_is_in_recovery()')" = t ]
}
# A standby of this primary: a copy of the same cluster (same system identifier).
running() {
    local identifier="select system_identifier from pg_control_system()"
    answering && [ "$(psql_replica "$identifier")" = "$(psql_primary "$identifier")" ]
}

allow_replication() {
    local hba method
    # A socket folder: the embedded server trusts local replication (initdb --auth=trust).
    [[ $PRIMARY_HOST != /* ]] || return 0
    hba=$(psql_primary "show hba_file")
    # The first replication rule that matches 127.0.0.1 decides; "all" in the
    # database column does not cover replication connections.
    method=$(psql_primary "select auth_method from pg_hba_file_rules where type = 'host'
        and 'replication' = any(database) and address in ('127.0.0.1', 'all', 'samehost')
        and error is null order by line_number limit 1")
    if [ "$method" != trust ]; then
        echo "replica: allowing replication from 127.0.0.1 in $hba (first line; reload only)" >&2
        sed -i '1i # newsportal bench/replica.sh: a streaming replica on this machine\nhost replication all 127.0.0.1/32 trust' "$hba"
        psql_primary "select pg_reload_conf()" >/dev/null
        sleep 1
    fi
    [ "$(psql_primary 'show wal_level')" != minimal ] || { echo "replica: primary has wal_level=minimal" >&2; exit 1; }
}

# Exit 2 (and say why) when this machine cannot run a replica at all.
check() {
    [ -x "$PG_BIN/pg_ctl" ] || { echo "pg_ctl not found (PG_BIN=$PG_BIN)"; exit 2; }
    [ -x "$PG_BIN/pg_basebackup" ] || { echo "pg_basebackup not found in $PG_BIN"; exit 2; }
    [ "$(id -u)" = 0 ] || [ "$(id -un)" = "$PG_USER" ] || { echo "needs root or the $PG_USER user"; exit 2; }
    "$PG_BIN/pg_isready" -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" || { echo "no PostgreSQL on $PRIMARY_HOST:$PRIMARY_PORT"; exit 2; }
}

start() {
    if running; then url; return; fi
    if answering; then
        echo "replica: the standby on port $REPLICA_PORT copies another primary; replacing it" >&2
        stop
    fi
    check >&2
    allow_replication
    rm -rf "$REPLICA_DIR"
    install -d -o "$PG_USER" -g "$(id -gn "$PG_USER")" -m 700 "$REPLICA_DIR"
    as_postgres "$PG_BIN/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres \
        -D "$REPLICA_DIR/data" -R -X stream -c fast >&2
    # Debian keeps the configuration in /etc, so the copy has none of its own.
    # A hot standby needs max_connections and friends >= the primary's.
    local limits=""
    for name in max_connections max_worker_processes max_wal_senders max_prepared_transactions max_locks_per_transaction; do
        limits+="$name = $(psql_primary "show $name")"$'\n'
    done
    as_postgres tee "$REPLICA_DIR/data/postgresql.conf" >/dev/null <<EOF
port = $REPLICA_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$REPLICA_DIR'
shared_buffers = 32MB
hot_standby = on
hot_standby_feedback = on
$limits
EOF
    as_postgres tee "$REPLICA_DIR/data/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
    as_postgres touch "$REPLICA_DIR/data/pg_ident.conf"
    as_postgres "$PG_BIN/pg_ctl" -D "$REPLICA_DIR/data" -l "$REPLICA_DIR/postgres.log" -w -t 180 start >&2
    running || { echo "replica: did not come up, see $REPLICA_DIR/postgres.log" >&2; exit 1; }
    url
}

stop() {
    # By its pid file, not pg_ctl: the standby may be of another major version
    # than PG_BIN's programs. SIGINT is PostgreSQL's fast shutdown.
    local pid_file="$REPLICA_DIR/data/postmaster.pid"
    if [ -f "$pid_file" ]; then
        kill -INT "$(head -1 "$pid_file")" 2>/dev/null || true
        for _ in $(seq 60); do [ -f "$pid_file" ] || break; sleep 0.5; done
    fi
    rm -rf "$REPLICA_DIR"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
check) check ;;
status) if running; then echo "replica streaming on port $REPLICA_PORT"; else echo "no replica on port $REPLICA_PORT"; exit 1; fi ;;
*) echo "usage: $0 start|stop|status|check" >&2; exit 64 ;;
esac
