package com.livecommerce.incentive.monthly;

import com.livecommerce.incentive.common.AtomicFiles;
import com.livecommerce.incentive.common.RunPaths;
import com.livecommerce.incentive.runs.Figure;
import com.livecommerce.incentive.runs.MonthlyRun;
import com.livecommerce.incentive.runs.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The monthly job for month M (SPEC §1), once the nightly run of M's last day has completed, top
 * to bottom. The summary and the report are this job's own steps; the others are beans of the
 * ledger, allocation and notification features. docs/jobs.md ("Monthly, for month M") draws the chain.
 */
@Configuration
public class MonthlyJobConfiguration {

	@Bean
	Job monthlyJob(JobRepository jobRepository, JdbcTemplate jdbc,
			// every invariant of SPEC §6 over the month, before anything is closed or sent
			Step verifyLedger,
			// later clawbacks of the month's grants return nothing to its pools
			Step closePools,
			// monthly_summary per program and brand, as of the month's last day
			Step monthlySummary,
			// one MONTHLY_STATEMENT per brand, then the batch monthly-M
			Step notifyMonthlyStatements, Step publishStatements,
			// <out>/M/report-M.html
			Step monthlyReport, RunReport monthlyRunReport) {
		return new JobBuilder(MonthlyRun.JOB, jobRepository).start(verifyLedger)
			.next(closePools)
			.next(monthlySummary)
			.next(notifyMonthlyStatements)
			.next(publishStatements)
			.next(monthlyReport)
			.listener(monthlyRunReport)
			.build();
	}

	/** {@code <out>/<M>/run-report.txt} and {@code .json}; written again by a rerun that finds one missing. */
	@Bean
	RunReport monthlyRunReport(JdbcTemplate jdbc) {
		return new RunReport(MonthlyRun.JOB, MonthlyJobConfiguration::outMonth, e -> figures(jdbc, month(e)),
				MonthlyJobConfiguration::summary);
	}

	@Bean
	Step monthlySummary(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			MonthlyRun run) {
		return new StepBuilder("monthly-summary", jobRepository)
			.tasklet(new MonthlySummaryTasklet(run, jdbc), transactionManager)
			.build();
	}

	@Bean
	Step monthlyReport(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			MonthlyRun run) {
		return new StepBuilder("monthly-report", jobRepository).tasklet((contribution, context) -> {
			String page = MonthlyReportPage.render(MonthlyReportData.read(jdbc, run.month()));
			AtomicFiles.write(run.outMonth().resolve(MonthlyReportPage.fileName(run.poolMonth())), "the monthly report",
					page);
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	private static String month(JobExecution execution) {
		return execution.getJobParameters().getString(MonthlyRun.MONTH);
	}

	private static Path outMonth(JobExecution execution) {
		return RunPaths.under(Path.of(execution.getJobParameters().getString(MonthlyRun.OUT)), month(execution));
	}

	private static List<Figure> figures(JdbcTemplate jdbc, String month) {
		return List.of(Figure.of(jdbc, "programs", """
				SELECT program, SUM(claims) AS claims, SUM(coupons_granted) AS granted,
				  SUM(coupons_clawed_back) AS clawed_back, SUM(coupons_expired) AS expired, SUM(coupons_used) AS used,
				  SUM(coupons_unused) AS unused
				FROM monthly_summary WHERE pool_month = ? GROUP BY program ORDER BY program""", month),
				Figure.of(jdbc, "statements", "SELECT COUNT(*) AS messages FROM notification WHERE batch_id = ?",
						"monthly-" + month));
	}

	/** The month's totals per program, and where its statements and report are. */
	private static List<String> summary(Path outMonth, List<Figure> figures) {
		List<String> lines = new ArrayList<>();
		Figure programs = figures.stream().filter(f -> f.title().equals("programs")).findFirst().orElseThrow();
		for (java.util.Map<String, Object> p : programs.named()) {
			lines.add(String.format("%-10s %s claims: %s coupons granted, %s used, %s clawed back, %s expired, %s unused",
					p.get("program"), p.get("claims"), p.get("granted"), p.get("used"), p.get("clawed_back"),
					p.get("expired"), p.get("unused")));
		}
		String month = outMonth.getFileName().toString();
		Figure statements = figures.stream().filter(f -> f.title().equals("statements")).findFirst().orElseThrow();
		lines.add("statements: " + statements.named().stream().findFirst().map(r -> r.get("messages")).orElse(0) + " in "
				+ outMonth.resolve("notifications-monthly-" + month + ".jsonl"));
		lines.add("report: " + outMonth.resolve(MonthlyReportPage.fileName(month)) + ", run report: "
				+ outMonth.resolve("run-report.txt"));
		return lines;
	}

}
