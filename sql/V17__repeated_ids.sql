-- An id that one file holds more than once (SPEC §3, issue 34): an exact repeat is kept once;
-- rows of one id that say different things are all rejected, since neither can be trusted. The
-- staging writer keeps the first row of an id as usual and notes each later row here (in the
-- chunk's transaction); when the file's ingest step ends, the file is read once more for the
-- noted lines only, and an id whose rows differ loses its staged row and has every row rejected.
-- Conventions as in V3.

CREATE TABLE ingest_repeat (
  business_date  DATE         NOT NULL COMMENT 'Nightly run whose file holds the repeated id',
  file_name      VARCHAR(64)  NOT NULL COMMENT 'The extract, e.g. broadcasts.csv',
  line_number    INT          NOT NULL COMMENT 'Line of a later row of the id',
  key_value      VARCHAR(255) NOT NULL COMMENT 'The id (the file''s key column, e.g. session_id)',
  first_line     INT          NOT NULL COMMENT 'Line of the first row of the id, the one staged (or counted as a redelivery)',
  PRIMARY KEY (business_date, file_name, line_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='Later rows of an id a file holds more than once, until its ingest step decides them: exact repeats are kept once, differing rows are all rejected (rejected_input).';
