-- Least privilege in the database (docs/SECURITY.md): each service logs in with its own role.
--   tiekartta_command  owns schema event_store: appends events, keeps idempotency keys.
--   tiekartta_query    owns schema read_model (read models, its token store) and may only READ event_store.
-- Run once per database, as a superuser, before the services start. Idempotent: safe to run again.
-- Passwords are set outside this file (10-roles.sh in docker-compose; trust auth needs none).

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tiekartta_command') THEN
        CREATE ROLE tiekartta_command LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tiekartta_query') THEN
        CREATE ROLE tiekartta_query LOGIN;
    END IF;
END
$$;

-- Nobody else creates objects in this database's public schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA IF NOT EXISTS event_store AUTHORIZATION tiekartta_command;
CREATE SCHEMA IF NOT EXISTS read_model AUTHORIZATION tiekartta_query;
-- A rebuild builds the new read model beside the one in use and moves the old tables aside when it switches
-- (docs/RELIABILITY.md, "Rebuilding the read model"); the query role may not create schemas, so they are made here.
CREATE SCHEMA IF NOT EXISTS read_model_build AUTHORIZATION tiekartta_query;
CREATE SCHEMA IF NOT EXISTS read_model_retired AUTHORIZATION tiekartta_query;

-- The query-service reads the event store: the tables that exist now and those the command-service's
-- migrations create later. It may not write there, nor read or write anything else of the command side.
GRANT USAGE ON SCHEMA event_store TO tiekartta_query;
GRANT SELECT ON ALL TABLES IN SCHEMA event_store TO tiekartta_query;
ALTER DEFAULT PRIVILEGES FOR ROLE tiekartta_command IN SCHEMA event_store GRANT SELECT ON TABLES TO tiekartta_query;
