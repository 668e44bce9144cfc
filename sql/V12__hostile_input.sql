-- Hostile input, round two (docs/reliability.md).
--
-- 1. GMV sums are exact DECIMAL: a row carries at most 10^13 fen (CsvRow.MAX_AMOUNT), and the sums
--    of any number of such rows fit, so no sum can overflow whatever a file holds.
ALTER TABLE account_day_total
  MODIFY gmv_fen DECIMAL(30,0) NOT NULL COMMENT 'Their total GMV, fen (exact: a sum of rows of at most 10^13 fen each)';
ALTER TABLE claim_baseline
  MODIFY gmv_fen DECIMAL(30,0) NOT NULL COMMENT 'Their total GMV, fen; the baseline is gmv_fen / sessions (SPEC §2.4)';

-- 2. A session delivered again with other values than its first delivery: the first stays (earlier
--    nights decided on it); the redelivery is flagged and counted, and the run warns.
ALTER TABLE ingest_redelivery
  ADD COLUMN differs BOOLEAN NOT NULL DEFAULT FALSE
    COMMENT 'The redelivered row says something else than the first delivery kept in broadcast_session';
ALTER TABLE ingest_file
  ADD COLUMN rows_redelivered_changed INT NULL
    COMMENT 'Of rows_redelivered, those whose values differ from the first delivery (broadcasts.csv only)';

-- 3. The volume gate (IngestProperties.Volume): what each file was measured against, and whether
--    the operator accepted a low count for the run (nightly --accept-low-volume).
ALTER TABLE ingest_file
  ADD COLUMN trailing_median_rows INT NULL
    COMMENT 'Median rows_read of this file over its last 7 nights, as the volume gate saw it (null: not checked)',
  ADD COLUMN low_volume_accepted BOOLEAN NOT NULL DEFAULT FALSE
    COMMENT 'The file had fewer rows than the volume gate expects and the operator accepted the day (--accept-low-volume)';
