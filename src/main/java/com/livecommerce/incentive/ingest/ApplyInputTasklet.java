package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.runs.NightlyRun;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Merges the day's staged rows into the tables in one transaction (the step's), set-based:
 * snapshots are upserted, sessions and violations appended, then the staging rows are removed.
 * All or nothing: a failure here leaves the tables as they were. Run again after it committed (the
 * process died before the step recorded its end), it applies nothing: the files are APPLIED.
 */
public class ApplyInputTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ApplyInputTasklet.class);

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	public ApplyInputTasklet(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		LocalDate date = this.run.businessDate();
		if (alreadyApplied(date)) {
			// the transaction below committed, but the process died before the step recorded that
			// it completed: applying again would count the day's sessions twice
			log.info("the input of {} was applied by an earlier attempt; nothing to apply again", date);
			return RepeatStatus.FINISHED;
		}
		for (InputFile file : InputFile.values()) {
			int rows = 0;
			for (String statement : Extracts.of(file).applyStatements()) {
				rows += this.jdbc.update(statement, date);
			}
			contribution.incrementWriteCount(rows);
			log.info("{}: applied ({} row changes)", file.fileName(), rows);
		}
		this.jdbc.update("UPDATE ingest_file SET state = 'APPLIED' WHERE business_date = ?", date);
		for (InputFile file : InputFile.values()) {
			if (!Extracts.of(file).stagesInPlace()) {
				this.jdbc.update("DELETE FROM " + Extracts.of(file).stagingTable() + " WHERE business_date = ?", date);
			}
		}
		return RepeatStatus.FINISHED;
	}

	/** Every file of the day marked APPLIED, in the same transaction as the merges. */
	private boolean alreadyApplied(LocalDate date) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT COUNT(*) > 0 AND SUM(state <> 'APPLIED') = 0 FROM ingest_file WHERE business_date = ?",
				Boolean.class, date));
	}

}
