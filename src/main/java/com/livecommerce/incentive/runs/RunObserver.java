package com.livecommerce.incentive.runs;

import java.time.Duration;

/**
 * Told of every launch of a job once it has ended, whatever its exit code: what exports the run's
 * figures (metrics/RunMetrics) implements it. An observer that fails is logged and does not change
 * the run's exit code.
 */
public interface RunObserver {

	/**
	 * @param job the job's name (nightly, monthly)
	 * @param key the business date or month of the run
	 * @param code what the launch came to
	 * @param took the launch's wall time
	 */
	void finished(String job, String key, ExitCode code, Duration took);

}
