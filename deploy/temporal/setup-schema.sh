#!/bin/sh
# One-shot (temporal-schema service, temporalio/admin-tools image):
# creates/updates the Temporal persistence and visibility schemas on
# PostgreSQL. Idempotent: on an existing database "create" is a no-op,
# "setup-schema -v 0.0" skips when a newer version is recorded and
# "update-schema" only applies missing versions (so upgrading the Temporal
# image tag upgrades the schema on the next `docker compose up`).
#
# Connection settings come from SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD
# and SQL_PLUGIN (read by temporal-sql-tool itself).
set -eu

SCHEMA_DIR=/etc/temporal/schema/postgresql/v12
DBNAME=${DBNAME:-temporal}
VISIBILITY_DBNAME=${VISIBILITY_DBNAME:-temporal_visibility}

echo "Waiting for PostgreSQL at ${SQL_HOST}:${SQL_PORT}..."
i=0
until nc -z -w 5 "$SQL_HOST" "$SQL_PORT"; do
  i=$((i + 1))
  if [ "$i" -ge 60 ]; then
    echo "PostgreSQL is not reachable" >&2
    exit 1
  fi
  sleep 2
done

echo "Setting up database ${DBNAME}..."
temporal-sql-tool --db "$DBNAME" create
temporal-sql-tool --db "$DBNAME" setup-schema -v 0.0
temporal-sql-tool --db "$DBNAME" update-schema -d "$SCHEMA_DIR/temporal/versioned"

echo "Setting up database ${VISIBILITY_DBNAME}..."
temporal-sql-tool --db "$VISIBILITY_DBNAME" create
temporal-sql-tool --db "$VISIBILITY_DBNAME" setup-schema -v 0.0
temporal-sql-tool --db "$VISIBILITY_DBNAME" update-schema -d "$SCHEMA_DIR/visibility/versioned"

echo "Temporal schema setup complete"
