-- Least privilege (SPEC §4: a data_reader role; README "Reliability and security").
--
-- Two roles; users are the operator's (a password never lives in sql/):
--   incentive_batch  what the jobs need at run time: reading and writing rows of this database,
--                    nothing else. No DDL: with incentive.schema.migrate=false the jobs only check
--                    that the schema is current, and `migrate` (run as the schema owner) applies
--                    the migrations.
--   data_reader      SELECT on the output tables of SPEC §4 and nothing else: not the inputs,
--                    not the Spring Batch (BATCH_*) or Quartz (QRTZ_*) tables.
--
-- Roles are server-wide; the grants below name tables of the database this migration runs in
-- (unqualified names and ON * mean the current database). Give them to users with, e.g.:
--   CREATE USER 'incentive'@'%' IDENTIFIED BY '…';  GRANT incentive_batch TO 'incentive'@'%';
--   MariaDB: SET DEFAULT ROLE incentive_batch FOR 'incentive'@'%';
--   MySQL 8: SET DEFAULT ROLE incentive_batch TO 'incentive'@'%';

CREATE ROLE IF NOT EXISTS incentive_batch;
GRANT SELECT, INSERT, UPDATE, DELETE ON * TO incentive_batch;

CREATE ROLE IF NOT EXISTS data_reader;
GRANT SELECT ON coupon_grant TO data_reader;
GRANT SELECT ON coupon_clawback TO data_reader;
GRANT SELECT ON account_status TO data_reader;
GRANT SELECT ON pool_balance TO data_reader;
GRANT SELECT ON benchmark_event_outcome TO data_reader;
GRANT SELECT ON rejected_input TO data_reader;
GRANT SELECT ON notification TO data_reader;
GRANT SELECT ON notification_batch TO data_reader;
GRANT SELECT ON daily_summary TO data_reader;
GRANT SELECT ON monthly_summary TO data_reader;
-- the view over them that answers "what is left of each grant" (SQL SECURITY DEFINER: the reader
-- sees through it what it shows, not the tables behind it)
GRANT SELECT ON grant_balance TO data_reader;
