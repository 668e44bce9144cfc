-- Data teams (issue 35 point 8): the caps and the moment a pool or a brand's share ran dry are
-- columns, and every table docs/data.md offers is readable by the reader role (brand_pool_balance
-- is granted in V19). Conventions as in V3.

ALTER TABLE pool_balance
  ADD COLUMN ran_dry_at DATETIME(6) NULL
    COMMENT 'claimed_at of the first claim of the month after whose turn the pool had nothing left (it took the last coupon, or found none); null while it never ran dry. Coupons clawed back later do not clear it'
    AFTER remaining_coupons,
  ADD COLUMN ran_dry_on DATE NULL
    COMMENT 'The business date of that claim''s night'
    AFTER ran_dry_at;

ALTER TABLE brand_pool_balance
  ADD COLUMN per_brand_monthly_cap INT NULL
    COMMENT 'Per-brand cap in force on the last business date that served this brand from the pool; null: no per-brand cap'
    AFTER returned_coupons,
  ADD COLUMN reached_at DATETIME(6) NULL
    COMMENT 'claimed_at of the first claim after whose turn the brand had nothing left of its cap (it took the brand''s last coupon, or found none); null while it never reached it'
    AFTER per_brand_monthly_cap,
  ADD COLUMN reached_on DATE NULL
    COMMENT 'The business date of that claim''s night'
    AFTER reached_at;
