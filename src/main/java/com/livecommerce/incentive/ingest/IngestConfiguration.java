package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.common.DeferredReader;
import com.livecommerce.incentive.common.HashPartitions;
import com.livecommerce.incentive.common.ParallelProperties;
import com.livecommerce.incentive.common.PrefetchingReader;
import com.livecommerce.incentive.common.Transactions;
import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.runs.Progress;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ingest steps of the nightly job, as beans: check-input, one chunk step per extract
 * ({@link ExtractReader} and {@link ExtractProcessor}, read ahead by a {@link PrefetchingReader},
 * → {@link StagingWriter}, guarded by {@link IngestFileTracker}; the sessions in parts side by
 * side), input-gate and apply-input. The nightly job chains them.
 */
@Configuration
public class IngestConfiguration {

	/**
	 * A chunk of an ingest step runs at READ COMMITTED, so that the lookups after its write see
	 * what the write found stored (StagingWriter): a restart can begin while the killed run's last
	 * COMMIT is still carried out on the server; the write waits for those rows and keeps them, and
	 * at REPEATABLE READ the lookups would read the chunk's snapshot, taken before that commit.
	 */
	static final TransactionAttribute CHUNK_TRANSACTION = Transactions.READ_COMMITTED;

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final JdbcTemplate jdbc;

	private final NightlyRun run;

	private final IngestProperties properties;

	private final int parts;

	IngestConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			NightlyRun run, IngestProperties properties, ParallelProperties parallel) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.jdbc = jdbc;
		this.run = run;
		this.properties = properties;
		this.parts = parallel.parts();
	}

	/**
	 * Every file the day needs is there with the right header, and, once the day's input was
	 * applied, as it was applied; runs again on every restart.
	 */
	@Bean
	Step checkInput() {
		return new StepBuilder("check-input", this.jobRepository)
			.tasklet(new CheckInputTasklet(this.run, this.jdbc), this.transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	Step ingestBrands() {
		return ingest(InputFile.BRANDS);
	}

	@Bean
	Step ingestAccounts() {
		return ingest(InputFile.ACCOUNTS);
	}

	/** The sessions, the one large file: read in parts side by side, by a hash of the session id. */
	@Bean
	Step ingestBroadcasts() {
		return ingestInParts(InputFile.BROADCASTS);
	}

	@Bean
	Step ingestStoreRisk() {
		return ingest(InputFile.STORE_RISK);
	}

	@Bean
	Step ingestViolations() {
		return ingest(InputFile.VIOLATIONS);
	}

	@Bean
	Step ingestBenchmarkEvents() {
		return ingest(InputFile.BENCHMARK_EVENTS);
	}

	@Bean
	Step ingestCouponUsage() {
		return ingest(InputFile.COUPON_USAGE);
	}

	/**
	 * The rejects files; the run fails when a file has too many bad rows. Runs again on every
	 * restart: a file staged again must pass again.
	 */
	@Bean
	Step inputGate() {
		return new StepBuilder("input-gate", this.jobRepository)
			.tasklet(new InputGateTasklet(this.run, this.jdbc, this.properties), this.transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	/** The staged rows merged into the tables, in one transaction. */
	@Bean
	Step applyInput() {
		return new StepBuilder("apply-input", this.jobRepository)
			.tasklet(new ApplyInputTasklet(this.run, this.jdbc), this.transactionManager)
			.build();
	}

	/**
	 * A file read in parts side by side, each part by a reader of its own that parses only its own
	 * rows and commits and resumes on its own; a row's part is that of its key, so duplicates meet
	 * in one part (ExtractProcessor.forThePart). The step decides once whether the file is read,
	 * and records it when all parts are done (IngestFileTracker).
	 */
	private <T> Step ingestInParts(InputFile file) {
		Extract<T> extract = Extracts.of(file);
		ExtractProcessor<T> parser = new ExtractProcessor<>(extract, this.run);
		IngestFileTracker tracker = IngestFileTracker.ofParts(extract, this.run, this.jdbc,
				new TransactionTemplate(this.transactionManager));
		Step part = new StepBuilder(file.stepName() + "-part", this.jobRepository)
			.<ParsedRow<T>, ParsedRow<T>>chunk(this.properties.chunkSize())
			.transactionManager(this.transactionManager)
			.transactionAttribute(CHUNK_TRANSACTION)
			.reader(DeferredReader.fromContext(context -> new PrefetchingReader<>(new ExtractReader(file, this.run),
					file.stepName() + ".read.count",
					() -> parser.forThePart(HashPartitions.part(context), HashPartitions.parts(context)),
					2 * this.properties.chunkSize())))
			.writer(new StagingWriter<>(extract, this.jdbc, this.run))
			.listener(tracker.part())
			.listener((StepListener) new Progress("rows", null))
			// every part runs on every restart: a part that finished skips itself, unless the file is read again
			.allowStartIfComplete(true)
			.build();
		return HashPartitions.builder(file.stepName(), this.jobRepository, part, this.parts)
			.listener(tracker)
			.allowStartIfComplete(true)
			.build();
	}

	private <T> Step ingest(InputFile file) {
		Extract<T> extract = Extracts.of(file);
		ExtractProcessor<T> parser = new ExtractProcessor<>(extract, this.run);
		return new StepBuilder(file.stepName(), this.jobRepository)
			.<ParsedRow<T>, ParsedRow<T>>chunk(this.properties.chunkSize())
			.transactionManager(this.transactionManager)
			.transactionAttribute(CHUNK_TRANSACTION)
			// records are read and parsed a chunk ahead, while the chunk before is checked and staged
			.reader(new PrefetchingReader<>(new ExtractReader(file, this.run), file.stepName() + ".read.count",
					parser::forTheRun, 2 * this.properties.chunkSize()))
			.writer(new StagingWriter<>(extract, this.jdbc, this.run))
			.listener(new IngestFileTracker(extract, this.run, this.jdbc, new TransactionTemplate(this.transactionManager)))
			.listener((StepListener) new Progress("rows", null))
			// runs on every restart; the tracker skips a file whose content is already staged
			.allowStartIfComplete(true)
			.build();
	}

}
