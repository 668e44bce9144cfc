package com.livecommerce.incentive.nightly;

import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.common.RunPaths;
import com.livecommerce.incentive.runs.JobRuns;
import com.livecommerce.incentive.runs.RunOrder;
import java.util.Set;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Starts (or resumes) the nightly job for one business date, in the order {@link RunOrder} keeps
 * (SPEC §5).
 */
@Component
public class NightlyLauncher {

	private final JobRuns runs;

	private final Job nightlyJob;

	private final RunOrder order;

	public NightlyLauncher(JobRuns runs, @Qualifier("nightlyJob") Job nightlyJob, RunOrder order) {
		this.runs = runs;
		this.nightlyJob = nightlyJob;
		this.order = order;
	}

	public ExitCode launch(LocalDate businessDate, Path inbox, Path out, Path policy, PrintWriter stdout,
			PrintWriter stderr) {
		return launch(businessDate, inbox, out, policy, Set.of(), stdout, stderr);
	}

	/**
	 * @param acceptLowVolume files whose row count the operator accepts although it is below the
	 * volume gate (recorded with the run: a parameter of its execution, in its report)
	 */
	public ExitCode launch(LocalDate businessDate, Path inbox, Path out, Path policy, Set<String> acceptLowVolume,
			PrintWriter stdout, PrintWriter stderr) {
		JobParametersBuilder builder = new JobParametersBuilder()
			.addLocalDate(NightlyRun.BUSINESS_DATE, businessDate)
			.addString(NightlyRun.INBOX, RunPaths.canonical(inbox).toString(), false)
			.addString(NightlyRun.OUT, RunPaths.canonical(out).toString(), false)
			.addString(NightlyRun.POLICY, RunPaths.canonical(policy).toString(), false);
		if (!acceptLowVolume.isEmpty()) {
			builder.addString(NightlyRun.ACCEPT_LOW_VOLUME, String.join(",", new java.util.TreeSet<>(acceptLowVolume)),
					false);
		}
		JobParameters parameters = builder.toJobParameters();
		return this.runs.launch("nightly " + businessDate, this.nightlyJob, businessDate.toString(),
				identifying(businessDate), parameters, policy,
				() -> this.order.nightly(businessDate, policy), "nightly --date " + businessDate, stdout, stderr);
	}

	private static JobParameters identifying(LocalDate businessDate) {
		return new JobParametersBuilder().addLocalDate(NightlyRun.BUSINESS_DATE, businessDate).toJobParameters();
	}

}
