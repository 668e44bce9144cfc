package com.livecommerce.incentive.metrics;

import com.livecommerce.incentive.runs.MonthlyRun;
import com.livecommerce.incentive.runs.NightlyRun;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts the job, the business date (or month), the execution id and the step into the logging
 * context (MDC) of every thread that runs a job or a step, from Spring Batch's own observations:
 * the JSON log format (logging.structured.format.console=ecs, docs/operations.md) carries them
 * on every line; the plain format is unchanged. A step's observation starts and stops in the
 * thread that runs it, around its listeners too, so a partition's worker thread or a parallel
 * flow's lane gets them as well.
 */
@Component
class BatchLogContext implements ObservationHandler<Observation.Context> {

	static final String JOB = "job";

	static final String BUSINESS_DATE = "business_date";

	static final String EXECUTION_ID = "execution_id";

	static final String STEP = "step";

	private static final String PREVIOUS = BatchLogContext.class.getName() + ".previous";

	private final JdbcTemplate jdbc;

	/** The running job of each name: its execution id and date, for the threads of its steps. */
	private final Map<String, String[]> running = new ConcurrentHashMap<>();

	BatchLogContext(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return "spring.batch.job".equals(context.getName()) || "spring.batch.step".equals(context.getName());
	}

	@Override
	public void onStart(Observation.Context context) {
		Map<String, String> previous = MDC.getCopyOfContextMap();
		context.put(PREVIOUS, previous == null ? Map.of() : previous);
		if ("spring.batch.job".equals(context.getName())) {
			String job = value(context, "spring.batch.job.name");
			String execution = value(context, "spring.batch.job.executionId");
			String[] run = { execution, businessDate(execution) };
			if (job != null) {
				this.running.put(job, run);
			}
			put(job, run, null);
		}
		else {
			String job = value(context, "spring.batch.step.job.name");
			put(job, job == null ? null : this.running.get(job), value(context, "spring.batch.step.name"));
		}
	}

	@Override
	public void onStop(Observation.Context context) {
		Map<String, String> previous = context.get(PREVIOUS);
		if (previous == null || previous.isEmpty()) {
			MDC.clear();
		}
		else {
			MDC.setContextMap(previous);
		}
	}

	private static void put(String job, String[] run, String step) {
		putIf(JOB, job);
		putIf(EXECUTION_ID, run == null ? null : run[0]);
		putIf(BUSINESS_DATE, run == null ? null : run[1]);
		putIf(STEP, step);
	}

	private static void putIf(String key, String value) {
		if (value != null) {
			MDC.put(key, value);
		}
	}

	private static String value(Observation.Context context, String key) {
		KeyValue value = context.getLowCardinalityKeyValue(key);
		if (value == null) {
			value = context.getHighCardinalityKeyValue(key);
		}
		return value == null ? null : value.getValue();
	}

	/** The run's business date (nightly) or month (monthly), from its identifying parameters. */
	private String businessDate(String executionId) {
		if (executionId == null) {
			return null;
		}
		List<String> values = this.jdbc.queryForList("""
				SELECT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS
				WHERE JOB_EXECUTION_ID = ? AND PARAMETER_NAME IN (?, ?) AND IDENTIFYING = 'Y'""", String.class,
				Long.valueOf(executionId), NightlyRun.BUSINESS_DATE, MonthlyRun.MONTH);
		return values.isEmpty() ? null : values.get(0);
	}

}
