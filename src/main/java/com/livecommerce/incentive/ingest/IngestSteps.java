package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.nightly.NightlyRun;
import com.livecommerce.incentive.runs.Progress;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the chunk step that stages one extract: {@link ExtractReader} →
 * {@link ExtractProcessor} → {@link StagingWriter}, guarded by {@link IngestFileTracker}.
 */
public class IngestSteps {

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final JdbcTemplate jdbc;

	private final NightlyRun run;

	private final IngestProperties properties;

	public IngestSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			NightlyRun run, IngestProperties properties) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.jdbc = jdbc;
		this.run = run;
		this.properties = properties;
	}

	public Step step(InputFile file) {
		return build(Extracts.of(file));
	}

	private <T> Step build(Extract<T> extract) {
		return new StepBuilder(extract.file().stepName(), this.jobRepository)
			.<CsvRow, ParsedRow<T>>chunk(this.properties.chunkSize())
			.transactionManager(this.transactionManager)
			.reader(new ExtractReader(extract.file(), this.run))
			.processor(new ExtractProcessor<>(extract, this.run))
			.writer(new StagingWriter<>(extract, this.jdbc, this.run))
			.listener(new IngestFileTracker(extract, this.run, this.jdbc, new TransactionTemplate(this.transactionManager)))
			.listener((StepListener) new Progress("rows", null))
			// runs on every restart; the tracker skips a file whose content is already staged
			.allowStartIfComplete(true)
			.build();
	}

}
