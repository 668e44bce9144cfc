package com.livecommerce.incentive.common;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * Threads for work side by side within a job: the lanes of a split, the parts of a partitioned
 * step. Each thread runs with the job's execution registered, so that job-scoped beans (the run's
 * date and directories) resolve there as on the job's own thread.
 */
public final class Lanes {

	private Lanes() {
	}

	/** At most {@code limit} threads at a time, named {@code <prefix>N}. */
	public static TaskExecutor of(String prefix, int limit) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(prefix);
		executor.setConcurrencyLimit(limit);
		executor.setTaskDecorator(task -> {
			JobExecution execution = JobSynchronizationManager.getContext().getJobExecution();
			return () -> {
				JobSynchronizationManager.register(execution);
				try {
					task.run();
				}
				finally {
					JobSynchronizationManager.release();
				}
			};
		});
		return executor;
	}

}
