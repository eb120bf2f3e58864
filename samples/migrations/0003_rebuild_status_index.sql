SET lock_timeout = '2s';

BEGIN;
-- CONCURRENTLY cannot run inside a transaction block: PostgreSQL rejects this.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
COMMIT;

DROP INDEX orders_created_at_idx;
