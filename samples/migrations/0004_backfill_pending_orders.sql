SET lock_timeout = '2s';

-- "= NULL" is never true: this updates nothing.
UPDATE orders SET status = 'pending' WHERE status = NULL;
