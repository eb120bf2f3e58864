-- orders was created by an earlier migration: it may hold millions of rows by now.
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
