-- The safe form: CONCURRENTLY takes no lock that blocks writes, and runs outside any transaction block.
CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON customers (lower(email));
