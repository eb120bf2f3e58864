-- An unnamed index gets a name PostgreSQL picks.
[|CREATE UNIQUE INDEX ON app.customers (email)|];
