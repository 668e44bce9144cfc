package com.livecommerce.incentive.notification;

import com.livecommerce.incentive.common.DeferredReader;
import com.livecommerce.incentive.nightly.NightlyRun;
import com.livecommerce.incentive.runs.Progress;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The notification steps of the nightly job (SPEC §2.8): one chunk step per message type
 * (restartable after the last committed chunk), then publish-notifications writes the batch file
 * and the batch row. The batch of business date D is {@code nightly-D}.
 */
public class NotificationSteps {

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final NightlyRun run;

	private final int chunkSize;

	private final Composer composer = new Composer(new Templates());

	public NotificationSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcTemplate jdbc, NightlyRun run, NotificationProperties properties) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.jdbc = jdbc;
		this.dataSource = jdbc.getDataSource();
		this.run = run;
		this.chunkSize = properties.chunkSize();
	}

	public static String batchId(java.time.LocalDate businessDate) {
		return "nightly-" + businessDate;
	}

	public List<Step> steps() {
		return List.of(
				messages("notify-session-rewards", () -> Sources.sessionRewards(this.dataSource, this.run.businessDate()),
						claims -> this.composer.sessionReward(batchId(), this.run.businessDate(), claims)),
				messages("notify-status-changes",
						() -> Sources.statusChanges(this.dataSource, this.run.businessDate()),
						row -> this.composer.accountStatus(batchId(), this.run.businessDate(), row)),
				messages("notify-clawbacks", () -> Sources.clawbacks(this.dataSource, this.run.businessDate()),
						row -> this.composer.clawback(batchId(), this.run.businessDate(), row)),
				new StepBuilder("publish-notifications", this.jobRepository).tasklet((contribution, context) -> {
					new BatchFile(this.jdbc).publish(batchId(), "nightly", this.run.businessDate(), this.run.out(),
							this.run.businessDate().toString(), this.run.businessDate().plusDays(1).atStartOfDay());
					return RepeatStatus.FINISHED;
				}, this.transactionManager).build());
	}

	/**
	 * The monthly job's statement steps: one MONTHLY_STATEMENT per brand of the month, then the
	 * batch {@code monthly-<yyyy-MM>} published to {@code <out>/<yyyy-MM>/}. The month comes from
	 * the job-scoped run, hence suppliers.
	 */
	public List<Step> monthlyStatements(Supplier<YearMonth> month, Supplier<Path> out) {
		return List.of(
				messages("notify-monthly-statements",
						() -> Sources.monthlyStatements(this.dataSource, month.get().toString()),
						rows -> this.composer.monthlyStatement("monthly-" + month.get(), month.get().atEndOfMonth(),
								month.get().toString(), rows)),
				new StepBuilder("publish-statements", this.jobRepository).tasklet((contribution, context) -> {
					YearMonth m = month.get();
					new BatchFile(this.jdbc).publish("monthly-" + m, "monthly", m.atEndOfMonth(), out.get(), m.toString(),
							m.plusMonths(1).atDay(1).atStartOfDay());
					return RepeatStatus.FINISHED;
				}, this.transactionManager).build());
	}

	private String batchId() {
		return batchId(this.run.businessDate());
	}

	private <S> Step messages(String name, java.util.function.Supplier<? extends ItemStreamReader<S>> source,
			ItemProcessor<S, Message> compose) {
		return new StepBuilder(name, this.jobRepository).<S, Message>chunk(this.chunkSize)
			.transactionManager(this.transactionManager)
			.reader(new DeferredReader<>(source))
			.processor(compose)
			.writer(new NotificationWriter(this.jdbc))
			.listener((StepListener) new Progress("messages", null))
			.build();
	}

}
