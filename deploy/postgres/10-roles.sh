#!/bin/sh
# docker-entrypoint-initdb.d hook: creates the two service roles in the new database and sets their
# passwords from the environment (see docker-compose.yml). Runs once, when the data volume is new.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -f /docker-entrypoint-initdb.d/roles.sql.in
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v command_password="$TIEKARTTA_COMMAND_DB_PASSWORD" -v query_password="$TIEKARTTA_QUERY_DB_PASSWORD" <<'SQL'
ALTER ROLE tiekartta_command PASSWORD :'command_password';
ALTER ROLE tiekartta_query PASSWORD :'query_password';
SQL
