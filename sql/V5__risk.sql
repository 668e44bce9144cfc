-- Risk (SPEC §2.7): account statuses, clawbacks of unused coupons, coupon expiry, and the
-- per-grant balance. Conventions as in V3.

CREATE TABLE account_standing (
  account_id   VARCHAR(64)  NOT NULL COMMENT 'Account',
  status       VARCHAR(16)  NOT NULL COMMENT 'ACTIVE, RESTRICTED, SUSPENDED, DISQUALIFIED or REVOKED, as of since_date',
  reason       VARCHAR(255) NOT NULL COMMENT 'Why, naming the store figures or the violation',
  clause       VARCHAR(16)  NOT NULL COMMENT 'Policy clause (§5.2.3 … §5.2.7)',
  trigger_code VARCHAR(40)  NOT NULL COMMENT 'What set it: a violation type, STORE_CLOSED, REFUND_RATE, COMPLAINTS, REFUND_RATE_AND_COMPLAINTS, or <STATUS>_ENDED',
  violation_id VARCHAR(64)  NULL     COMMENT 'The violation, when a violation set it',
  since_date   DATE         NOT NULL COMMENT 'Business date this status took effect',
  until_date   DATE         NULL     COMMENT 'SUSPENDED: last suspended day (inclusive); otherwise null',
  PRIMARY KEY (account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Current status of every account that ever had one; an account without a row is ACTIVE.';

CREATE TABLE account_status (
  account_id       VARCHAR(64)  NOT NULL COMMENT 'Account',
  effective_date   DATE         NOT NULL COMMENT 'Business date from which the status applies (the nightly run that decided it); it governs that date''s claims',
  status           VARCHAR(16)  NOT NULL COMMENT 'New status: ACTIVE, RESTRICTED (risky store figures, §5.2.4), SUSPENDED (content violation, §5.2.6), DISQUALIFIED (store closed, §5.2.5) or REVOKED (permanent)',
  previous_status  VARCHAR(16)  NOT NULL COMMENT 'Status before the change',
  reason           VARCHAR(255) NOT NULL COMMENT 'Why, naming the store figures or the violation',
  clause           VARCHAR(16)  NOT NULL COMMENT 'Policy clause of the trigger (for ACTIVE: of the status that ended)',
  trigger_code     VARCHAR(40)  NOT NULL COMMENT 'What set it: a violation type, STORE_CLOSED, REFUND_RATE, COMPLAINTS, REFUND_RATE_AND_COMPLAINTS, or <STATUS>_ENDED when a status ends',
  violation_id     VARCHAR(64)  NULL     COMMENT 'The violation (table violation), when a violation set it',
  until_date       DATE         NULL     COMMENT 'SUSPENDED: last suspended day, inclusive (violation date + suspend days - 1); otherwise null',
  PRIMARY KEY (account_id, effective_date),
  KEY status_day (effective_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='One row per change of an account''s status (SPEC §2.7); the strongest trigger wins: REVOKED > DISQUALIFIED > SUSPENDED > RESTRICTED > ACTIVE.';

CREATE TABLE coupon_clawback (
  clawback_id            VARCHAR(100) NOT NULL COMMENT 'CB:<business_date>:<grant_id>: the same on every rerun',
  business_date          DATE         NOT NULL COMMENT 'Nightly run that clawed back',
  grant_id               VARCHAR(80)  NOT NULL COMMENT 'Grant whose unused coupons were recalled',
  account_id             VARCHAR(64)  NOT NULL COMMENT 'Account of the grant',
  program                VARCHAR(16)  NOT NULL COMMENT 'Program of the grant',
  pool_month             CHAR(7)      NOT NULL COMMENT 'Month of the grant''s pool',
  reason                 VARCHAR(255) NOT NULL COMMENT 'The trigger: violation id and type, or the closed store',
  clause                 VARCHAR(16)  NOT NULL COMMENT 'Policy clause of the trigger (§5.2.3, §5.2.5, §5.2.6, §5.2.7)',
  trigger_code           VARCHAR(40)  NOT NULL COMMENT 'The trigger: a violation type or STORE_CLOSED',
  violation_id           VARCHAR(64)  NULL     COMMENT 'The violation, when a violation triggered it',
  session_id             VARCHAR(64)  NOT NULL COMMENT 'Session the grant was earned by',
  clawed_coupons         INT          NOT NULL COMMENT 'Unused coupons taken back: granted - used - clawed back before - expired',
  unrecoverable_coupons  INT          NOT NULL COMMENT 'Coupons already used (latest coupon_usage.csv): cannot be taken back',
  returned_to_pool       BOOLEAN      NOT NULL COMMENT 'The clawed coupons went back to the grant''s pool and brand share (its month was still open)',
  PRIMARY KEY (clawback_id),
  KEY clawback_grant (grant_id),
  KEY clawback_day (business_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Clawbacks of unused coupons (§5.2.3, §5.2.5–§5.2.7), one row per grant and run.';

CREATE TABLE coupon_expiry (
  grant_id         VARCHAR(80) NOT NULL COMMENT 'Grant whose coupons expired',
  business_date    DATE        NOT NULL COMMENT 'Nightly run that recorded it: the first date after the grant''s expires_on',
  expired_coupons  INT         NOT NULL COMMENT 'Coupons unused at the end of expires_on (Asia/Shanghai)',
  PRIMARY KEY (grant_id),
  KEY expiry_day (business_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Unused coupons that expired; they do not return to any pool.';

CREATE VIEW grant_balance AS
SELECT g.grant_id, g.business_date, g.program, g.account_id, g.brand_id, g.pool_month, g.expires_on,
       g.granted_coupons,
       COALESCE(u.used_coupons, 0) AS used_coupons,
       COALESCE(c.clawed_coupons, 0) AS clawed_back_coupons,
       COALESCE(e.expired_coupons, 0) AS expired_coupons,
       g.granted_coupons - COALESCE(u.used_coupons, 0) - COALESCE(c.clawed_coupons, 0)
         - COALESCE(e.expired_coupons, 0) AS unused_coupons
FROM coupon_grant g
LEFT JOIN coupon_usage u ON u.grant_id = g.grant_id
LEFT JOIN (SELECT grant_id, SUM(clawed_coupons) AS clawed_coupons FROM coupon_clawback GROUP BY grant_id) c
  ON c.grant_id = g.grant_id
LEFT JOIN coupon_expiry e ON e.grant_id = g.grant_id;
