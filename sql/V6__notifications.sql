-- Notifications (SPEC §2.8, policy §5.1.1): the private messages the messaging system sends,
-- one batch per nightly run (and per monthly run), also written as a JSON Lines file.

CREATE TABLE notification_batch (
  batch_id       VARCHAR(40)   NOT NULL COMMENT 'nightly-<yyyy-MM-dd> or monthly-<yyyy-MM>: one per run of a business date or month',
  job            VARCHAR(16)   NOT NULL COMMENT 'nightly or monthly',
  business_date  DATE          NOT NULL COMMENT 'Business date of the run (for monthly: the month''s last day)',
  message_count  INT           NOT NULL COMMENT 'Messages in the batch (rows of notification, lines of the file)',
  file_path      VARCHAR(255)  NOT NULL COMMENT 'The JSON Lines file, relative to the out directory: <date>/notifications-<batch_id>.jsonl',
  file_sha256    CHAR(64)      NOT NULL COMMENT 'SHA-256 of that file, to check a copy',
  created_at     DATETIME(6)   NOT NULL COMMENT 'Logical creation time: the end of the business date (or month), Asia/Shanghai; the same on every rerun (the wall-clock time of the run is in BATCH_JOB_EXECUTION)',
  PRIMARY KEY (batch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Notification batches, complete once this row exists: the messaging system picks up a batch by its row.';

CREATE TABLE notification (
  notification_id  VARCHAR(200) NOT NULL COMMENT 'N:<dedupe_key>',
  batch_id         VARCHAR(40)  NOT NULL COMMENT 'Batch the message belongs to',
  dedupe_key       VARCHAR(200) NOT NULL COMMENT 'SESSION_REWARD:<session_id>, ACCOUNT_STATUS:<account_id>:<effective_date>, CLAWBACK:<clawback_id>, MONTHLY_STATEMENT:<brand_id>:<yyyy-MM>: the same on every rerun; deduplicate on it',
  type             VARCHAR(20)  NOT NULL COMMENT 'SESSION_REWARD, ACCOUNT_STATUS, CLAWBACK or MONTHLY_STATEMENT',
  account_id       VARCHAR(64)  NULL     COMMENT 'Recipient account (null for MONTHLY_STATEMENT, which goes to the brand)',
  brand_id         VARCHAR(64)  NOT NULL COMMENT 'Brand of the recipient',
  business_date    DATE         NOT NULL COMMENT 'Business date of the batch',
  title            VARCHAR(200) NOT NULL COMMENT 'Title, Chinese',
  body             TEXT         NOT NULL COMMENT 'Text, Chinese, with the figures and the disclaimer of §5.1.1',
  payload          LONGTEXT     NOT NULL COMMENT 'The same data as JSON, for the messaging system',
  PRIMARY KEY (notification_id),
  UNIQUE KEY notification_dedupe (dedupe_key),
  KEY notification_batch_order (batch_id, type, dedupe_key),
  CONSTRAINT notification_payload_json CHECK (JSON_VALID(payload))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Private messages to merchants (我的视频号-视频号私信). A message, once written, is never written again.';
