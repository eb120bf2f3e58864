-- Columns in index order, joined by underscores.
CREATE INDEX CONCURRENTLY ix_orders_customer_id_created_at ON app.orders (customer_id, created_at);
