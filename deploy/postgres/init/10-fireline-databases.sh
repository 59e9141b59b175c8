#!/bin/bash
# Runs once, when the postgres container initialises an empty data directory
# (files in /docker-entrypoint-initdb.d are ignored on later starts).
#
# One PostgreSQL server hosts both:
#   - Temporal:  role "temporal", databases "temporal" and "temporal_visibility"
#                (schemas are installed by the temporal-schema service)
#   - Fireline:  role "fireline", database "fireline"
#                (tables are created by the apps' Flyway migrations)
#
# Passwords come from the container environment (see docker-compose.yml).
set -euo pipefail

: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD must be set}"
: "${FIRELINE_DB_PASSWORD:?FIRELINE_DB_PASSWORD must be set}"

psql -v ON_ERROR_STOP=1 \
     --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     --set temporal_password="$TEMPORAL_DB_PASSWORD" \
     --set fireline_password="$FIRELINE_DB_PASSWORD" <<'EOSQL'
-- Temporal. CREATEDB lets temporal-sql-tool's (idempotent) "create" step run.
CREATE ROLE temporal WITH LOGIN CREATEDB PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;

-- Fireline.
CREATE ROLE fireline WITH LOGIN PASSWORD :'fireline_password';
CREATE DATABASE fireline OWNER fireline;
EOSQL

# Temporal's PostgreSQL visibility schema uses btree_gin; install it up front
# as the superuser so the schema setup never depends on extension privileges.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname temporal_visibility \
     -c 'CREATE EXTENSION IF NOT EXISTS btree_gin;'

echo "fireline init: roles temporal/fireline and databases temporal, temporal_visibility, fireline created"
