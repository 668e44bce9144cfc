-- Policy lifecycle (SPEC §2.1, issue 33): the platform may end a version early, cancel it from a
-- date or extend it (§5.2.2 修改、限期或取消). A version that has governed a run keeps every value
-- but one: its effective_to may move to any date not before the last business date a nightly run
-- has taken under it (and an extension may not cover a date whose night has completed). The job
-- that first starts under such a file records the move here and moves policy_version.effective_to,
-- between nights (under the nightly sequence lock); policy_version.content keeps the text of the
-- first use. Conventions as in V3.

CREATE TABLE policy_version_change (
  version            VARCHAR(32) NOT NULL COMMENT 'Policy version whose effective_to moved (policy_version.version)',
  change_no          INT         NOT NULL COMMENT '1 for the first move of this version, 2 for the next, and so on',
  old_effective_to   DATE        NOT NULL COMMENT 'Last business date the version governed before the move, inclusive',
  new_effective_to   DATE        NOT NULL COMMENT 'Last business date it governs after the move, inclusive (earlier: ended early or cancelled from the day after; later: extended)',
  last_run_under     DATE        NOT NULL COMMENT 'The last business date a nightly run had taken under the version when the move was recorded: new_effective_to is never before it',
  changed_on         DATE        NOT NULL COMMENT 'The business date the move was first in force on: the date of the nightly run that recorded it, or, when the monthly job recorded it, the night after the last one taken',
  recorded_by        VARCHAR(32) NOT NULL COMMENT 'The run that found the move and recorded it, just before it started: nightly yyyy-MM-dd or monthly yyyy-MM',
  sha256             CHAR(64)    NOT NULL COMMENT 'SHA-256 of the version''s YAML file as moved',
  content            MEDIUMTEXT  NOT NULL COMMENT 'That YAML file: every value as recorded on first use but effective_to',
  PRIMARY KEY (version, change_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Every move of a used policy version''s effective_to (§5.2.2 修改、限期或取消), in order; no wall-clock time: a rerun records the same row.';

ALTER TABLE policy_version
  MODIFY effective_to DATE NOT NULL COMMENT 'Last business date it governs, inclusive: as first used, or as last moved (policy_version_change)',
  MODIFY content MEDIUMTEXT NOT NULL COMMENT 'That YAML file, as it was on first use: what the grants of this version were made under (a later move of effective_to is in policy_version_change)';

-- a program left out of the version in force counts as cap 0 (SPEC §2.1); the code always wrote 0
UPDATE daily_summary SET monthly_cap = 0 WHERE monthly_cap IS NULL;
ALTER TABLE daily_summary
  MODIFY monthly_cap INT NOT NULL COMMENT 'Monthly cap of the program under the version in force that day; 0 when that version leaves the program out or no version is in force';

-- the benchmark outcome of an event no version with the program governs (SPEC §2.5)
ALTER TABLE benchmark_event_outcome
  MODIFY outcome VARCHAR(16) NOT NULL COMMENT 'PENDING (valid, waiting for its session), WITHDRAWN (left the snapshot before an outcome), SETTLED (a claim was made), NOT_REACHED (matched, no milestone), INVALID_LATE (filed under min_lead_days ahead), NOT_APPROVED (review not APPROVED; final once its session was due), NO_SESSION (no eligible session in the window by the day after), NO_PROGRAM (no version with the BENCHMARK program governs its planned date; final from the run of the day after)',
  MODIFY final BOOLEAN NOT NULL COMMENT 'The outcome never changes again: SETTLED, NOT_REACHED, INVALID_LATE, NO_SESSION, NO_PROGRAM, and NOT_APPROVED once due. PENDING, WITHDRAWN and an early NOT_APPROVED are not final';

-- a month's summary is the same whenever the monthly job runs: the industry too (issue 33)
ALTER TABLE monthly_summary
  MODIFY industry VARCHAR(32) NOT NULL COMMENT 'Industry of the brand on the month''s last day (brand_history), whenever the monthly job runs';

-- data teams read policy_version and policy_version_change: granted to the reader role in V19
