-- The scheduler (SPEC §5 scheduler): every trigger fire, what it did. The Quartz tables (QRTZ_*)
-- come from V2.

CREATE TABLE scheduled_run (
  job                   VARCHAR(16)  NOT NULL COMMENT 'nightly or monthly',
  scheduled_fire_time   DATETIME(6)  NOT NULL COMMENT 'When the trigger was due (Asia/Shanghai); one fire, one row per instance that ran it',
  instance_id           VARCHAR(200) NOT NULL COMMENT 'Quartz scheduler instance that ran the fire',
  subject               VARCHAR(10)  NOT NULL COMMENT 'Business date (nightly) or month (monthly) the fire was for',
  fired_at              DATETIME(6)  NOT NULL COMMENT 'When the fire actually started (later than scheduled after a misfire)',
  finished_at           DATETIME(6)  NULL     COMMENT 'When it ended',
  waited_seconds        INT          NULL     COMMENT 'Time spent waiting for the input (or for the nightly run a monthly run needs)',
  exit_code             INT          NULL     COMMENT 'What the command line would have exited with (0 … 5)',
  outcome               VARCHAR(500) NULL     COMMENT 'What happened, in a line',
  PRIMARY KEY (job, scheduled_fire_time, instance_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Fires of the built-in scheduler; each fire is run by exactly one instance of a cluster.';
