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
 */
class IngestFileTracker implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(IngestFileTracker.class);

	private static final String FINGERPRINT_KEY = "ingest.sha256";

	private final Extract<?> extract;

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	IngestFileTracker(Extract<?> extract, NightlyRun run, JdbcTemplate jdbc, TransactionTemplate transaction) {
		this.extract = extract;
		this.run = run;
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		ExecutionContext context = stepExecution.getExecutionContext();
		LocalDate date = this.run.businessDate();
		String fileName = this.extract.file().fileName();
		Path path = this.run.inboxDay().resolve(this.extract.file().fileName());
		if (!Files.exists(path) && !this.extract.file().required()) {
			log.info("{}: optional file absent, nothing to ingest", fileName);
			context.put(ExtractReader.SKIP_KEY, true);
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
			context.put(ExtractReader.SKIP_KEY, true);
			return;
		}
		if ("STAGED".equals(state) && sha256.equals(knownSha)) {
			context.put(ExtractReader.SKIP_KEY, true);
			return;
		}
		context.put(ExtractReader.SKIP_KEY, false);
		if ("STAGING".equals(state) && sha256.equals(knownSha) && sha256.equals(context.get(FINGERPRINT_KEY))) {
			log.info("{}: resuming after the last committed chunk", fileName);
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
			this.jdbc.update("""
					INSERT INTO ingest_file (business_date, file_name, sha256, state)
					SELECT * FROM (SELECT ? AS business_date, ? AS file_name, ? AS sha256, 'STAGING' AS state) AS new
					ON DUPLICATE KEY UPDATE sha256 = new.sha256, state = 'STAGING', rows_read = NULL,
					  rows_rejected = NULL, rows_redelivered = NULL, rows_redelivered_changed = NULL""", date, fileName, sha256);
		});
		String readerKey = this.extract.file().stepName() + ".read.count";
		context.remove(readerKey);
		context.remove(readerKey + ".max");
		context.put(FINGERPRINT_KEY, sha256);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		boolean skipped = Boolean.TRUE.equals(stepExecution.getExecutionContext().get(ExtractReader.SKIP_KEY));
		if (skipped || stepExecution.getStatus() != BatchStatus.COMPLETED) {
			return null;
		}
		LocalDate date = this.run.businessDate();
		String fileName = this.extract.file().fileName();
		Integer staged = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM " + this.extract.stagingTable() + " WHERE business_date = ?", Integer.class, date);
		Extract.Redeliveries redeliveries = this.extract.redeliveries(this.jdbc, date);
		int redelivered = redeliveries.rows();
		Integer rejected = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM rejected_input WHERE business_date = ? AND file_name = ?", Integer.class, date,
				fileName);
		this.jdbc.update("""
				UPDATE ingest_file SET state = 'STAGED', rows_read = ?, rows_rejected = ?, rows_redelivered = ?,
				  rows_redelivered_changed = ?
				WHERE business_date = ? AND file_name = ?""", staged + redelivered + rejected, rejected, redelivered,
				redeliveries.differing(), date, fileName);
		log.info("{}: {} rows, {} rejected{}", fileName, staged + redelivered + rejected, rejected,
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
