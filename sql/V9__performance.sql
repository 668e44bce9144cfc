-- Performance (issue 8): a million sessions a night.
--
-- 1. Sessions are written straight into broadcast_session while broadcasts.csv is read, instead of
--    through a staging copy that the apply step copied and deleted: at a million rows a night that
--    copy was two more passes over the day. Until the input gate passes, nothing reads the
--    sessions of a business date that is not complete (claims read only the run's own date, after
--    the gate; baselines and redelivery checks read earlier dates only), and broadcast_session is
--    not an output table (data_reader does not read it). A restaged file removes the date's
--    sessions first, as it removed its staging rows before.
-- 2. account_day_total: per account, end date and ingesting run, the sessions and GMV, written
--    when a day's input is applied. A growth baseline sums at most baseline_days of these rows per
--    account instead of every session of 28 days.
-- 3. claim_baseline: the baselines of a run, computed set-based once before claims are derived,
--    joined by primary key while they are derived.

DROP TABLE stg_broadcast;

CREATE TABLE ingest_redelivery (
  business_date  DATE        NOT NULL COMMENT 'Nightly run whose broadcasts.csv delivered the session again',
  session_id     VARCHAR(64) NOT NULL COMMENT 'Session an earlier run had already ingested (broadcast_session keeps that first delivery)',
  line_number    INT         NOT NULL COMMENT 'Line of broadcasts.csv',
  PRIMARY KEY (business_date, session_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Sessions delivered again after an earlier run ingested them: ignored and counted (SPEC §3).';

CREATE TABLE account_day_total (
  account_id     VARCHAR(64) NOT NULL COMMENT 'Account that broadcast',
  end_date       DATE        NOT NULL COMMENT 'Asia/Shanghai date the sessions ended',
  business_date  DATE        NOT NULL COMMENT 'Nightly run that ingested them',
  sessions       INT         NOT NULL COMMENT 'Sessions of the account that ended on end_date, ingested by that run',
  gmv_fen        BIGINT      NOT NULL COMMENT 'Their total GMV, fen',
  PRIMARY KEY (account_id, end_date, business_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='broadcast_session summed per account, end date and run, written when a run applies its input; growth baselines read it.';

INSERT INTO account_day_total (account_id, end_date, business_date, sessions, gmv_fen)
SELECT account_id, end_date, business_date, COUNT(*), SUM(gmv_fen)
FROM broadcast_session
GROUP BY account_id, end_date, business_date;

CREATE TABLE claim_baseline (
  business_date  DATE        NOT NULL COMMENT 'Nightly run whose growth claims were compared against it',
  account_id     VARCHAR(64) NOT NULL COMMENT 'Account with sessions on that run',
  sessions       INT         NOT NULL COMMENT 'Sessions stored by earlier runs that ended in the baseline window (the baseline_days days before the run''s date)',
  gmv_fen        BIGINT      NOT NULL COMMENT 'Their total GMV, fen; the baseline is gmv_fen / sessions (SPEC §2.4)',
  PRIMARY KEY (business_date, account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Growth baselines per run and account (accounts without earlier sessions in the window have no row).';

-- Claims read the run's sessions account by account: one index serves the filter on the run and
-- that order, so the read starts from the run's rows instead of every account's history. The
-- per-account index over all history goes: baselines read account_day_total, and the rare lookup
-- of an account's last stored session goes through account_day_total to this index. Each
-- secondary index costs every one of a million inserts a night.
ALTER TABLE broadcast_session
  DROP INDEX session_day_order,
  DROP INDEX session_account_end,
  ADD INDEX session_day_account (business_date, account_id, ended_at, session_id);
