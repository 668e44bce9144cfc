-- Fidelity (SPEC §2.3, §2.5, §2.7, §3, §4): upstream data as it really arrives. Conventions as in V3.
--
-- 1. History of every snapshot: brand_history, account_history, store_risk_history and
--    benchmark_event_history keep each version of an entity's values with the business dates it
--    held, written in the apply step's transaction together with the snapshot upsert. The state
--    of business date X is the row with valid_from <= X AND (valid_to IS NULL OR valid_to >= X).
--    An entity missing from a day's snapshot keeps its values (SPEC §2.7): its row stays open.
--    A new row starts only when a snapshot carries different values. Rows for data that existed
--    before this migration start on the snapshot_date that last listed them (earlier values
--    were not kept).
-- 2. account_last_broadcast: what is known of each account's last broadcast, so that the cold
--    start rule finds the previous broadcast of a late session without reading all history.
-- 3. Usage: the figure delivered is kept beside the figure counted (capped at what a grant has
--    left, never going down); coupon_usage_adjustment records each delivery that was not taken
--    as it came, for finance.

CREATE TABLE brand_history (
  brand_id            VARCHAR(64)  NOT NULL COMMENT 'Brand id from brands.csv',
  brand_name          VARCHAR(255) NOT NULL COMMENT 'Brand name as delivered',
  industry            VARCHAR(32)  NOT NULL COMMENT 'Industry code (§5.2.1)',
  has_brand_badge     BOOLEAN      NOT NULL COMMENT 'Brand holds the 视频号品牌标 badge (§一)',
  library_entry_date  DATE         NULL     COMMENT 'Date the brand entered the quality merchant library (§2.1); null if never',
  valid_from          DATE         NOT NULL COMMENT 'First business date whose brands.csv carried these values',
  valid_to            DATE         NULL     COMMENT 'Last business date these values held, inclusive (the day before a snapshot carried other values); null while current. A brand missing from a snapshot keeps its values',
  PRIMARY KEY (brand_id, valid_from),
  KEY brand_history_open (brand_id, valid_to)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Every version of every brand''s values, by business date: the state of date X is valid_from <= X AND (valid_to IS NULL OR valid_to >= X).';

CREATE TABLE account_history (
  account_id               VARCHAR(64) NOT NULL COMMENT 'Account id from accounts.csv',
  brand_id                 VARCHAR(64) NOT NULL COMMENT 'Brand the account belonged to',
  store_id                 VARCHAR(64) NULL     COMMENT 'Store it was bound to; null if unbound',
  last_broadcast_ended_at  DATETIME(6) NULL     COMMENT 'End of its last broadcast as that snapshot reported it, Asia/Shanghai',
  cold_start_used          BOOLEAN     NOT NULL COMMENT 'Had cold-start support before this system',
  valid_from               DATE        NOT NULL COMMENT 'First business date whose accounts.csv carried these values',
  valid_to                 DATE        NULL     COMMENT 'Last business date these values held, inclusive; null while current. An account missing from a snapshot keeps its values',
  PRIMARY KEY (account_id, valid_from),
  KEY account_history_open (account_id, valid_to)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Every version of every account''s values, by business date (see brand_history).';

CREATE TABLE store_risk_history (
  store_id         VARCHAR(64)    NOT NULL COMMENT 'Store id from store_risk.csv',
  store_status     VARCHAR(8)     NOT NULL COMMENT 'OPEN or CLOSED',
  refund_rate      DECIMAL(19,18) NOT NULL COMMENT 'Refund rate, 0..1, exact',
  complaint_count  INT            NOT NULL COMMENT 'Complaint count',
  valid_from       DATE           NOT NULL COMMENT 'First business date whose store_risk.csv carried these values',
  valid_to         DATE           NULL     COMMENT 'Last business date these values held, inclusive; null while current. A store missing from a day''s file keeps its values',
  PRIMARY KEY (store_id, valid_from),
  KEY store_risk_history_open (store_id, valid_to)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Every version of every store''s risk figures, by business date (see brand_history).';

CREATE TABLE benchmark_event_history (
  event_id          VARCHAR(64) NOT NULL COMMENT 'Benchmark case filing id',
  account_id        VARCHAR(64) NOT NULL COMMENT 'Account that will broadcast it',
  submitted_at      DATETIME(6) NOT NULL COMMENT 'When it was filed, Asia/Shanghai',
  planned_start_at  DATETIME(6) NOT NULL COMMENT 'Planned start, Asia/Shanghai',
  target_gmv_fen    BIGINT      NOT NULL COMMENT 'Target GMV, fen',
  review_status     VARCHAR(16) NOT NULL COMMENT 'PENDING, APPROVED or REJECTED',
  valid_from        DATE        NOT NULL COMMENT 'First business date whose benchmark_events.csv carried these values',
  valid_to          DATE        NULL     COMMENT 'Last business date these values held, inclusive; null while current. An event that left the snapshot keeps its last row open: benchmark_event_outcome says WITHDRAWN',
  PRIMARY KEY (event_id, valid_from),
  KEY benchmark_event_history_open (event_id, valid_to)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Every version of every benchmark event filing, by business date (see brand_history).';

INSERT INTO brand_history (brand_id, brand_name, industry, has_brand_badge, library_entry_date, valid_from)
SELECT brand_id, brand_name, industry, has_brand_badge, library_entry_date, snapshot_date FROM brand;
INSERT INTO account_history (account_id, brand_id, store_id, last_broadcast_ended_at, cold_start_used, valid_from)
SELECT account_id, brand_id, store_id, last_broadcast_ended_at, cold_start_used, snapshot_date FROM account;
INSERT INTO store_risk_history (store_id, store_status, refund_rate, complaint_count, valid_from)
SELECT store_id, store_status, refund_rate, complaint_count, as_of_date FROM store_risk;
INSERT INTO benchmark_event_history (event_id, account_id, submitted_at, planned_start_at, target_gmv_fen,
  review_status, valid_from)
SELECT event_id, account_id, submitted_at, planned_start_at, target_gmv_fen, review_status, snapshot_date
FROM benchmark_event;

CREATE TABLE account_last_broadcast (
  account_id                VARCHAR(64) NOT NULL COMMENT 'Account',
  snapshot_ended_at         DATETIME(6) NULL     COMMENT 'Latest last_broadcast_ended_at that any accounts.csv has carried for it',
  session_ended_at          DATETIME(6) NULL     COMMENT 'Latest ended_at of its sessions stored by any run',
  session_ended_before_run  DATETIME(6) NULL     COMMENT 'Latest ended_at of its sessions stored by the runs before run_date',
  run_date                  DATE        NULL     COMMENT 'Last run that stored sessions of the account',
  PRIMARY KEY (account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Latest broadcast end known per account, kept by the apply step (internal): the cold-start rule reads the previous broadcast here and in account_history.';

INSERT INTO account_last_broadcast (account_id, snapshot_ended_at)
SELECT account_id, last_broadcast_ended_at FROM account WHERE last_broadcast_ended_at IS NOT NULL;
CREATE TEMPORARY TABLE tmp_last_run AS
SELECT account_id, MAX(business_date) AS run_date, MAX(ended_at) AS ended_at FROM broadcast_session GROUP BY account_id;
CREATE TEMPORARY TABLE tmp_before_last_run AS
SELECT p.account_id, MAX(p.ended_at) AS ended_at FROM broadcast_session p
JOIN tmp_last_run r ON r.account_id = p.account_id AND p.business_date < r.run_date GROUP BY p.account_id;
INSERT INTO account_last_broadcast (account_id, session_ended_at, session_ended_before_run, run_date)
SELECT r.account_id, r.ended_at, b.ended_at, r.run_date
FROM tmp_last_run r LEFT JOIN tmp_before_last_run b ON b.account_id = r.account_id
ON DUPLICATE KEY UPDATE session_ended_at = r.ended_at, session_ended_before_run = b.ended_at, run_date = r.run_date;
DROP TEMPORARY TABLE tmp_last_run;
DROP TEMPORARY TABLE tmp_before_last_run;

ALTER TABLE coupon_usage
  MODIFY used_coupons INT NOT NULL COMMENT 'Coupons of the grant counted as used (cumulative): the figure delivered, capped at what the grant had that was neither clawed back nor expired, and never lower than before',
  ADD COLUMN reported_used_coupons INT NOT NULL DEFAULT 0 COMMENT 'used_coupons exactly as the latest coupon_usage.csv delivered it' AFTER used_coupons;
UPDATE coupon_usage SET reported_used_coupons = used_coupons;
ALTER TABLE coupon_usage ALTER COLUMN reported_used_coupons DROP DEFAULT;

ALTER TABLE coupon_usage_history
  MODIFY used_coupons INT NOT NULL COMMENT 'Coupons counted as used so far (cumulative; see coupon_usage.used_coupons)',
  ADD COLUMN reported_used_coupons INT NOT NULL DEFAULT 0 COMMENT 'used_coupons as that day''s coupon_usage.csv delivered it' AFTER used_coupons;
UPDATE coupon_usage_history SET reported_used_coupons = used_coupons;
ALTER TABLE coupon_usage_history ALTER COLUMN reported_used_coupons DROP DEFAULT;

CREATE TABLE coupon_usage_adjustment (
  grant_id               VARCHAR(80) NOT NULL COMMENT 'Grant whose usage row was not taken as delivered',
  business_date          DATE        NOT NULL COMMENT 'Nightly run whose coupon_usage.csv delivered it',
  kind                   VARCHAR(8)  NOT NULL COMMENT 'CAPPED: more used than the grant had left (granted - clawed back - expired), e.g. coupons spent just before a clawback and reported late: counted up to what was left. DECREASE: lower than the figure counted before (cumulative usage never goes down): the higher one stays',
  reported_used_coupons  INT         NOT NULL COMMENT 'used_coupons as delivered',
  counted_used_coupons   INT         NOT NULL COMMENT 'used_coupons counted after this delivery (coupon_usage.used_coupons)',
  usable_coupons         INT         NOT NULL COMMENT 'What the grant had that was neither clawed back nor expired when the row was applied',
  excess_coupons         INT         NOT NULL COMMENT 'CAPPED: reported - counted, the coupons used beyond what was left (for finance); DECREASE: 0',
  PRIMARY KEY (grant_id, business_date),
  KEY usage_adjustment_day (business_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Usage rows accepted but not taken as delivered (SPEC §2.7), one per grant and delivery: usage beyond what was left (the excess, for finance) and figures that went down.';

CREATE TABLE stg_coupon_usage_usable (
  business_date   DATE        NOT NULL,
  grant_id        VARCHAR(80) NOT NULL,
  usable_coupons  INT         NOT NULL,
  PRIMARY KEY (business_date, grant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Working table of the apply step (internal): what each grant of the day''s coupon_usage.csv had left before it';

ALTER TABLE violation
  MODIFY type VARCHAR(32) NOT NULL COMMENT 'COUNTERFEIT, CONTENT_VIOLATION, FAKE_FOLLOWERS, UNOFFICIAL_CLIENT, EMULATOR, PLUGIN, MULTI_ACCOUNT, DEVICE_TAMPERING, MALICIOUS_PROFITEERING, OTHER_FRAUD, COUPON_TRADING or OVER_PROMISING';

ALTER TABLE benchmark_event_outcome
  MODIFY outcome VARCHAR(16) NOT NULL COMMENT 'PENDING (valid, waiting for its session), WITHDRAWN (left the snapshot before an outcome), SETTLED (a claim was made), NOT_REACHED (matched, no milestone), INVALID_LATE (filed under min_lead_days ahead), NOT_APPROVED (review not APPROVED; final once its session was due), NO_SESSION (no eligible session in the window by the day after)',
  MODIFY final BOOLEAN NOT NULL COMMENT 'The outcome never changes again: SETTLED, NOT_REACHED, INVALID_LATE, NO_SESSION, and NOT_APPROVED once due. PENDING, WITHDRAWN and an early NOT_APPROVED are not final',
  COMMENT = 'What became of each benchmark event (§四): one row per event ever filed.';

GRANT SELECT ON brand_history TO data_reader;
GRANT SELECT ON account_history TO data_reader;
GRANT SELECT ON store_risk_history TO data_reader;
GRANT SELECT ON benchmark_event_history TO data_reader;
GRANT SELECT ON coupon_usage_adjustment TO data_reader;
