package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.runs.RunStatus;
import java.math.BigDecimal;
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
 * has more bad rows than both limits of {@link IngestProperties}, or far fewer rows than its
 * last nights (the volume gate, {@link IngestProperties.Volume}).
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
		long rejectedInAll = 0;
		for (InputFile file : InputFile.values()) {
			List<long[]> counts = this.jdbc.query(
					"SELECT rows_read, rows_rejected FROM ingest_file WHERE business_date = ? AND file_name = ?",
					(rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) }, date, file.fileName());
			if (counts.isEmpty()) {
				continue; // an optional file that was absent
			}
			long rows = counts.get(0)[0];
			long rejected = counts.get(0)[1];
			rejectedInAll += rejected;
			this.rejectsFiles.write(date, file, rejected, this.run.outDay().resolve("rejects"));
			if (rejected > 0) {
				log.warn("{}: {} of {} rows rejected, listed in {}", file.fileName(), rejected, rows,
						this.run.outDay().resolve("rejects").resolve(file.fileName()));
			}
			if (this.properties.tooManyBadRows(rejected, rows)) {
				refused.add(file.fileName() + " has " + rejected + " bad rows of " + rows + ", more than both "
						+ this.properties.maxBadRows() + " rows and " + this.properties.maxBadRowPercent().toPlainString()
						+ " % (see " + this.run.outDay().resolve("rejects") + ")");
			}
			volume(date, file, rows).ifPresent(refused::add);
		}
		// what status shows of this execution once a later one of the date has read other files
		contribution.getStepExecution().getExecutionContext().putLong(RunStatus.REJECTED_KEY, rejectedInAll);
		if (!refused.isEmpty()) {
			throw new InputFileException(this.run.inboxDay(), String.join("; ", refused) + "; nothing was applied");
		}
		return RepeatStatus.FINISHED;
	}

	/**
	 * The volume gate: fewer rows than the set share of the median of the file's last nights is
	 * refused (the reason), unless the operator accepted it for this run. The median and the
	 * acceptance are recorded in ingest_file, and so in the run report.
	 */
	private java.util.Optional<String> volume(LocalDate date, InputFile file, long rows) {
		IngestProperties.Volume volume = this.properties.volume();
		BigDecimal share = volume.minShare(file);
		List<Long> earlier = this.jdbc.queryForList("""
				SELECT rows_read FROM ingest_file WHERE file_name = ? AND business_date < ? AND state = 'APPLIED'
				ORDER BY business_date DESC LIMIT ?""", Long.class, file.fileName(), date, IngestProperties.Volume.WINDOW);
		if (share.signum() <= 0 || earlier.size() < volume.minNights()) {
			return java.util.Optional.empty(); // not checked for this file, or not yet
		}
		long median = IngestProperties.Volume.median(earlier);
		boolean low = median >= volume.minMedianRows()
				&& BigDecimal.valueOf(rows).compareTo(share.multiply(BigDecimal.valueOf(median))) < 0;
		boolean accepted = low && this.run.lowVolumeAccepted().contains(file.fileName());
		this.jdbc.update("""
				UPDATE ingest_file SET trailing_median_rows = ?, low_volume_accepted = ?
				WHERE business_date = ? AND file_name = ?""", median, accepted, date, file.fileName());
		if (!low) {
			return java.util.Optional.empty();
		}
		String expected = file.fileName() + " has " + rows + " rows, fewer than " + share.multiply(BigDecimal.valueOf(100))
			.stripTrailingZeros()
			.toPlainString() + " % of " + median + ", the median of its last " + earlier.size() + " nights";
		if (accepted) {
			log.warn("{}: accepted by the operator for this run (--accept-low-volume)", expected);
			return java.util.Optional.empty();
		}
		return java.util.Optional.of(expected + " (a partial delivery?). If upstream delivers the whole file, run the"
				+ " same command again; if the day really is this small: nightly --date " + date + " --accept-low-volume "
				+ file.fileName());
	}

}
