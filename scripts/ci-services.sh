#!/usr/bin/env bash
# CI services for warledger's tests: a local PostgreSQL with a `warledger` role and a
# `warledger_test` database owned by it, for the PostgreSQL half of the store contract suite.
#
#     eval "$(scripts/ci-services.sh)"     # then: make test
#
# Runs as root on Debian (12) with apt. Idempotent: installs PostgreSQL only when
# pg_ctlcluster is missing, starts the cluster only when it is down, creates the role and
# the database only when they do not exist. Progress goes to stderr; stdout carries nothing
# but the one `export WARLEDGER_TEST_PG_URL=...` line, so that it can be eval'ed.
set -euo pipefail

ROLE=warledger
DB=warledger_test
# A fixed, throwaway password: the server listens on localhost of a CI machine only.
PASSWORD="${WARLEDGER_PG_PASSWORD:-warledger-ci}"

log() { printf 'ci-services: %s\n' "$*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
    log "must run as root (it installs and starts PostgreSQL)"
    exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    log "installing PostgreSQL (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql >&2
fi

# The newest installed server version; Debian 12 ships 15, but take whatever is there.
VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if [ -z "$VERSION" ]; then
    log "no PostgreSQL server found under /usr/lib/postgresql"
    exit 1
fi

# The package creates the "main" cluster; a container image built without it may lack one.
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main"' | grep -q .; then
    log "creating cluster $VERSION/main"
    pg_createcluster "$VERSION" main >&2
fi

STATUS="$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $4}')"
PORT="$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $3}')"
if [ "$STATUS" = "online" ]; then
    log "cluster $VERSION/main already running on port $PORT"
else
    log "starting cluster $VERSION/main on port $PORT"
    # A stale "already running" race (another job started it meanwhile) is not an error.
    pg_ctlcluster "$VERSION" main start >&2 || pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $4}' | grep -q online
fi

for _ in $(seq 1 30); do
    if pg_isready -q -h 127.0.0.1 -p "$PORT"; then
        break
    fi
    sleep 1
done
if ! pg_isready -q -h 127.0.0.1 -p "$PORT"; then
    log "PostgreSQL did not accept connections on 127.0.0.1:$PORT"
    exit 1
fi

as_postgres() {
    # cd / first: postgres cannot read root's working directory, and psql would warn.
    (cd / && su postgres -s /bin/sh -c "psql -X -q -v ON_ERROR_STOP=1 -p $PORT $*")
}

log "ensuring role $ROLE and database $DB"
as_postgres >&2 <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ROLE') THEN
        CREATE ROLE $ROLE LOGIN;
    END IF;
END
\$\$;
ALTER ROLE $ROLE LOGIN PASSWORD '$PASSWORD';
SQL

if ! as_postgres "-tA -c \"SELECT 1 FROM pg_database WHERE datname = '$DB'\"" </dev/null | grep -q 1; then
    as_postgres "-c \"CREATE DATABASE $DB OWNER $ROLE\"" </dev/null >&2
fi
# The tests create (and drop) a scratch schema per test inside this database: the owner
# may, and needs nothing more (no superuser, no CREATEDB).
as_postgres "-d $DB -c \"ALTER DATABASE $DB OWNER TO $ROLE\"" </dev/null >&2

log "ready"
echo "export WARLEDGER_TEST_PG_URL=postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
