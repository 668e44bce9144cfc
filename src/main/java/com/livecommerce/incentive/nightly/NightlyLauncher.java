package com.livecommerce.incentive.nightly;

import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.common.RunPaths;
import com.livecommerce.incentive.runs.JobRuns;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Starts (or resumes) the nightly job for one business date. Order (SPEC §5): once any nightly
 * run has completed, a date runs only after the previous date completed, because first come
 * first served depends on every earlier day; the first run ever may take any date.
 */
@Component
public class NightlyLauncher {

	private final JobRuns runs;

	private final Job nightlyJob;

	public NightlyLauncher(JobRuns runs, @Qualifier("nightlyJob") Job nightlyJob) {
		this.runs = runs;
		this.nightlyJob = nightlyJob;
	}

	public ExitCode launch(LocalDate businessDate, Path inbox, Path out, Path policy, PrintWriter stdout,
			PrintWriter stderr) {
		JobParameters parameters = new JobParametersBuilder()
			.addLocalDate(NightlyRun.BUSINESS_DATE, businessDate)
			.addString(NightlyRun.INBOX, RunPaths.canonical(inbox).toString(), false)
			.addString(NightlyRun.OUT, RunPaths.canonical(out).toString(), false)
			.addString(NightlyRun.POLICY, RunPaths.canonical(policy).toString(), false)
			.toJobParameters();
		return this.runs.launch("nightly " + businessDate, this.nightlyJob, businessDate.toString(),
				identifying(businessDate), parameters, policy,
				() -> outOfOrder(businessDate), "nightly --date " + businessDate, stdout, stderr);
	}

	/** Whether the nightly run of {@code businessDate} has completed. */
	public boolean isCompleted(LocalDate businessDate) {
		return this.runs.isCompleted(NightlyRun.JOB, identifying(businessDate));
	}

	private String outOfOrder(LocalDate businessDate) {
		if (this.runs.anyCompleted(NightlyRun.JOB) && !isCompleted(businessDate.minusDays(1))) {
			return businessDate.minusDays(1)
					+ " has not completed (first come first served needs every earlier day); run it first";
		}
		return null;
	}

	private static JobParameters identifying(LocalDate businessDate) {
		return new JobParametersBuilder().addLocalDate(NightlyRun.BUSINESS_DATE, businessDate).toJobParameters();
	}

}
