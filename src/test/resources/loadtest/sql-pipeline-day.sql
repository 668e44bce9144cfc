-- One business date of the hand-written SQL pipeline (sql-pipeline-schema.sql has what it is).
-- The runner sets @d (the date) and @pool_month, and puts the day's inbox directory for ${inbox}.
DELETE FROM p_brand;
LOAD DATA LOCAL INFILE '${inbox}/brands.csv' INTO TABLE p_brand CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\n' IGNORE 1 LINES
  (brand_id, brand_name, industry, @badge, @entry)
  SET has_brand_badge = (@badge = 'true'), library_entry_date = NULLIF(@entry, '');

DELETE FROM p_account;
LOAD DATA LOCAL INFILE '${inbox}/accounts.csv' INTO TABLE p_account CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\n' IGNORE 1 LINES
  (account_id, brand_id, @store, @last, @used)
  SET store_id = NULLIF(@store, ''), cold_start_used = (@used = 'true'),
      last_broadcast_ended_at = IF(@last = '', NULL, STR_TO_DATE(LEFT(@last, 19), '%Y-%m-%dT%H:%i:%s'));

-- what every snapshot so far said: the latest end it carried, and whether cold start was ever used
INSERT INTO p_account_known (account_id, last_end, cold_start_used)
SELECT account_id, last_broadcast_ended_at, cold_start_used FROM p_account
ON DUPLICATE KEY UPDATE
  last_end = CASE WHEN p_account_known.last_end IS NULL THEN p_account.last_broadcast_ended_at
                  ELSE GREATEST(p_account_known.last_end, COALESCE(p_account.last_broadcast_ended_at, p_account_known.last_end)) END,
  cold_start_used = p_account_known.cold_start_used OR p_account.cold_start_used;

-- a store keeps the last state a snapshot gave it
LOAD DATA LOCAL INFILE '${inbox}/store_risk.csv' REPLACE INTO TABLE p_store CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\n' IGNORE 1 LINES
  (store_id, store_status, refund_rate, complaint_count);

-- sessions: appended; a session delivered again keeps its first row
LOAD DATA LOCAL INFILE '${inbox}/broadcasts.csv' IGNORE INTO TABLE p_session CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\n' IGNORE 1 LINES
  (session_id, account_id, @started, @ended, gmv_fen, order_count, viewer_count, watch_minutes, new_followers)
  SET business_date = @d, started_at = STR_TO_DATE(LEFT(@started, 19), '%Y-%m-%dT%H:%i:%s'),
      ended_at = STR_TO_DATE(LEFT(@ended, 19), '%Y-%m-%dT%H:%i:%s');

-- the day's sessions that may claim: a badge, an industry of the policy, a store that is not closed
-- (one never reported is not known to be)
DROP TEMPORARY TABLE IF EXISTS p_eligible;
CREATE TEMPORARY TABLE p_eligible (PRIMARY KEY (session_id), KEY (account_id)) AS
SELECT s.session_id, s.account_id, a.brand_id, s.started_at, s.ended_at, s.gmv_fen, b.library_entry_date
FROM p_session s
JOIN p_account a ON a.account_id = s.account_id
JOIN p_brand b ON b.brand_id = a.brand_id
LEFT JOIN p_store r ON r.store_id = a.store_id
WHERE s.business_date = @d AND b.has_brand_badge
  AND b.industry IN ('BEAUTY', 'APPAREL', 'FOOD', 'HOME', 'DIGITAL', 'MOTHER_BABY')
  AND a.store_id IS NOT NULL AND COALESCE(r.store_status, 'OPEN') <> 'CLOSED';

-- cold start: the first qualifying session of an account that never had the support
INSERT INTO p_claim (business_date, program, session_id, account_id, brand_id, claimed_at, requested)
SELECT @d, 'COLD_START', session_id, account_id, brand_id, ended_at, 5
FROM (
  SELECT q.*, ROW_NUMBER() OVER (PARTITION BY q.account_id ORDER BY q.ended_at, q.session_id) AS n
  FROM (
    SELECT e.*, NULLIF(GREATEST(
        COALESCE((SELECT MAX(p.ended_at) FROM p_session p WHERE p.account_id = e.account_id AND p.ended_at < e.started_at),
                 '1000-01-01'),
        COALESCE(CASE WHEN k.last_end < e.started_at THEN k.last_end END, '1000-01-01')), '1000-01-01') AS previous_end
    FROM p_eligible e
    LEFT JOIN p_account_known k ON k.account_id = e.account_id
    WHERE e.library_entry_date <= DATE(e.ended_at) AND NOT COALESCE(k.cold_start_used, FALSE)
      AND NOT EXISTS (SELECT 1 FROM p_claim c WHERE c.account_id = e.account_id AND c.program = 'COLD_START'
                      AND c.granted > 0)
  ) q
  WHERE (q.previous_end IS NULL AND DATE(q.ended_at) <= q.library_entry_date + INTERVAL 30 DAY)
     OR q.started_at >= q.previous_end + INTERVAL 60 DAY
) first_ WHERE n = 1;

-- growth: the baseline is the mean GMV of the account's stored sessions of the 28 days before the date,
-- summed from the daily totals the earlier days left
DROP TEMPORARY TABLE IF EXISTS p_baseline;
CREATE TEMPORARY TABLE p_baseline (PRIMARY KEY (account_id)) AS
SELECT d.account_id, SUM(d.sessions) AS sessions, SUM(d.gmv_fen) AS gmv_fen
FROM (SELECT DISTINCT account_id FROM p_eligible) e
JOIN p_account_day d ON d.account_id = e.account_id AND d.end_date >= @d - INTERVAL 28 DAY AND d.end_date < @d
GROUP BY d.account_id;

-- the tier from the top a session meets (growth compared exactly: gmv × n against the sum × 1.5 or 1.2);
-- an account claims once a day, with its best session
INSERT INTO p_claim (business_date, program, session_id, account_id, brand_id, claimed_at, requested)
SELECT @d, 'GROWTH', session_id, account_id, brand_id, ended_at, coupons
FROM (
  SELECT t.*, ROW_NUMBER() OVER (PARTITION BY t.account_id ORDER BY t.tier DESC, t.ended_at, t.session_id) AS n
  FROM (
    SELECT e.session_id, e.account_id, e.brand_id, e.ended_at,
      CASE WHEN e.gmv_fen >= 5000000 AND b.sessions > 0 AND (b.gmv_fen = 0 OR 2 * e.gmv_fen * b.sessions >= 3 * b.gmv_fen) THEN 3
           WHEN e.gmv_fen >= 1000000 AND b.sessions > 0 AND (b.gmv_fen = 0 OR 5 * e.gmv_fen * b.sessions >= 6 * b.gmv_fen) THEN 2
           WHEN e.gmv_fen >= 100000 THEN 1 ELSE 0 END AS tier,
      CASE WHEN e.gmv_fen >= 5000000 AND b.sessions > 0 AND (b.gmv_fen = 0 OR 2 * e.gmv_fen * b.sessions >= 3 * b.gmv_fen) THEN 8
           WHEN e.gmv_fen >= 1000000 AND b.sessions > 0 AND (b.gmv_fen = 0 OR 5 * e.gmv_fen * b.sessions >= 6 * b.gmv_fen) THEN 3
           ELSE 1 END AS coupons
    FROM p_eligible e LEFT JOIN p_baseline b ON b.account_id = e.account_id
  ) t WHERE t.tier > 0
) best WHERE n = 1;

-- first come first served: in order of claimed_at, then session_id; the brand's cap first, then the pool's
UPDATE p_claim c JOIN (
  SELECT x.program, x.session_id,
    LEAST(x.brand_share, GREATEST(0, x.pool_left - COALESCE(SUM(x.brand_share) OVER (PARTITION BY x.program
      ORDER BY x.claimed_at, x.session_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))) AS granted
  FROM (
    SELECT c.program, c.session_id, c.claimed_at,
      LEAST(c.requested, GREATEST(0, cap.brand_cap - COALESCE(bp.granted, 0) - COALESCE(SUM(c.requested) OVER (
        PARTITION BY c.program, c.brand_id ORDER BY c.claimed_at, c.session_id
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))) AS brand_share,
      GREATEST(0, cap.pool_cap - COALESCE(pp.granted, 0)) AS pool_left
    FROM p_claim c
    JOIN (SELECT 'COLD_START' AS program, 2000 AS pool_cap, 50 AS brand_cap
          UNION ALL SELECT 'GROWTH', 20000, 300) cap ON cap.program = c.program
    LEFT JOIN p_pool pp ON pp.pool_month = @pool_month AND pp.program = c.program AND pp.brand_id = ''
    LEFT JOIN p_pool bp ON bp.pool_month = @pool_month AND bp.program = c.program AND bp.brand_id = c.brand_id
    WHERE c.business_date = @d
  ) x
) g ON g.program = c.program AND g.session_id = c.session_id
SET c.granted = g.granted,
    c.status = CASE WHEN g.granted = c.requested THEN 'GRANTED' WHEN g.granted > 0 THEN 'PARTIAL' ELSE 'REJECTED' END;

INSERT INTO p_pool (pool_month, program, brand_id, granted)
SELECT @pool_month, program, brand_id, SUM(granted) FROM p_claim WHERE business_date = @d AND granted > 0
GROUP BY program, brand_id
ON DUPLICATE KEY UPDATE granted = p_pool.granted + VALUES(granted);

INSERT INTO p_pool (pool_month, program, brand_id, granted)
SELECT @pool_month, program, '', SUM(granted) FROM p_claim WHERE business_date = @d AND granted > 0 GROUP BY program
ON DUPLICATE KEY UPDATE granted = p_pool.granted + VALUES(granted);

-- one message per claim
INSERT INTO p_notification (notification_id, business_date, account_id, brand_id, title, body, payload)
SELECT CONCAT('N:', @d, ':', c.program, ':', c.session_id), @d, c.account_id, c.brand_id,
  CASE c.status WHEN 'REJECTED' THEN '流量券申请未通过' ELSE '流量券已发放' END,
  CONCAT('您的直播 ', c.session_id, ' 申请 ', c.requested, ' 张流量券，获得 ', c.granted, ' 张（', c.program, '）。'),
  JSON_OBJECT('session_id', c.session_id, 'program', c.program, 'requested', c.requested, 'granted', c.granted,
              'status', c.status, 'claimed_at', DATE_FORMAT(c.claimed_at, '%Y-%m-%dT%H:%i:%s'))
FROM p_claim c WHERE c.business_date = @d;

-- the day's sessions summed per account and end date, for the baselines of the days after (stored by earlier runs: written last)
INSERT INTO p_account_day (account_id, end_date, sessions, gmv_fen)
SELECT account_id, DATE(ended_at), COUNT(*), SUM(gmv_fen) FROM p_session WHERE business_date = @d
GROUP BY account_id, DATE(ended_at)
ON DUPLICATE KEY UPDATE sessions = p_account_day.sessions + VALUES(sessions), gmv_fen = p_account_day.gmv_fen + VALUES(gmv_fen);

