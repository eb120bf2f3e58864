-- The schema that the Non-compliant examples of the docs/rules/PG1xxx pages run against in
-- DocsExampleHazardServerTests: every table, index, type and function those examples name,
-- with rows, so that scans, validations and rewrites have data to work on.

CREATE DOMAIN email_address AS text;

CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    contact_email email_address
);
INSERT INTO customers SELECT g, 'customer' || g || '@example.com', 'contact' || g || '@example.com' FROM generate_series(1, 50) AS g;

CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL,
    status varchar(20) DEFAULT 'new',
    total numeric(12, 2) NOT NULL,
    quantity integer NOT NULL DEFAULT 1,
    number bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    paid_at timestamptz NOT NULL,
    legacy_flag boolean
);
CREATE INDEX orders_created_at_idx ON orders (created_at);
CREATE INDEX orders_status_idx ON orders (status);
INSERT INTO orders (id, customer_id, total, number, created_at, paid_at)
SELECT g, g % 50 + 1, g * 1.5, 100000 + g, timestamptz '2024-01-01' + g * interval '1 hour', timestamptz '2024-01-02' + g * interval '1 hour'
FROM generate_series(1, 200) AS g;

CREATE TABLE legacy_orders (
    id bigint PRIMARY KEY,
    total numeric(12, 2)
);
INSERT INTO legacy_orders SELECT g, g FROM generate_series(1, 50) AS g;

CREATE TABLE order_events (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL,
    kind text NOT NULL
);
INSERT INTO order_events SELECT g, g % 200 + 1, 'created' FROM generate_series(1, 100) AS g;

CREATE TABLE page_views (
    id bigint PRIMARY KEY,
    path text NOT NULL,
    viewed_at timestamptz NOT NULL
);
INSERT INTO page_views SELECT g, '/page/' || g, timestamptz '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 100) AS g;

CREATE TABLE bookings (
    id bigint PRIMARY KEY,
    room_id bigint NOT NULL,
    during tstzrange NOT NULL
);
INSERT INTO bookings
SELECT g, g % 5, tstzrange(timestamptz '2024-01-01' + g * interval '1 day', timestamptz '2024-01-01' + (g + 1) * interval '1 day')
FROM generate_series(1, 60) AS g;

-- A partitioned table with its 2023 partition attached, and the 2024 one filled but not attached yet.
CREATE TABLE events (
    id bigint NOT NULL,
    created_at timestamptz NOT NULL,
    kind text NOT NULL,
    payload text,
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
INSERT INTO events SELECT g, timestamptz '2023-01-01' + g * interval '1 day', 'click', 'event ' || g FROM generate_series(1, 300) AS g;
CREATE TABLE events_2024 (
    id bigint NOT NULL,
    created_at timestamptz NOT NULL,
    kind text NOT NULL,
    payload text,
    PRIMARY KEY (id, created_at)
);
INSERT INTO events_2024 SELECT g, timestamptz '2024-01-01' + g * interval '1 day', 'view', 'event ' || g FROM generate_series(1, 300) AS g;

-- A table whose unique index is meant to become its primary key; id has no NOT NULL yet.
CREATE TABLE payments (
    id bigint,
    order_id bigint NOT NULL,
    amount numeric(12, 2) NOT NULL
);
CREATE UNIQUE INDEX payments_id_key ON payments (id);
INSERT INTO payments SELECT g, g, g * 1.5 FROM generate_series(1, 100) AS g;

-- A plain table that changes storage (PG1029); columnar is a second name for the heap access
-- method here, so that the statement runs on a server without a columnar extension.
CREATE TABLE event_log (
    id bigint PRIMARY KEY,
    logged_at timestamptz NOT NULL,
    message text
);
INSERT INTO event_log SELECT g, timestamptz '2024-01-01' + g * interval '1 minute', 'message ' || g FROM generate_series(1, 100) AS g;
CREATE ACCESS METHOD columnar TYPE TABLE HANDLER heap_tableam_handler;

CREATE MATERIALIZED VIEW order_totals AS
SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;

CREATE TABLE settings (
    key text PRIMARY KEY,
    value text NOT NULL
);

CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RETURN NEW;
END
$$;

CREATE SCHEMA billing;
CREATE TABLE billing.invoices (
    id bigint PRIMARY KEY,
    total numeric(12, 2)
);
