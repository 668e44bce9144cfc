-- Ingest: the day's extracts (SPEC §3) as the nightly job keeps them.
--
-- Conventions for every table of this schema:
--   * utf8mb4 with binary collation: ids compare byte for byte, case-sensitive, and sort the same
--     way in every run (first come first served breaks ties by session_id).
--   * timestamps are DATETIME(6) in Asia/Shanghai local time: an extract's offset is applied on
--     the way in, so a date taken from a column is the business date.
--   * money is BIGINT fen; counts are INT/BIGINT; rates are exact DECIMAL.
--   * business_date is the nightly run (the inbox folder) that delivered the row.
-- V1 and V2 (Spring Batch and Quartz tables) are Java migrations that apply the scripts shipped
-- in those libraries' jars; see src/main/java/.../db.

CREATE TABLE brand (
  brand_id            VARCHAR(64)  NOT NULL COMMENT 'Brand id from brands.csv',
  brand_name          VARCHAR(255) NOT NULL COMMENT 'Brand name as delivered',
  industry            VARCHAR(32)  NOT NULL COMMENT 'Industry code; only industries listed in the policy version take part (§5.2.1)',
  has_brand_badge     BOOLEAN      NOT NULL COMMENT 'Brand holds the 视频号品牌标 badge (§一); without it no claims',
  library_entry_date  DATE         NULL     COMMENT 'Date the brand entered the quality merchant library (cold start §2.1); null if never',
  snapshot_date       DATE         NOT NULL COMMENT 'Latest business date whose brands.csv listed this brand',
  PRIMARY KEY (brand_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Brands, latest full snapshot (brands.csv). A brand missing from a later snapshot keeps its last row.';

CREATE TABLE account (
  account_id               VARCHAR(64) NOT NULL COMMENT 'Channels (视频号) account id from accounts.csv',
  brand_id                 VARCHAR(64) NOT NULL COMMENT 'Brand the account belongs to',
  store_id                 VARCHAR(64) NULL     COMMENT 'Store (视频号小店) the account is bound to; null if unbound (no claims)',
  last_broadcast_ended_at  DATETIME(6) NULL     COMMENT 'End of the last broadcast before the snapshot date, Asia/Shanghai; used for dormancy (§2.1)',
  cold_start_used          BOOLEAN     NOT NULL COMMENT 'Had cold-start support before this system (§2.1 说明: once per account)',
  snapshot_date            DATE        NOT NULL COMMENT 'Latest business date whose accounts.csv listed this account',
  PRIMARY KEY (account_id),
  KEY account_brand (brand_id),
  KEY account_store (store_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Accounts, latest full snapshot (accounts.csv).';

CREATE TABLE store_risk (
  store_id         VARCHAR(64)     NOT NULL COMMENT 'Store id from store_risk.csv',
  store_status     VARCHAR(8)      NOT NULL COMMENT 'OPEN or CLOSED (§5.2.5: a closed store disqualifies its accounts)',
  refund_rate      DECIMAL(19,18)  NOT NULL COMMENT 'Latest refund rate, 0..1, exact (§5.2.4)',
  complaint_count  INT             NOT NULL COMMENT 'Latest complaint count (§5.2.4)',
  as_of_date       DATE            NOT NULL COMMENT 'Business date of the store_risk.csv that last carried this store',
  PRIMARY KEY (store_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Latest known risk figures per store: a store absent from a day''s file keeps its last values (SPEC §2.7).';

CREATE TABLE broadcast_session (
  session_id     VARCHAR(64) NOT NULL COMMENT 'Broadcast session id; a session is ingested once, redeliveries are ignored',
  account_id     VARCHAR(64) NOT NULL COMMENT 'Account that broadcast',
  started_at     DATETIME(6) NOT NULL COMMENT 'Start, Asia/Shanghai',
  ended_at       DATETIME(6) NOT NULL COMMENT 'End, Asia/Shanghai; the claim time of its claims (first come first served)',
  end_date       DATE        NOT NULL COMMENT 'Asia/Shanghai date of ended_at',
  gmv_fen        BIGINT      NOT NULL COMMENT 'Gross merchandise value of the session, fen',
  order_count    INT         NOT NULL COMMENT 'Orders placed during the session',
  viewer_count   INT         NOT NULL COMMENT 'Viewers',
  watch_minutes  BIGINT      NOT NULL COMMENT 'Total minutes watched',
  new_followers  INT         NOT NULL COMMENT 'Followers gained',
  business_date  DATE        NOT NULL COMMENT 'Nightly run that ingested the session; its claims belong to this date',
  line_number    INT         NOT NULL COMMENT 'Line of broadcasts.csv the session came from',
  PRIMARY KEY (session_id),
  KEY session_day_order (business_date, ended_at, session_id),
  KEY session_account_end (account_id, ended_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Every broadcast session ever ingested (history: growth baselines need 28 days of it).';

CREATE TABLE violation (
  violation_id   VARCHAR(64) NOT NULL COMMENT 'Violation id from violations.csv; a redelivered id keeps its first row',
  account_id     VARCHAR(64) NOT NULL COMMENT 'Account that committed it',
  type           VARCHAR(32) NOT NULL COMMENT 'COUNTERFEIT, CONTENT_VIOLATION, FAKE_FOLLOWERS, EMULATOR, PLUGIN, MULTI_ACCOUNT, DEVICE_TAMPERING, MALICIOUS_PROFITEERING, COUPON_TRADING or OVER_PROMISING',
  occurred_at    DATETIME(6) NOT NULL COMMENT 'When it occurred, Asia/Shanghai',
  occurred_date  DATE        NOT NULL COMMENT 'Asia/Shanghai date of occurred_at',
  session_id     VARCHAR(64) NULL     COMMENT 'Session concerned, if any (a CONTENT_VIOLATION claws back that session''s coupons)',
  business_date  DATE        NOT NULL COMMENT 'Nightly run that ingested it',
  PRIMARY KEY (violation_id),
  KEY violation_account (account_id),
  KEY violation_day (business_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Discrete violations (violations.csv), each kept once.';

CREATE TABLE benchmark_event (
  event_id          VARCHAR(64) NOT NULL COMMENT 'Benchmark case (标杆案例) filing id',
  account_id        VARCHAR(64) NOT NULL COMMENT 'Account that will broadcast it',
  submitted_at      DATETIME(6) NOT NULL COMMENT 'When it was filed, Asia/Shanghai',
  planned_start_at  DATETIME(6) NOT NULL COMMENT 'Planned start of the broadcast, Asia/Shanghai',
  target_gmv_fen    BIGINT      NOT NULL COMMENT 'Target GMV, fen; milestones are percentages of it',
  review_status     VARCHAR(16) NOT NULL COMMENT 'PENDING, APPROVED or REJECTED, as of snapshot_date',
  snapshot_date     DATE        NOT NULL COMMENT 'Latest business date whose benchmark_events.csv listed the event',
  PRIMARY KEY (event_id),
  KEY benchmark_account (account_id, planned_start_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Benchmark case filings, latest full snapshot (benchmark_events.csv).';

CREATE TABLE coupon_usage (
  grant_id       VARCHAR(80) NOT NULL COMMENT 'Grant whose coupons were used (coupon_grant.grant_id)',
  used_coupons   INT         NOT NULL COMMENT 'Coupons of the grant used so far (cumulative)',
  impressions    BIGINT      NOT NULL COMMENT 'Impressions bought with them so far (展示量)',
  views          BIGINT      NOT NULL COMMENT 'Views so far (观看量)',
  interactions   BIGINT      NOT NULL COMMENT 'Interactions so far (互动量)',
  as_of_date     DATE        NOT NULL COMMENT 'Business date of the coupon_usage.csv that carried the latest values',
  PRIMARY KEY (grant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Coupon usage per grant, latest cumulative values (coupon_usage.csv).';

CREATE TABLE rejected_input (
  business_date  DATE          NOT NULL COMMENT 'Nightly run whose inbox held the row',
  file_name      VARCHAR(64)   NOT NULL COMMENT 'Extract file, e.g. broadcasts.csv',
  line_number    INT           NOT NULL COMMENT 'Line of the file where the row starts (the header is line 1)',
  reason         VARCHAR(1000) NOT NULL COMMENT 'Why the row was rejected, naming the column and the value',
  raw_line       MEDIUMTEXT    NOT NULL COMMENT 'The row''s fields, written back as one CSV record',
  PRIMARY KEY (business_date, file_name, line_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Every input row the nightly job refused, with its line and reason; nothing is lost silently.';

CREATE TABLE ingest_file (
  business_date      DATE        NOT NULL COMMENT 'Nightly run',
  file_name          VARCHAR(64) NOT NULL COMMENT 'Extract file',
  sha256             CHAR(64)    NOT NULL COMMENT 'SHA-256 of the file content that was staged; a changed file is staged again',
  state              VARCHAR(8)  NOT NULL COMMENT 'STAGING (being read), STAGED (read, waiting for the input gate) or APPLIED (merged into the tables)',
  rows_read          INT         NULL     COMMENT 'Data rows in the file (header excluded), once staged',
  rows_rejected      INT         NULL     COMMENT 'Rows that went to rejected_input',
  rows_redelivered   INT         NULL     COMMENT 'Sessions ignored because an earlier run already ingested them (broadcasts.csv only)',
  PRIMARY KEY (business_date, file_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Per run and file: which content was ingested and how many rows it had.';

-- Staging: rows of the day's files that passed row checks, held apart until the input gate has
-- passed, then merged into the tables above in one transaction and deleted. A failed gate thus
-- changes nothing a later step or a data team reads.

CREATE TABLE stg_brand (
  business_date       DATE         NOT NULL,
  line_number         INT          NOT NULL,
  brand_id            VARCHAR(64)  NOT NULL,
  brand_name          VARCHAR(255) NOT NULL,
  industry            VARCHAR(32)  NOT NULL,
  has_brand_badge     BOOLEAN      NOT NULL,
  library_entry_date  DATE         NULL,
  PRIMARY KEY (business_date, brand_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Staging of brands.csv (internal)';

CREATE TABLE stg_account (
  business_date            DATE        NOT NULL,
  line_number              INT         NOT NULL,
  account_id               VARCHAR(64) NOT NULL,
  brand_id                 VARCHAR(64) NOT NULL,
  store_id                 VARCHAR(64) NULL,
  last_broadcast_ended_at  DATETIME(6) NULL,
  cold_start_used          BOOLEAN     NOT NULL,
  PRIMARY KEY (business_date, account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Staging of accounts.csv (internal)';

CREATE TABLE stg_store_risk (
  business_date    DATE           NOT NULL,
  line_number      INT            NOT NULL,
  store_id         VARCHAR(64)    NOT NULL,
  store_status     VARCHAR(8)     NOT NULL,
  refund_rate      DECIMAL(19,18) NOT NULL,
  complaint_count  INT            NOT NULL,
  PRIMARY KEY (business_date, store_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Staging of store_risk.csv (internal)';

CREATE TABLE stg_broadcast (
  business_date  DATE        NOT NULL,
  line_number    INT         NOT NULL,
  session_id     VARCHAR(64) NOT NULL,
  account_id     VARCHAR(64) NOT NULL,
  started_at     DATETIME(6) NOT NULL,
  ended_at       DATETIME(6) NOT NULL,
  end_date       DATE        NOT NULL,
  gmv_fen        BIGINT      NOT NULL,
  order_count    INT         NOT NULL,
  viewer_count   INT         NOT NULL,
  watch_minutes  BIGINT      NOT NULL,
  new_followers  INT         NOT NULL,
  redelivered    BOOLEAN     NOT NULL COMMENT 'Already ingested by an earlier run: counted, not applied',
  PRIMARY KEY (business_date, session_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Staging of broadcasts.csv (internal)';

CREATE TABLE stg_violation (
  business_date  DATE        NOT NULL,
  line_number    INT         NOT NULL,
  violation_id   VARCHAR(64) NOT NULL,
  account_id     VARCHAR(64) NOT NULL,
  type           VARCHAR(32) NOT NULL,
  occurred_at    DATETIME(6) NOT NULL,
  occurred_date  DATE        NOT NULL,
  session_id     VARCHAR(64) NULL,
  PRIMARY KEY (business_date, violation_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Staging of violations.csv (internal)';

CREATE TABLE stg_benchmark_event (
  business_date     DATE        NOT NULL,
  line_number       INT         NOT NULL,
  event_id          VARCHAR(64) NOT NULL,
  account_id        VARCHAR(64) NOT NULL,
  submitted_at      DATETIME(6) NOT NULL,
  planned_start_at  DATETIME(6) NOT NULL,
  target_gmv_fen    BIGINT      NOT NULL,
  review_status     VARCHAR(16) NOT NULL,
  PRIMARY KEY (business_date, event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Staging of benchmark_events.csv (internal)';

CREATE TABLE stg_coupon_usage (
  business_date  DATE        NOT NULL,
  line_number    INT         NOT NULL,
  grant_id       VARCHAR(80) NOT NULL,
  used_coupons   INT         NOT NULL,
  impressions    BIGINT      NOT NULL,
  views          BIGINT      NOT NULL,
  interactions   BIGINT      NOT NULL,
  PRIMARY KEY (business_date, grant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Staging of coupon_usage.csv (internal)';
