-- Explain (README "Answering a merchant"): every account with sessions on a business date gets its
-- decision recorded, and every grant the state of its pool just before it was served.

CREATE TABLE eligibility_decision (
  business_date   DATE        NOT NULL COMMENT 'Nightly run (business date) the decision belongs to',
  account_id      VARCHAR(64) NOT NULL COMMENT 'Account with at least one session ingested by that run',
  brand_id        VARCHAR(64) NOT NULL COMMENT 'Its brand on the business date',
  sessions        INT         NOT NULL COMMENT 'Its sessions ingested by that run',
  policy_version  VARCHAR(32) NULL     COMMENT 'Policy version in force on the business date; null: none (reason NO_POLICY_VERSION)',
  has_brand_badge BOOLEAN     NOT NULL COMMENT 'Check BRAND_BADGE (§5.2.1): the brand has the brand badge',
  industry        VARCHAR(64) NOT NULL COMMENT 'Check INDUSTRY: the brand''s industry, which the version must list',
  store_id        VARCHAR(64) NULL     COMMENT 'Check STORE: the store the account is bound to; null: none (reason NO_STORE)',
  store_status    VARCHAR(8)  NULL     COMMENT 'Check STORE: OPEN or CLOSED as last reported; null: never reported (not known to be closed)',
  account_status  VARCHAR(16) NOT NULL COMMENT 'Check ACCOUNT_STATUS: the status that governed the day''s claims (ACTIVE, RESTRICTED, SUSPENDED, DISQUALIFIED, REVOKED)',
  takes_part      BOOLEAN     NOT NULL COMMENT 'Every check but ACCOUNT_STATUS passed: the sessions were weighed for claims (a status other than ACTIVE rejects them)',
  reason          VARCHAR(32) NULL     COMMENT 'Why no coupons: the first failing check (NO_POLICY_VERSION, NO_BRAND_BADGE, INDUSTRY_NOT_LISTED, NO_STORE, STORE_CLOSED, ACCOUNT_RESTRICTED, ACCOUNT_SUSPENDED, ACCOUNT_DISQUALIFIED, ACCOUNT_REVOKED; an account is DISQUALIFIED only while its store is CLOSED, so STORE_CLOSED comes first), or NO_RULE_MET when all passed and neither cold start nor growth was met; null when a claim was made (its grant says what it got)',
  cold_start      VARCHAR(32) NULL     COMMENT 'Cold start (§二) for an account that takes part: CLAIMED, PROGRAM_ABSENT, COLD_START_USED, GRANTED_BEFORE, NO_LIBRARY_ENTRY, BEFORE_LIBRARY_ENTRY, FIRST_BROADCAST_TOO_LATE or NOT_DORMANT (of the day''s first session when none claimed)',
  growth          VARCHAR(32) NULL     COMMENT 'Growth (§三) for an account that takes part: CLAIMED, PROGRAM_ABSENT or NO_TIER_MET',
  growth_tier     VARCHAR(16) NULL     COMMENT 'The tier claimed (growth CLAIMED)',
  PRIMARY KEY (business_date, account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Per business date and account with sessions: each eligibility check''s input, the outcome of cold start and growth, and the first reason no coupons came (SPEC §4). Benchmark outcomes are per event: benchmark_event_outcome.';

GRANT SELECT ON eligibility_decision TO data_reader;

ALTER TABLE coupon_grant
  ADD COLUMN pool_remaining_before INT NULL
    COMMENT 'Coupons left in the program''s pool of the month just before this claim was served (null: granted before this was recorded)',
  ADD COLUMN brand_remaining_before INT NULL
    COMMENT 'Coupons left under the brand''s per-brand cap just before this claim was served; null: the version has no per-brand cap';
