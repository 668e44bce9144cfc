package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.common.Sha256;
import com.livecommerce.incentive.runs.NightlyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides, when an ingest step starts, whether its file must be read: not when this content
 * (by SHA-256) is already staged or the day's input already applied; from where it stopped when
 * a failed attempt on the same content is restarted; from the start, after removing what an
 * earlier attempt staged, when the file is new or has changed (upstream delivered a fixed file
 * after the input gate refused the first one). Ingest steps run again on every restart for this
 * reason, and this is what keeps them idempotent.
 *
 * <p>A file staged in parts side by side ({@link #part}) is decided once, by the step that owns
 * the parts, and each part then picks up where it stopped. Staging from the first row records the
 * deciding step execution in ingest_file.staged_by, in the transaction that removes the earlier
 * attempt's rows; a reader keeps it beside its position, saved with every chunk it commits. A
 * reader resumes only on the same one: otherwise nothing it committed is left, and it starts from
 * its first row.
 */
class IngestFileTracker implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(IngestFileTracker.class);

	/** The staging that the reader's position belongs to (ingest_file.staged_by). */
	private static final String STAGED_BY_KEY = "ingest.staged-by";

	/** Set when a part has read its whole share: a restart of the other parts skips it. */
	private static final String DONE_KEY = "ingest.done";

	private final Extract<?> extract;

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	/** Whether the step reads the file itself; false: its parts do ({@link #part}). */
	private final boolean reads;

	IngestFileTracker(Extract<?> extract, NightlyRun run, JdbcTemplate jdbc, TransactionTemplate transaction) {
		this(extract, run, jdbc, transaction, true);
	}

	private IngestFileTracker(Extract<?> extract, NightlyRun run, JdbcTemplate jdbc, TransactionTemplate transaction,
			boolean reads) {
		this.extract = extract;
		this.run = run;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.reads = reads;
	}

	/** The tracker of a step whose parts read the file; each part has {@link #part}. */
	static IngestFileTracker ofParts(Extract<?> extract, NightlyRun run, JdbcTemplate jdbc,
			TransactionTemplate transaction) {
		return new IngestFileTracker(extract, run, jdbc, transaction, false);
	}

	/** The listener of each part: where it starts, from the decision its step made. */
	StepExecutionListener part() {
		return new StepExecutionListener() {

			@Override
			public void beforeStep(StepExecution stepExecution) {
				position(stepExecution.getExecutionContext(), true);
			}

			@Override
			public ExitStatus afterStep(StepExecution stepExecution) {
				if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
					stepExecution.getExecutionContext().put(DONE_KEY, true);
				}
				return null;
			}

		};
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		decide(stepExecution.getId());
		if (this.reads) {
			position(stepExecution.getExecutionContext(), false);
		}
	}

	/**
	 * Looks at the file and at what ingest_file says of it: nothing to do, go on with the staging
	 * in progress, or stage it from the first row (removing what an earlier attempt staged, and the
	 * files checked against it).
	 */
	private void decide(long stepExecutionId) {
		LocalDate date = this.run.businessDate();
		String fileName = this.extract.file().fileName();
		Path path = this.run.inboxDay().resolve(this.extract.file().fileName());
		if (!Files.exists(path) && !this.extract.file().required()) {
			log.info("{}: optional file absent, nothing to ingest", fileName);
			return;
		}
		String sha256;
		try {
			sha256 = Sha256.of(path);
		}
		catch (java.io.UncheckedIOException ex) {
			throw InputFileException.unreadable(path, ex.getCause());
		}
		List<String[]> known = this.jdbc.query(
				"SELECT sha256, state FROM ingest_file WHERE business_date = ? AND file_name = ?",
				(rs, i) -> new String[] { rs.getString(1), rs.getString(2) }, date, fileName);
		String knownSha = known.isEmpty() ? null : known.get(0)[0];
		String state = known.isEmpty() ? null : known.get(0)[1];
		if ("APPLIED".equals(state)) {
			if (!sha256.equals(knownSha)) {
				log.warn("{} changed after the day's input was applied; the applied content (sha256 {}) stands",
						path, knownSha);
			}
			return;
		}
		if (sha256.equals(knownSha) && ("STAGED".equals(state) || "STAGING".equals(state))) {
			return;
		}
		if (state != null) {
			log.info("{}: {} content, staging it again from the first row", fileName,
					sha256.equals(knownSha) ? "unfinished" : "changed");
		}
		this.transaction.executeWithoutResult(tx -> {
			// Files checked against this one's rows are staged again too.
			for (InputFile dependent : Extracts.dependentsOf(this.extract.file())) {
				this.jdbc.update("DELETE FROM ingest_file WHERE business_date = ? AND file_name = ?", date,
						dependent.fileName());
			}
			for (String purge : this.extract.purgeStatements()) {
				this.jdbc.update(purge, date);
			}
			this.jdbc.update("DELETE FROM rejected_input WHERE business_date = ? AND file_name = ?", date, fileName);
			this.jdbc.update("DELETE FROM ingest_repeat WHERE business_date = ? AND file_name = ?", date, fileName);
			this.jdbc.update("""
					INSERT INTO ingest_file (business_date, file_name, sha256, state, staged_by)
					SELECT * FROM (SELECT ? AS business_date, ? AS file_name, ? AS sha256, 'STAGING' AS state,
					  ? AS staged_by) AS new
					ON DUPLICATE KEY UPDATE sha256 = new.sha256, state = 'STAGING', staged_by = new.staged_by,
					  rows_read = NULL, rows_rejected = NULL, rows_redelivered = NULL, rows_redelivered_changed = NULL""",
					date, fileName, sha256, stepExecutionId);
		});
	}

	/**
	 * Where a reader of the file starts, in its own {@code context}: nowhere when the file is not
	 * being staged (absent, staged or applied), after its last committed chunk when that chunk
	 * belongs to the staging in progress, else at the first row.
	 */
	private void position(ExecutionContext context, boolean part) {
		List<Long> stagedBy = this.jdbc.query(
				"SELECT staged_by FROM ingest_file WHERE business_date = ? AND file_name = ? AND state = 'STAGING'",
				(rs, i) -> rs.getLong(1), this.run.businessDate(), this.extract.file().fileName());
		if (stagedBy.isEmpty()) {
			context.put(ExtractReader.SKIP_KEY, true);
			return;
		}
		boolean same = stagedBy.get(0).equals(context.containsKey(STAGED_BY_KEY) ? context.getLong(STAGED_BY_KEY) : null);
		if (same && part && context.containsKey(DONE_KEY)) {
			context.put(ExtractReader.SKIP_KEY, true);
			return;
		}
		context.put(ExtractReader.SKIP_KEY, false);
		if (same) {
			log.info("{}: resuming after the last committed chunk", this.extract.file().fileName());
			return;
		}
		String readerKey = this.extract.file().stepName() + ".read.count";
		context.remove(readerKey);
		context.remove(readerKey + ".max");
		context.remove(DONE_KEY);
		context.putLong(STAGED_BY_KEY, stagedBy.get(0));
	}

	private <T> RepeatedIds<T> repeatedIds(Extract<T> extract) {
		return new RepeatedIds<>(extract, this.run, this.jdbc);
	}

	/**
	 * The file is staged: its repeated ids decided ({@link RepeatedIds}) and its rows counted. A
	 * failure here fails the step (Spring Batch only logs what afterStep throws, and the step would
	 * stand COMPLETED with the file half-decided).
	 */
	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		try {
			return finish(stepExecution);
		}
		catch (RuntimeException ex) {
			log.error("{}: could not finish staging: {}", this.extract.file().fileName(), ex.getMessage());
			stepExecution.setStatus(BatchStatus.FAILED);
			stepExecution.addFailureException(ex);
			return ExitStatus.FAILED.addExitDescription(ex);
		}
	}

	private ExitStatus finish(StepExecution stepExecution) {
		LocalDate date = this.run.businessDate();
		String fileName = this.extract.file().fileName();
		if (stepExecution.getStatus() != BatchStatus.COMPLETED || this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM ingest_file WHERE business_date = ? AND file_name = ? AND state = 'STAGING'",
				Integer.class, date, fileName) == 0) {
			return null;
		}
		// the ids the file holds more than once: kept once, or every row rejected (before the rows are counted)
		Integer repeats = this.transaction.execute(tx -> repeatedIds(this.extract).decide());
		Integer staged = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM " + this.extract.stagingTable() + " WHERE business_date = ?", Integer.class, date);
		Extract.Redeliveries redeliveries = this.extract.redeliveries(this.jdbc, date);
		int redelivered = redeliveries.rows();
		Integer rejected = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM rejected_input WHERE business_date = ? AND file_name = ?", Integer.class, date,
				fileName);
		this.jdbc.update("""
				UPDATE ingest_file SET state = 'STAGED', staged_by = NULL, rows_read = ?, rows_rejected = ?,
				  rows_redelivered = ?, rows_redelivered_changed = ?
				WHERE business_date = ? AND file_name = ?""", staged + redelivered + rejected + repeats, rejected, redelivered,
				redeliveries.differing(), date, fileName);
		log.info("{}: {} rows, {} rejected{}", fileName, staged + redelivered + rejected + repeats, rejected,
				redelivered > 0 ? ", " + redelivered + " redelivered sessions ignored" : "");
		if (redeliveries.differing() > 0) {
			log.warn("{}: {} of the redelivered sessions say something else than when they were first ingested (kept as"
					+ " first ingested: earlier nights decided on them; ingest_redelivery.differs lists them): {}{}",
					fileName, redeliveries.differing(), String.join(", ", redeliveries.firstDiffering()),
					redeliveries.differing() > redeliveries.firstDiffering().size() ? ", …" : "");
		}
		return null;
	}

}
