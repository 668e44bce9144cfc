package com.livecommerce.incentive.monthly;

import com.livecommerce.incentive.notification.NotificationProperties;
import com.livecommerce.incentive.notification.NotificationSteps;
import com.livecommerce.incentive.runs.RunReport;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The monthly job for month M (SPEC §1), after the nightly run of M's last day:
 * <ol>
 * <li>verify-ledger: every invariant of SPEC §6 over the month, or the run fails naming the rows;</li>
 * <li>close-pools: the month's pools close; later clawbacks of its grants return nothing to them;</li>
 * <li>monthly-summary: monthly_summary per program and brand, as of the month's last day;</li>
 * <li>notify-monthly-statements, publish-statements: one MONTHLY_STATEMENT per brand, batch
 * monthly-M in {@code <out>/M/};</li>
 * <li>monthly-report: {@code <out>/M/report-M.html}.</li>
 * </ol>
 */
@Configuration
public class MonthlyJobConfiguration {

	public static final String JOB_NAME = "monthly";

	@Bean
	@JobScope
	MonthlyRun monthlyRun(@Value("#{jobParameters['" + MonthlyRun.MONTH + "']}") String month,
			@Value("#{jobParameters['" + MonthlyRun.OUT + "']}") String out) {
		return new MonthlyRun(YearMonth.parse(month), Path.of(out));
	}

	@Bean
	Job monthlyJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			MonthlyRun run, NotificationProperties notificationProperties) {
		SimpleJobBuilder job = new JobBuilder(JOB_NAME, jobRepository)
			.start(tasklet("verify-ledger", new VerifyMonthTasklet(run, jdbc), jobRepository, transactionManager))
			.next(tasklet("close-pools", (contribution, context) -> {
				jdbc.update("UPDATE pool_balance SET closed = TRUE WHERE pool_month = ?", run.poolMonth());
				return org.springframework.batch.infrastructure.repeat.RepeatStatus.FINISHED;
			}, jobRepository, transactionManager))
			.next(tasklet("monthly-summary", new MonthlySummaryTasklet(run, jdbc), jobRepository, transactionManager));
		for (Step step : new NotificationSteps(jobRepository, transactionManager, jdbc, null, notificationProperties)
			.monthlyStatements(run::month, run::out)) {
			job = job.next(step);
		}
		return job.next(tasklet("monthly-report", new MonthlyReport(run, jdbc), jobRepository, transactionManager))
			.listener(new RunReport(e -> com.livecommerce.incentive.common.RunPaths.under(
					Path.of(e.getJobParameters().getString(MonthlyRun.OUT)), e.getJobParameters().getString(MonthlyRun.MONTH)),
					e -> {
					String month = e.getJobParameters().getString(MonthlyRun.MONTH);
					Map<String, Object> figures = new LinkedHashMap<>();
					figures.put("programs", RunReport.figure(jdbc, """
							SELECT program, SUM(claims) AS claims, SUM(coupons_granted) AS granted,
							  SUM(coupons_clawed_back) AS clawed_back, SUM(coupons_expired) AS expired,
							  SUM(coupons_used) AS used FROM monthly_summary WHERE pool_month = ? GROUP BY program
							ORDER BY program""", month));
					figures.put("statements", RunReport.figure(jdbc,
							"SELECT COUNT(*) FROM notification WHERE batch_id = ?", "monthly-" + month));
					return figures;
				}))
			.build();
	}

	private static Step tasklet(String name, Tasklet tasklet, JobRepository jobRepository,
			PlatformTransactionManager transactionManager) {
		return new StepBuilder(name, jobRepository).tasklet(tasklet, transactionManager).build();
	}

}
