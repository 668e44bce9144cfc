-- Performance at scale (issue 18): a night of a million sessions over 28 days of history in under
-- a minute, and linear to three million.
--
-- broadcast_session is clustered by (business_date, account_id, end_date, ended_at, session_id)
-- instead of by session_id. Everything a night reads of it is the run's own date, in account
-- order: the apply step's per-account day totals and latest ends, the growth baselines' accounts,
-- claim derivation, benchmark matching. Clustered by session_id, each of those read a million rows
-- through a secondary index and a lookup per row, scattered over the whole table, which with
-- 28 days of history no longer fits in a 4 GB buffer pool (the server even preferred a full scan
-- for the day totals). Clustered by date, a run's sessions are one contiguous range, written at
-- the end of the table and read in order without lookups. end_date (the Asia/Shanghai date of
-- ended_at, so the order is the same as by ended_at) comes before ended_at so that the day totals
-- group in index order, without a temporary table.
--
-- session_id stays unique (a session is ingested once, SPEC §3) through its own index, which is
-- all a lookup by id needs (redeliveries, messages, explain): a third of the table's size, so it
-- stays in memory where the table does not. The former secondary index is the primary key now.
-- The change rebuilds the table once (minutes at tens of millions of rows).

ALTER TABLE broadcast_session
  DROP PRIMARY KEY,
  DROP INDEX session_day_account,
  ADD PRIMARY KEY (business_date, account_id, end_date, ended_at, session_id),
  ADD UNIQUE KEY session_id (session_id);
