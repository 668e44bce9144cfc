package com.livecommerce.incentive.cli;

import com.livecommerce.incentive.runs.ExitCode;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code scheduler}: runs the nightly and monthly triggers (Quartz, clustered on the database)
 * until the process is stopped; SIGTERM lets a running job finish first.
 */
@Command(name = "scheduler", description = "Run the nightly and monthly triggers until stopped (Quartz, clustered).")
class SchedulerCommand implements Callable<Integer> {

	/** What turns the scheduler on: Quartz's auto-configuration (excluded otherwise) and our triggers. */
	static final List<String> PROPERTIES = List.of("--spring.autoconfigure.exclude=",
			"--spring.quartz.auto-startup=true", "--incentive.scheduler.enabled=true");

	@ParentCommand
	Main main;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		return this.main.withRunContext(this.spec.commandLine().getErr(), PROPERTIES, context -> {
			CountDownLatch stopped = new CountDownLatch(1);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				context.close(); // waits for running jobs (spring.quartz.wait-for-jobs-to-complete-on-shutdown)
				stopped.countDown();
			}, "scheduler-shutdown"));
			try {
				Scheduler scheduler = context.getBean(Scheduler.class);
				this.spec.commandLine()
					.getOut()
					.println("scheduler " + scheduler.getSchedulerName() + " started as instance "
							+ scheduler.getSchedulerInstanceId() + "; SIGTERM stops it after running jobs finish");
				this.spec.commandLine().getOut().flush();
				stopped.await();
				return ExitCode.OK;
			}
			catch (SchedulerException ex) {
				this.spec.commandLine().getErr().println("scheduler could not start: " + ex.getMessage());
				return ExitCode.FAILED;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return ExitCode.OK;
			}
		}).code();
	}

}
