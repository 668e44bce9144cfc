package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.runs.NightlyRun;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The input gate between staging and everything else: writes the day's rejects files, then
 * fails the run (before any table a later step or a data team reads has changed) when a file
 * has more bad rows than both limits of {@link IngestProperties}.
 */
public class InputGateTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(InputGateTasklet.class);

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	private final IngestProperties properties;

	private final RejectsFileWriter rejectsFiles;

	public InputGateTasklet(NightlyRun run, JdbcTemplate jdbc, IngestProperties properties) {
		this.run = run;
		this.jdbc = jdbc;
		this.properties = properties;
		this.rejectsFiles = new RejectsFileWriter(jdbc);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		LocalDate date = this.run.businessDate();
		List<String> refused = new ArrayList<>();
		for (InputFile file : InputFile.values()) {
			List<long[]> counts = this.jdbc.query(
					"SELECT rows_read, rows_rejected FROM ingest_file WHERE business_date = ? AND file_name = ?",
					(rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) }, date, file.fileName());
			if (counts.isEmpty()) {
				continue; // an optional file that was absent
			}
			long rows = counts.get(0)[0];
			long rejected = counts.get(0)[1];
			this.rejectsFiles.write(date, file, rejected, this.run.outDay().resolve("rejects"));
			if (rejected > 0) {
				log.warn("{}: {} of {} rows rejected, listed in {}", file.fileName(), rejected, rows,
						this.run.outDay().resolve("rejects").resolve(file.fileName()));
			}
			if (this.properties.tooManyBadRows(rejected, rows)) {
				refused.add(file.fileName() + " has " + rejected + " bad rows of " + rows + ", more than both "
						+ this.properties.maxBadRows() + " rows and " + this.properties.maxBadRowPercent().toPlainString()
						+ " %");
			}
		}
		if (!refused.isEmpty()) {
			throw new InputFileException(this.run.inboxDay(), String.join("; ", refused)
					+ " (see " + this.run.outDay().resolve("rejects") + "); nothing was applied");
		}
		return RepeatStatus.FINISHED;
	}

}
