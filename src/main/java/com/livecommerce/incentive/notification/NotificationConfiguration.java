package com.livecommerce.incentive.notification;

import com.livecommerce.incentive.common.DeferredReader;
import com.livecommerce.incentive.common.KeyRanges;
import com.livecommerce.incentive.common.ParallelProperties;
import com.livecommerce.incentive.runs.MonthlyRun;
import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.runs.Progress;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The notification steps (SPEC §2.8), as beans: one chunk step per message type (restartable after
 * the last committed chunk), then a step that publishes the batch: its file and its row. The
 * nightly batch of business date D is {@code nightly-D}; the monthly job's is {@code monthly-M}.
 */
@Configuration
public class NotificationConfiguration {

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final JdbcTemplate jdbc;

	private final int chunkSize;

	private final int parts;

	private final Composer composer = new Composer(new Templates());

	NotificationConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcTemplate jdbc, NotificationProperties properties, ParallelProperties parallel) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.jdbc = jdbc;
		this.chunkSize = properties.chunkSize();
		this.parts = parallel.parts();
	}

	public static String batchId(LocalDate businessDate) {
		return "nightly-" + businessDate;
	}

	/**
	 * One SESSION_REWARD per session of the day with at least one claim. The earlier coupons of a
	 * chunk's accounts are read in one query, then its messages composed and written. Sessions are
	 * independent, so their messages are made in parts side by side, by ranges of the session id
	 * that hold as many of the day's grants each: a message's key is its session's, and each part
	 * appends its messages in order ({@link KeyRanges}). The batch file orders them by dedupe key
	 * whatever the order they were written in.
	 */
	@Bean
	Step notifySessionRewards(NightlyRun run) {
		NotificationWriter writer = new NotificationWriter(this.jdbc);
		Step part = new StepBuilder("notify-session-rewards-part", this.jobRepository)
			.<List<Sources.ClaimRow>, List<Sources.ClaimRow>>chunk(this.chunkSize)
			.transactionManager(this.transactionManager)
			.reader(DeferredReader.fromContext(context -> Sources.sessionRewards(this.jdbc.getDataSource(),
					run.businessDate(), KeyRanges.range(context))))
			.writer(chunk -> {
				LocalDate date = run.businessDate();
				Map<String, Sources.EarlierCoupons> earlier = Sources.earlierCoupons(this.jdbc, date,
						chunk.getItems().stream().map(claims -> claims.get(0).accountId()).distinct().toList());
				List<Message> messages = new ArrayList<>(chunk.size());
				for (List<Sources.ClaimRow> claims : chunk.getItems()) {
					Sources.EarlierCoupons coupons = earlier.getOrDefault(claims.get(0).accountId(),
							Sources.EarlierCoupons.NONE);
					messages.add(this.composer.sessionReward(batchId(date), date,
							claims.stream().map(c -> c.withEarlier(coupons)).toList()));
				}
				writer.write(new Chunk<>(messages));
			})
			.listener((StepListener) new Progress("messages", null))
			.build();
		return KeyRanges.of("notify-session-rewards", this.jobRepository, part, this.parts,
				parts -> KeyRanges.quantiles(this.jdbc, parts, "coupon_grant WHERE business_date = ?", "session_id",
						run.businessDate()));
	}

	/** One ACCOUNT_STATUS per status change of the day. */
	@Bean
	Step notifyStatusChanges(NightlyRun run) {
		return messages("notify-status-changes", () -> Sources.statusChanges(this.jdbc.getDataSource(), run.businessDate()),
				row -> this.composer.accountStatus(batchId(run.businessDate()), run.businessDate(), row));
	}

	/** One CLAWBACK per clawback of the day. */
	@Bean
	Step notifyClawbacks(NightlyRun run) {
		return messages("notify-clawbacks", () -> Sources.clawbacks(this.jdbc.getDataSource(), run.businessDate()),
				row -> this.composer.clawback(batchId(run.businessDate()), run.businessDate(), row));
	}

	/** The night's batch file {@code <out>/<D>/notifications-nightly-<D>.jsonl}, then its notification_batch row. */
	@Bean
	Step publishNotifications(NightlyRun run) {
		return new StepBuilder("publish-notifications", this.jobRepository).tasklet((contribution, context) -> {
			new BatchFile(this.jdbc).publish(batchId(run.businessDate()), "nightly", run.businessDate(), run.out(),
					run.businessDate().toString(), run.businessDate().plusDays(1).atStartOfDay());
			return RepeatStatus.FINISHED;
		}, this.transactionManager).build();
	}

	/** One MONTHLY_STATEMENT per brand of the month (from monthly_summary). */
	@Bean
	Step notifyMonthlyStatements(MonthlyRun run) {
		return messages("notify-monthly-statements",
				() -> Sources.monthlyStatements(this.jdbc.getDataSource(), run.poolMonth()),
				rows -> this.composer.monthlyStatement(run.batchId(), run.lastDay(), run.poolMonth(), rows));
	}

	/** The month's batch file {@code <out>/<M>/notifications-monthly-<M>.jsonl}, then its row. */
	@Bean
	Step publishStatements(MonthlyRun run) {
		return new StepBuilder("publish-statements", this.jobRepository).tasklet((contribution, context) -> {
			new BatchFile(this.jdbc).publish(run.batchId(), "monthly", run.lastDay(), run.out(), run.poolMonth(),
					run.month().plusMonths(1).atDay(1).atStartOfDay());
			return RepeatStatus.FINISHED;
		}, this.transactionManager).build();
	}

	private <S> Step messages(String name, Supplier<? extends ItemStreamReader<S>> source,
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
