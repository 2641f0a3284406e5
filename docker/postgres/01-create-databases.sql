-- Runs once, on the first start of an empty data volume (postgres image /docker-entrypoint-initdb.d).
-- The primary database and the append-only audit database of the certification service (SYSTEM.md).
-- Tables, roles and the append-only triggers come from the migrations (the compose "migrate" service).
CREATE DATABASE oversing;
CREATE DATABASE runcible_audit;
