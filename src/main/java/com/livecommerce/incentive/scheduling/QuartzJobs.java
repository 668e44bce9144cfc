package com.livecommerce.incentive.scheduling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The Quartz jobs of the two triggers. {@link DisallowConcurrentExecution}: a fire waits for the
 * previous one of the same job, across the whole cluster; the run lock keeps the command line and
 * the scheduler apart too.
 */
final class QuartzJobs {

	private QuartzJobs() {
	}

	@DisallowConcurrentExecution
	static class Nightly extends QuartzJobBean {

		@Autowired
		private ScheduledRuns runs;

		@Override
		protected void executeInternal(JobExecutionContext context) {
			this.runs.nightly(context.getScheduledFireTime().toInstant(), instanceId(context));
		}

	}

	@DisallowConcurrentExecution
	static class Monthly extends QuartzJobBean {

		@Autowired
		private ScheduledRuns runs;

		@Override
		protected void executeInternal(JobExecutionContext context) {
			this.runs.monthly(context.getScheduledFireTime().toInstant(), instanceId(context));
		}

	}

	private static String instanceId(JobExecutionContext context) {
		try {
			return context.getScheduler().getSchedulerInstanceId();
		}
		catch (SchedulerException ex) {
			return "unknown";
		}
	}

}
