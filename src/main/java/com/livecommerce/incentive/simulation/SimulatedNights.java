package com.livecommerce.incentive.simulation;

import com.livecommerce.incentive.runs.NightlyRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Runs simulated nights one after the other in the scratch schema this context is connected to,
 * under a candidate policy directory; each night must complete before the next starts (first
 * come first served depends on it). Prints one progress line a night.
 */
@Component
public class SimulatedNights {

	private final JobOperator jobOperator;

	private final Job job;

	public SimulatedNights(JobOperator jobOperator, @Qualifier("simulatedNight") Job job) {
		this.jobOperator = jobOperator;
		this.job = job;
	}

	/** Simulates {@code from} to {@code to}; throws when a night does not complete. */
	public void run(LocalDate from, LocalDate to, Path policy, Path out, PrintWriter progress) {
		for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
			JobExecution execution;
			try {
				execution = this.jobOperator.start(this.job, new JobParametersBuilder()
					.addLocalDate(NightlyRun.BUSINESS_DATE, date)
					.addString(NightlyRun.INBOX, out.toString(), false) // no inbox: the input is read from the real schema
					.addString(NightlyRun.OUT, out.toString(), false)
					.addString(NightlyRun.POLICY, policy.toString(), false)
					.toJobParameters());
			}
			catch (Exception ex) {
				throw new IllegalStateException("simulated night " + date + " could not start: " + ex.getMessage(), ex);
			}
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				throw new IllegalStateException("simulated night " + date + " " + execution.getStatus() + ": "
						+ execution.getAllFailureExceptions()
							.stream()
							.map(Throwable::getMessage)
							.findFirst()
							.orElse("no failure recorded"));
			}
			Duration took = Duration.between(execution.getStartTime(), execution.getEndTime());
			progress.println("simulated " + date + " in " + took.toMillis() + " ms");
			progress.flush();
		}
	}

}
