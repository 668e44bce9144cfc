package com.livecommerce.incentive.monthly;

import com.livecommerce.incentive.runs.MonthlyRun;
import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.runs.JobRuns;
import com.livecommerce.incentive.runs.RunOrder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Starts (or resumes) the monthly job for one month, once the nightly run of its last day has completed. */
@Component
public class MonthlyLauncher {

	private final JobRuns runs;

	private final Job monthlyJob;

	private final RunOrder order;

	public MonthlyLauncher(JobRuns runs, @Qualifier("monthlyJob") Job monthlyJob, RunOrder order) {
		this.runs = runs;
		this.monthlyJob = monthlyJob;
		this.order = order;
	}

	public ExitCode launch(YearMonth month, Path out, Path policy, PrintWriter stdout, PrintWriter stderr) {
		JobParameters identifying = new JobParametersBuilder().addString(MonthlyRun.MONTH, month.toString())
			.toJobParameters();
		JobParameters parameters = new JobParametersBuilder(identifying)
			.addString(MonthlyRun.OUT, com.livecommerce.incentive.common.RunPaths.canonical(out).toString(), false)
			.addString(MonthlyRun.POLICY, com.livecommerce.incentive.common.RunPaths.canonical(policy).toString(), false)
			.toJobParameters();
		return this.runs.launch("monthly " + month, this.monthlyJob, month.toString(), identifying, parameters, policy,
				() -> this.order.monthly(month),
				"monthly --month " + month, stdout, stderr);
	}

}
