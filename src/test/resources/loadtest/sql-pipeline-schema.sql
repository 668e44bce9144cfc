-- The hand-written SQL pipeline the load test measures the nightly job against (docs/performance.md):
-- what a data team would write as a set-based script run by cron, doing about a third of the
-- product's work: loading the day's snapshots and sessions, cold start and growth claims, first come
-- first served over the monthly and per-brand caps, one notification row per claim. No rejects file,
-- no redeliveries, no risk, no benchmark cases, no restart, no checks. Policy: the seed's values.
CREATE TABLE p_brand (
  brand_id           VARCHAR(64)  NOT NULL PRIMARY KEY,
  brand_name         VARCHAR(200) NOT NULL,
  industry           VARCHAR(32)  NOT NULL,
  has_brand_badge    BOOLEAN      NOT NULL,
  library_entry_date DATE         NULL
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE p_account (
  account_id              VARCHAR(64) NOT NULL PRIMARY KEY,
  brand_id                VARCHAR(64) NOT NULL,
  store_id                VARCHAR(64) NULL,
  last_broadcast_ended_at DATETIME(6) NULL,
  cold_start_used         BOOLEAN     NOT NULL
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE p_account_known (
  account_id     VARCHAR(64) NOT NULL PRIMARY KEY,
  last_end       DATETIME(6) NULL,
  cold_start_used BOOLEAN    NOT NULL
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE p_store (
  store_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
  store_status    VARCHAR(16)  NOT NULL,
  refund_rate     DECIMAL(7,4) NOT NULL,
  complaint_count INT          NOT NULL
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE p_session (
  session_id    VARCHAR(64) NOT NULL PRIMARY KEY,
  business_date DATE        NOT NULL,
  account_id    VARCHAR(64) NOT NULL,
  started_at    DATETIME(6) NOT NULL,
  ended_at      DATETIME(6) NOT NULL,
  gmv_fen       BIGINT      NOT NULL,
  order_count   INT         NOT NULL,
  viewer_count  INT         NOT NULL,
  watch_minutes BIGINT      NOT NULL,
  new_followers INT         NOT NULL,
  KEY p_session_day (business_date, account_id),
  KEY p_session_account (account_id, ended_at)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE p_account_day (
  account_id    VARCHAR(64) NOT NULL,
  end_date      DATE        NOT NULL,
  sessions      INT         NOT NULL,
  gmv_fen       BIGINT      NOT NULL,
  PRIMARY KEY (account_id, end_date)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin COMMENT 'sessions and GMV per account and end date: the baselines read it';

CREATE TABLE p_claim (
  business_date DATE        NOT NULL,
  program       VARCHAR(16) NOT NULL,
  session_id    VARCHAR(64) NOT NULL,
  account_id    VARCHAR(64) NOT NULL,
  brand_id      VARCHAR(64) NOT NULL,
  claimed_at    DATETIME(6) NOT NULL,
  requested     INT         NOT NULL,
  granted       INT         NULL,
  status        VARCHAR(16) NULL,
  PRIMARY KEY (program, session_id),
  KEY p_claim_day (business_date, program, claimed_at, session_id),
  KEY p_claim_account (account_id, program)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE p_pool (
  pool_month CHAR(7)     NOT NULL,
  program    VARCHAR(16) NOT NULL,
  brand_id   VARCHAR(64) NOT NULL COMMENT 'empty: the program''s pool',
  granted    BIGINT      NOT NULL,
  PRIMARY KEY (pool_month, program, brand_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE p_notification (
  notification_id VARCHAR(120) NOT NULL PRIMARY KEY,
  business_date   DATE         NOT NULL,
  account_id      VARCHAR(64)  NOT NULL,
  brand_id        VARCHAR(64)  NOT NULL,
  title           VARCHAR(200) NOT NULL,
  body            TEXT         NOT NULL,
  payload         TEXT         NOT NULL,
  KEY p_notification_day (business_date)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
