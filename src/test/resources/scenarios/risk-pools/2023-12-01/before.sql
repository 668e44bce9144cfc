UPDATE pool_balance SET closed = TRUE WHERE pool_month = '2023-11';
