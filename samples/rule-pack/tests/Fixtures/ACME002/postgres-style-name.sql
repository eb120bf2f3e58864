-- PostgreSQL's own naming convention is not ours.
[|CREATE INDEX orders_customer_id_idx ON app.orders (customer_id)|];
