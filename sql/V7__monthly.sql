-- The monthly job (SPEC §1 monthly, §4 monthly_summary): month close and per-brand summaries.

CREATE TABLE coupon_usage_history (
  grant_id       VARCHAR(80) NOT NULL COMMENT 'Grant',
  as_of_date     DATE        NOT NULL COMMENT 'Business date of the coupon_usage.csv that carried these values',
  used_coupons   INT         NOT NULL COMMENT 'Coupons used so far (cumulative)',
  impressions    BIGINT      NOT NULL COMMENT 'Impressions so far',
  views          BIGINT      NOT NULL COMMENT 'Views so far',
  interactions   BIGINT      NOT NULL COMMENT 'Interactions so far',
  PRIMARY KEY (grant_id, as_of_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Every usage value ever delivered (coupon_usage holds the latest): statements use the values as of a month''s end.';

CREATE TABLE monthly_summary (
  pool_month             CHAR(7)     NOT NULL COMMENT 'Month of the pools, yyyy-MM',
  program                VARCHAR(16) NOT NULL COMMENT 'COLD_START, GROWTH or BENCHMARK',
  brand_id               VARCHAR(64) NOT NULL COMMENT 'Brand',
  industry               VARCHAR(32) NOT NULL COMMENT 'Industry of the brand (brands.csv, latest)',
  claims                 INT         NOT NULL COMMENT 'Claims of the brand''s accounts served from the month''s pool',
  rejected_claims        INT         NOT NULL COMMENT 'Of those, REJECTED',
  coupons_requested      INT         NOT NULL COMMENT 'Coupons the claims asked for',
  coupons_granted        INT         NOT NULL COMMENT 'Coupons granted',
  granted_value_fen      BIGINT      NOT NULL COMMENT 'Face value of the coupons granted, fen',
  coupons_clawed_back    INT         NOT NULL COMMENT 'Of the granted, clawed back by the end of the month',
  coupons_expired        INT         NOT NULL COMMENT 'Of the granted, expired by the end of the month',
  coupons_used           INT         NOT NULL COMMENT 'Of the granted, used by the end of the month (latest usage delivered by then)',
  coupons_unused         INT         NOT NULL COMMENT 'granted - clawed back - expired - used, at the end of the month',
  as_of_date             DATE        NOT NULL COMMENT 'The month''s last day: clawbacks, expiries and usage up to that business date count',
  PRIMARY KEY (pool_month, program, brand_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='One row per month, program and brand, written when the monthly job closes the month; figures as of the month''s end.';
