package com.livecommerce.incentive.metrics;

import com.livecommerce.incentive.common.AtomicFiles;
import com.livecommerce.incentive.common.BusinessTime;
import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.runs.MonthlyRun;
import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.runs.RunObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The product's own metrics, set when a run ends (docs/operations.md has the list): the run
 * (exit code, duration, its date), the last success and the last completed date of each job, and
 * the figures of the last completed night (rows ingested and rejected per file, claims and
 * coupons per program, each pool's cap and remainder, status changes, clawbacks, messages). All
 * are read from the tables, so every export says the same whichever command made it. Labels are
 * bounded (job, file, program, status, message type): never an account, a session or a date.
 * Spring Batch's own job, step and item meters are in the same registry.
 */
@Component
@EnableConfigurationProperties(MetricsProperties.class)
public class RunMetrics implements RunObserver {

	private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);

	/** The file a node_exporter textfile collector reads. */
	public static final String TEXTFILE = "brand_incentive_batch.prom";

	private final MeterRegistry registry;

	private final JdbcTemplate jdbc;

	private final MetricsProperties properties;

	private final ObjectProvider<PrometheusMeterRegistry> prometheus;

	private final Map<String, double[]> values = new ConcurrentHashMap<>();

	private final boolean active;

	public RunMetrics(MeterRegistry registry, JdbcTemplate jdbc, MetricsProperties properties,
			ObjectProvider<PrometheusMeterRegistry> prometheus,
			@org.springframework.beans.factory.annotation.Value("${" + MetricsEnvironmentPostProcessor.ACTIVE
					+ ":true}") boolean active) {
		this.active = active;
		this.registry = registry;
		this.jdbc = jdbc;
		this.properties = properties;
		this.prometheus = prometheus;
	}

	@Override
	public void finished(String job, String key, ExitCode code, Duration took) {
		if (!this.active) {
			return; // nothing exports them (MetricsEnvironmentPostProcessor)
		}
		Tags run = Tags.of("job_name", job);
		set("incentive.run.exit.code", null, "The exit code of the job's last run in this process (SPEC §5)", run,
				code.code());
		set("incentive.run.duration", "seconds", "Wall time of the job's last run in this process", run,
				took.toMillis() / 1000.0);
		set("incentive.run.business.date.timestamp", "seconds",
				"The business date (or month) of the job's last run in this process, as its start in Asia/Shanghai", run,
				epochSeconds(key));
		set("incentive.run.failed.attempts", null,
				"Failed executions of the business date (or month) of the job's last run in this process", run,
				failedAttempts(job, key));
		LocalDate lastNight = jobs();
		if (lastNight != null) {
			lastNight(lastNight);
		}
		writeTextfile();
	}

	/** For each job: when it last completed, and the last date it completed; the last completed night. */
	private LocalDate jobs() {
		LocalDate lastNight = null;
		for (String[] job : List.of(new String[] { NightlyRun.JOB, NightlyRun.BUSINESS_DATE },
				new String[] { MonthlyRun.JOB, MonthlyRun.MONTH })) {
			Tags tags = Tags.of("job_name", job[0]);
			List<Map<String, Object>> last = this.jdbc.queryForList("""
					SELECT MAX(e.END_TIME) AS ended, MAX(p.PARAMETER_VALUE) AS run_key FROM BATCH_JOB_EXECUTION e
					JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
					JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
					WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED' AND p.PARAMETER_NAME = ? AND p.IDENTIFYING = 'Y'""",
					job[0], job[1]);
			Object ended = last.isEmpty() ? null : last.get(0).get("ended");
			Object runKey = last.isEmpty() ? null : last.get(0).get("run_key");
			if (ended != null) {
				LocalDateTime end = ended instanceof LocalDateTime t ? t : ((java.sql.Timestamp) ended).toLocalDateTime();
				set("incentive.run.last.success.timestamp", "seconds", "When a run of the job last completed", tags,
						end.atZone(ZoneId.systemDefault()).toEpochSecond());
				set("incentive.run.last.completed.business.date.timestamp", "seconds",
						"The latest business date (or month) the job has completed, as its start in Asia/Shanghai", tags,
						epochSeconds(runKey.toString()));
				if (NightlyRun.JOB.equals(job[0])) {
					lastNight = LocalDate.parse(runKey.toString());
				}
			}
		}
		return lastNight;
	}

	/**
	 * The figures of the latest completed night (not of a night that failed after writing some of
	 * them).
	 */
	private void lastNight(LocalDate date) {
		this.jdbc.query("SELECT file_name, rows_read, rows_rejected FROM ingest_file WHERE business_date = ?", rs -> {
			Tags file = Tags.of("file", rs.getString(1));
			set("incentive.night.ingested.rows", null, "Data rows of each extract of the last completed night", file,
					rs.getLong(2));
			set("incentive.night.rejected.rows", null, "Rows of each extract the last completed night rejected", file,
					rs.getLong(3));
		}, date);
		this.jdbc.query("""
				SELECT program, granted, partial, rejected, coupons_requested, coupons_granted, coupons_clawed_back,
				  monthly_cap, pool_remaining FROM daily_summary WHERE business_date = ?""", rs -> {
			String program = rs.getString(1);
			String[] statuses = { "GRANTED", "PARTIAL", "REJECTED" };
			for (int i = 0; i < statuses.length; i++) {
				set("incentive.night.claims", null, "Claims of the last completed night by program and status",
						Tags.of("program", program, "status", statuses[i]), rs.getLong(2 + i));
			}
			Tags tags = Tags.of("program", program);
			set("incentive.night.coupons.requested", "coupons", "Coupons the last completed night's claims asked for",
					tags, rs.getLong(5));
			set("incentive.night.coupons.granted", "coupons", "Coupons the last completed night granted", tags,
					rs.getLong(6));
			set("incentive.night.coupons.clawed.back", "coupons", "Coupons the last completed night clawed back", tags,
					rs.getLong(7));
			set("incentive.pool.cap", "coupons", "The program's monthly cap in force on the last completed night",
					tags, rs.getLong(8));
			set("incentive.pool.remaining", "coupons", "What the program's pool had left after the last completed night",
					tags, rs.getLong(9));
		}, date);
		this.jdbc.query("SELECT status, COUNT(*) FROM account_status WHERE effective_date = ? GROUP BY status",
				rs -> {
					set("incentive.night.status.changes", null, "Account status changes of the last completed night",
							Tags.of("status", rs.getString(1)), rs.getLong(2));
				}, date);
		this.jdbc.query("SELECT COUNT(*) FROM coupon_clawback WHERE business_date = ?", rs -> {
			set("incentive.night.clawbacks", null, "Clawbacks of the last completed night", Tags.empty(), rs.getLong(1));
		}, date);
		this.jdbc.query("SELECT type, COUNT(*) FROM notification WHERE business_date = ? GROUP BY type", rs -> {
			set("incentive.night.messages", null, "Private messages the last completed night wrote, by type",
					Tags.of("type", rs.getString(1)), rs.getLong(2));
		}, date);
		set("incentive.night.business.date.timestamp", "seconds",
				"The business date the incentive_night_* figures are of, as its start in Asia/Shanghai", Tags.empty(),
				date.atStartOfDay(BusinessTime.ZONE).toEpochSecond());
	}

	private long failedAttempts(String job, String key) {
		String parameter = NightlyRun.JOB.equals(job) ? NightlyRun.BUSINESS_DATE : MonthlyRun.MONTH;
		Long failed = this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				WHERE i.JOB_NAME = ? AND e.STATUS = 'FAILED' AND p.PARAMETER_NAME = ? AND p.PARAMETER_VALUE = ?
				  AND p.IDENTIFYING = 'Y'""", Long.class, job, parameter, key);
		return failed == null ? 0 : failed;
	}

	/** A date (yyyy-MM-dd) or month (yyyy-MM) as the epoch second its first day starts, Asia/Shanghai. */
	private static long epochSeconds(String key) {
		LocalDate day = key.length() == 7 ? YearMonth.parse(key).atDay(1) : LocalDate.parse(key);
		return day.atStartOfDay(BusinessTime.ZONE).toEpochSecond();
	}

	/** Sets a gauge, registering it the first time. */
	private void set(String name, String unit, String description, Tags tags, double value) {
		String id = name + tags;
		double[] holder = this.values.computeIfAbsent(id, k -> {
			double[] h = new double[1];
			Gauge.builder(name, h, v -> v[0]).baseUnit(unit).description(description).tags(tags).register(this.registry);
			return h;
		});
		holder[0] = value;
	}

	private void writeTextfile() {
		if (this.properties.textfileDirectory() == null) {
			return;
		}
		PrometheusMeterRegistry prometheus = this.prometheus.getIfAvailable();
		if (prometheus == null) {
			log.warn("incentive.metrics.textfile-directory is set, but no Prometheus registry is configured: nothing written");
			return;
		}
		AtomicFiles.write(this.properties.textfileDirectory().resolve(TEXTFILE), "the metrics textfile",
				prometheus.scrape());
	}

}
