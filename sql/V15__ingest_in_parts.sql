-- broadcasts.csv is staged in parts side by side (issue 18), each part resuming after its own last
-- committed chunk. A part may resume only on rows staged since the file was last (re)started: the
-- step execution that started it is recorded here, in the same transaction that removes what an
-- earlier attempt staged, and each part keeps it beside its position in the file.

ALTER TABLE ingest_file
  ADD COLUMN staged_by BIGINT NULL
    COMMENT 'While STAGING: the step execution (BATCH_STEP_EXECUTION) that started staging this content from its first row; a part resumes after its last committed chunk only if it staged for that one. Null once staged'
    AFTER state;
