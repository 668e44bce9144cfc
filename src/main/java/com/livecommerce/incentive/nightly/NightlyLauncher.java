package com.livecommerce.incentive.nightly;

import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.common.RunPaths;
import com.livecommerce.incentive.runs.JobRuns;
import com.livecommerce.incentive.runs.Refusal;
import com.livecommerce.incentive.policy.PolicyLoader;
import com.livecommerce.incentive.policy.PolicySet;
import java.util.Optional;
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
 * Starts (or resumes) the nightly job for one business date. Order (SPEC §5): once any nightly
 * run has completed, a date runs only after the previous date completed, because first come
 * first served depends on every earlier day; the first run ever may take any date on which a
 * policy version is in force.
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
				() -> order(businessDate, policy), "nightly --date " + businessDate, stdout, stderr);
	}

	/** Whether the nightly run of {@code businessDate} has completed. */
	public boolean isCompleted(LocalDate businessDate) {
		return this.runs.isCompleted(NightlyRun.JOB, identifying(businessDate));
	}

	/**
	 * Why {@code businessDate} may not run now, or null. The first night of a database needs a
	 * policy version in force (exit 2: a night without one grants nothing and would pin every
	 * later date). After it, nights run one after the other (exit 4), and the message says which
	 * date is next.
	 */
	private Refusal order(LocalDate businessDate, Path policy) {
		Optional<String[]> completed = this.runs.completedRange(NightlyRun.JOB, NightlyRun.BUSINESS_DATE);
		if (completed.isEmpty()) {
			PolicySet policies = PolicyLoader.load(policy);
			if (policies.inForceOn(businessDate).isEmpty()) {
				return Refusal.usage("this would be the first night of this database, and no policy version of " + policy
						+ " is in force on " + businessDate + " (" + versions(policies) + "). The first night must be a"
						+ " date a version governs: every later night follows it day by day");
			}
			return null;
		}
		LocalDate first = LocalDate.parse(completed.get()[0]);
		LocalDate last = LocalDate.parse(completed.get()[1]);
		if (businessDate.isBefore(first)) {
			return Refusal.outOfOrder(businessDate + " is before " + first + ", the first night of this database;"
					+ " nights run forward from there and cannot go back. If " + first + " was run by mistake, and only"
					+ " while it is still the only night: undo-first-night --date " + first);
		}
		if (!isCompleted(businessDate.minusDays(1))) {
			LocalDate next = last.plusDays(1);
			return Refusal.outOfOrder(businessDate.minusDays(1) + " has not completed (first come first served needs every"
					+ " earlier day). The last completed night is " + last + "; run " + next + " next"
					+ (next.isBefore(businessDate.minusDays(1)) ? ", or all of them in order: nightly --from " + next
							+ " --to " + businessDate : ""));
		}
		return null;
	}

	private static String versions(PolicySet policies) {
		return policies.versions()
			.stream()
			.map(p -> "\"" + p.version() + "\" " + p.effectiveFrom() + " to " + p.effectiveTo())
			.collect(java.util.stream.Collectors.joining(", "));
	}

	private static JobParameters identifying(LocalDate businessDate) {
		return new JobParametersBuilder().addLocalDate(NightlyRun.BUSINESS_DATE, businessDate).toJobParameters();
	}

}
