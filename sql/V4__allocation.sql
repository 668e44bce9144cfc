-- Allocation (SPEC §2.1–§2.6): claims of the three programs, the first-come-first-served grants
-- within each program's monthly pool, benchmark event outcomes and the daily summary.
-- Conventions as in V3: utf8mb4_bin ids, Asia/Shanghai DATETIME(6), integer coupons and fen.

CREATE TABLE policy_version (
  version         VARCHAR(32)  NOT NULL COMMENT 'Policy version name (the version key of its YAML file)',
  effective_from  DATE         NOT NULL COMMENT 'First business date it governs, inclusive',
  effective_to    DATE         NOT NULL COMMENT 'Last business date it governs, inclusive',
  sha256          CHAR(64)     NOT NULL COMMENT 'SHA-256 of the YAML file the first run under this version read',
  content         MEDIUMTEXT   NOT NULL COMMENT 'That YAML file, as it was: what the grants of this version were made under',
  first_used_on   DATE         NOT NULL COMMENT 'First business date allocated under this version',
  PRIMARY KEY (version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Every policy version that governed a nightly run, with the text it had then (§5.2.2: results are never recomputed).';

-- Working table of the nightly run: the claims of one business date before allocation. Kept after
-- the run for audit; coupon_grant holds the outcome of each.
CREATE TABLE claim (
  grant_id            VARCHAR(80) NOT NULL COMMENT 'Id of the claim and of its grant: program code and session (CS:/GR:) or event (BM:)',
  business_date       DATE        NOT NULL COMMENT 'Nightly run that made the claim',
  program             VARCHAR(16) NOT NULL COMMENT 'COLD_START, GROWTH or BENCHMARK',
  account_id          VARCHAR(64) NOT NULL COMMENT 'Account that earned it',
  brand_id            VARCHAR(64) NOT NULL COMMENT 'Brand of the account on the business date',
  session_id          VARCHAR(64) NOT NULL COMMENT 'Session that earned it',
  event_id            VARCHAR(64) NULL     COMMENT 'Benchmark event (BENCHMARK only)',
  tier                VARCHAR(16) NULL     COMMENT 'Growth tier (GROWTH only)',
  milestones_reached  VARCHAR(64) NULL     COMMENT 'Benchmark milestones reached, e.g. 50,100 (BENCHMARK only)',
  claimed_at          DATETIME(6) NOT NULL COMMENT 'The session''s ended_at: the order of first come first served',
  requested_coupons   INT         NOT NULL COMMENT 'Coupons the rules award',
  account_status      VARCHAR(16) NOT NULL COMMENT 'Account status on the business date; a claim of a non-ACTIVE account is rejected with it',
  policy_version      VARCHAR(32) NOT NULL COMMENT 'Version in force on the business date',
  PRIMARY KEY (grant_id),
  UNIQUE KEY claim_order (business_date, program, claimed_at, session_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Claims derived by the nightly run, waiting for (or given) their allocation.';

CREATE TABLE coupon_grant (
  grant_id            VARCHAR(80) NOT NULL COMMENT 'Claim id, derived from business keys (CS:/GR:<session_id>, BM:<event_id>); the same on every rerun',
  business_date       DATE        NOT NULL COMMENT 'Nightly run that allocated the claim (the grant date)',
  program             VARCHAR(16) NOT NULL COMMENT 'COLD_START (§二), GROWTH (§三) or BENCHMARK (§四)',
  account_id          VARCHAR(64) NOT NULL COMMENT 'Account that earned it',
  brand_id            VARCHAR(64) NOT NULL COMMENT 'Brand of the account on the business date (its per-brand cap)',
  session_id          VARCHAR(64) NOT NULL COMMENT 'Session that earned it',
  event_id            VARCHAR(64) NULL     COMMENT 'Benchmark event, for BENCHMARK claims',
  tier                VARCHAR(16) NULL     COMMENT 'Growth tier met (G1, G2 …), for GROWTH claims',
  milestones_reached  VARCHAR(64) NULL     COMMENT 'Benchmark milestones reached, percentages, e.g. 50,100,150',
  policy_version      VARCHAR(32) NOT NULL COMMENT 'Policy version in force on the business date; its caps and face value apply',
  pool_month          CHAR(7)     NOT NULL COMMENT 'Pool the claim was served from: yyyy-MM of the business date',
  claimed_at          DATETIME(6) NOT NULL COMMENT 'Claim time (the session''s ended_at, Asia/Shanghai); with session_id the order of first come first served',
  requested_coupons   INT         NOT NULL COMMENT 'Coupons the rules award',
  granted_coupons     INT         NOT NULL COMMENT 'Coupons granted: min(requested, brand remaining, pool remaining); 0 when rejected',
  face_value_fen      BIGINT      NOT NULL COMMENT 'Face value of one coupon under the policy version, fen',
  status              VARCHAR(8)  NOT NULL COMMENT 'GRANTED (all requested), PARTIAL (fewer) or REJECTED (none)',
  reject_reason       VARCHAR(32) NULL     COMMENT 'For REJECTED: CAP_EXHAUSTED, BRAND_CAP_REACHED, or the account status (RESTRICTED, SUSPENDED, DISQUALIFIED, REVOKED)',
  limited_by          VARCHAR(32) NULL     COMMENT 'For PARTIAL: the cap that cut it short, CAP_EXHAUSTED or BRAND_CAP_REACHED',
  expires_on          DATE        NULL     COMMENT 'Last day the coupons are valid: grant date + validity_days; null when nothing was granted',
  PRIMARY KEY (grant_id),
  KEY grant_pool_order (pool_month, program, claimed_at, session_id),
  KEY grant_day (business_date, program),
  KEY grant_account (account_id, program, status),
  KEY grant_session (session_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='One row per claim and its outcome. A grant is never changed by a later run; clawbacks and usage are recorded beside it.';

CREATE TABLE pool_balance (
  pool_month          CHAR(7)     NOT NULL COMMENT 'Calendar month of the pool, yyyy-MM (Asia/Shanghai business dates)',
  program             VARCHAR(16) NOT NULL COMMENT 'COLD_START, GROWTH or BENCHMARK',
  monthly_cap         INT         NOT NULL COMMENT 'Cap of the policy version in force on the last business date allocated',
  granted_coupons     INT         NOT NULL COMMENT 'Coupons granted from this pool so far',
  returned_coupons    INT         NOT NULL COMMENT 'Coupons clawed back into this pool while the month was open',
  remaining_coupons   INT         NOT NULL COMMENT 'max(0, monthly_cap - granted + returned): what later claims can still get',
  closed              BOOLEAN     NOT NULL COMMENT 'The monthly job closed the month: clawbacks no longer return coupons to it',
  last_business_date  DATE        NOT NULL COMMENT 'Last nightly run that allocated from or updated this pool',
  PRIMARY KEY (pool_month, program)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Each program''s monthly pool of coupons (§2.1 说明, §3.2, §4.1: 每月数量有限，先到先得).';

CREATE TABLE brand_pool_balance (
  pool_month          CHAR(7)     NOT NULL COMMENT 'Calendar month, yyyy-MM',
  program             VARCHAR(16) NOT NULL COMMENT 'Program',
  brand_id            VARCHAR(64) NOT NULL COMMENT 'Brand',
  granted_coupons     INT         NOT NULL COMMENT 'Coupons granted to the brand''s accounts from this pool',
  returned_coupons    INT         NOT NULL COMMENT 'Of those, clawed back into the pool while the month was open',
  PRIMARY KEY (pool_month, program, brand_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Per-brand use of each monthly pool, for the optional per-brand cap (per_brand_monthly_cap).';

CREATE TABLE benchmark_event_outcome (
  event_id            VARCHAR(64) NOT NULL COMMENT 'Benchmark event',
  account_id          VARCHAR(64) NOT NULL COMMENT 'Account of the event',
  session_id          VARCHAR(64) NULL     COMMENT 'Session matched to it (SETTLED, NOT_REACHED)',
  outcome             VARCHAR(16) NOT NULL COMMENT 'SETTLED (a claim was made), NOT_REACHED (matched, no milestone), INVALID_LATE (filed under min_lead_days ahead), NOT_APPROVED (review not APPROVED when due), NO_SESSION (no eligible session in the window by the day after)',
  milestones_reached  VARCHAR(64) NULL     COMMENT 'Milestones reached, percentages, e.g. 50,100',
  gmv_pct             DECIMAL(24,2) NULL   COMMENT 'Session GMV as a percentage of the target, for matched events',
  grant_id            VARCHAR(80) NULL     COMMENT 'The claim made for it (SETTLED)',
  final               BOOLEAN     NOT NULL COMMENT 'False only for NOT_APPROVED before the day after the planned date: a later approval may still count',
  decided_on          DATE        NOT NULL COMMENT 'Nightly run that recorded this outcome',
  PRIMARY KEY (event_id),
  UNIQUE KEY outcome_session (session_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='What became of each benchmark event (§四). Valid events still waiting for their session have no row yet.';

CREATE TABLE daily_summary (
  business_date        DATE        NOT NULL COMMENT 'Nightly run',
  program              VARCHAR(16) NOT NULL COMMENT 'Program',
  claims               INT         NOT NULL COMMENT 'Claims made',
  granted              INT         NOT NULL COMMENT 'Claims GRANTED in full',
  partial              INT         NOT NULL COMMENT 'Claims PARTIAL',
  rejected             INT         NOT NULL COMMENT 'Claims REJECTED',
  coupons_requested    INT         NOT NULL COMMENT 'Coupons the claims asked for',
  coupons_granted      INT         NOT NULL COMMENT 'Coupons granted',
  coupons_clawed_back  INT         NOT NULL COMMENT 'Coupons clawed back by this run (grants of any date)',
  monthly_cap          INT         NULL     COMMENT 'Monthly cap of the program under the version in force that day; null when the version leaves the program out',
  per_brand_monthly_cap INT        NULL     COMMENT 'Per-brand monthly cap that day; null when there is none',
  pool_remaining       INT         NOT NULL COMMENT 'Remaining coupons of the month''s pool after the run',
  PRIMARY KEY (business_date, program)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='One row per nightly run and program: what the day claimed, got and left in the pool.';
