#!/usr/bin/env bash
# Starts Debian's PostgreSQL on this machine (installing it if missing) and creates the office's two roles and
# its database. Prints the environment to run the office or the test suite on it:
#   eval "$(scripts/postgres-local.sh)" && npm test
# office_owner owns the schema and runs migrations; office_app is the login the servers use (not the owner,
# so row-level security binds it). The database uses the C collation, so text sorts as on SQLite.
set -euo pipefail
DB="${OFFICE_PG_DB:-office}"
PASSWORD="${OFFICE_PG_PASSWORD:-office-local}"

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
VERSION="$(pg_lsclusters -h | awk 'NR==1 {print $1}')"
CLUSTER="$(pg_lsclusters -h | awk 'NR==1 {print $2}')"
if [ -z "$VERSION" ]; then
  VERSION="$(ls /usr/lib/postgresql | sort -V | tail -1)"
  CLUSTER=main
  pg_createcluster "$VERSION" "$CLUSTER" >&2
fi
pg_ctlcluster "$VERSION" "$CLUSTER" start >&2 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt $*" >&2; }
psql_admin "-c \"DO \\\$\\\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'office_owner') THEN CREATE ROLE office_owner LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'office_app') THEN CREATE ROLE office_app LOGIN; END IF;
END \\\$\\\$;\""
psql_admin "-c \"ALTER ROLE office_owner PASSWORD '$PASSWORD'\" -c \"ALTER ROLE office_app PASSWORD '$PASSWORD' NOSUPERUSER NOBYPASSRLS\""
if ! su postgres -c "psql -qAt -c \"SELECT 1 FROM pg_database WHERE datname = '$DB'\"" | grep -q 1; then
  psql_admin "-c \"CREATE DATABASE \\\"$DB\\\" OWNER office_owner TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'\""
fi
# The app role needs nothing at database level but CONNECT; the owner grants it the tables after each migration.
psql_admin "-c \"REVOKE CREATE ON SCHEMA public FROM PUBLIC\" -d \"$DB\""
psql_admin "-c \"ALTER SCHEMA public OWNER TO office_owner\" -d \"$DB\""

echo "export DATABASE_URL=postgres://office_app:$PASSWORD@localhost:5432/$DB"
echo "export DATABASE_ADMIN_URL=postgres://office_owner:$PASSWORD@localhost:5432/$DB"
