package com.livecommerce.incentive.scheduling;

import com.livecommerce.incentive.runs.Refusal;
import com.livecommerce.incentive.runs.RunOrder;
import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.common.BusinessTime;
import com.livecommerce.incentive.monthly.MonthlyLauncher;
import com.livecommerce.incentive.nightly.NightlyLauncher;
import com.livecommerce.incentive.nightly.PreLaunch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a scheduler fire does: the nightly fire runs yesterday's date (Asia/Shanghai, from the
 * scheduled fire time, so a late fire after a misfire still runs the date it was due for); the
 * monthly fire closes last month. Each first waits, with a doubling back-off, for what it needs
 * (the inbox's _SUCCESS; the nightly run of the month's last day) until the deadline, then runs
 * the job as the command line would, or records a clear failure. Every fire is a row of
 * scheduled_run.
 */
@Component
public class ScheduledRuns {

	private static final Logger log = LoggerFactory.getLogger(ScheduledRuns.class);

	private final NightlyLauncher nightly;

	private final MonthlyLauncher monthly;

	private final SchedulerProperties properties;

	private final JdbcTemplate jdbc;

	private final RunOrder order;

	public ScheduledRuns(NightlyLauncher nightly, MonthlyLauncher monthly, SchedulerProperties properties,
			JdbcTemplate jdbc, RunOrder order) {
		this.order = order;
		this.nightly = nightly;
		this.monthly = monthly;
		this.properties = properties;
		this.jdbc = jdbc;
	}

	public void nightly(Instant scheduledFire, String instanceId) {
		LocalDate date = shanghai(scheduledFire).toLocalDate().minusDays(1);
		fire("nightly", scheduledFire, instanceId, date.toString(),
				() -> PreLaunch.input(this.properties.inbox(), date).map(Refusal::message).orElse(null),
				(out, err) -> this.nightly.launch(date, this.properties.inbox(), this.properties.out(),
				this.properties.policy(), out, err));
	}

	public void monthly(Instant scheduledFire, String instanceId) {
		YearMonth month = YearMonth.from(shanghai(scheduledFire)).minusMonths(1);
		fire("monthly", scheduledFire, instanceId, month.toString(),
				() -> Optional.ofNullable(this.order.monthly(month)).map(Refusal::message).orElse(null),
				(out, err) -> this.monthly.launch(month, this.properties.out(), this.properties.policy(), out, err));
	}

	private interface Launch {

		ExitCode run(PrintWriter out, PrintWriter err);

	}

	/** {@code blocker} says what the run still waits for, or null when it can start. */
	private void fire(String job, Instant scheduledFire, String instanceId, String subject, Supplier<String> blocker,
			Launch launch) {
		LocalDateTime firedAt = LocalDateTime.now(BusinessTime.ZONE);
		this.jdbc.update("""
				INSERT INTO scheduled_run (job, scheduled_fire_time, instance_id, subject, fired_at) VALUES (?, ?, ?, ?, ?)""",
				job, shanghai(scheduledFire), instanceId, subject, firedAt);
		log.info("scheduler: {} {} due at {} started on {}", job, subject, shanghai(scheduledFire), instanceId);
		ExitCode code;
		String outcome;
		long waited = 0;
		Optional<Refusal> badPolicy = PreLaunch.out(this.properties.out())
			.or(() -> PreLaunch.policy(this.properties.policy()))
			.or(() -> PreLaunch.messages(new com.livecommerce.incentive.notification.Templates()));
		if (badPolicy.isPresent()) {
			code = badPolicy.get().code();
			outcome = badPolicy.get().message();
			log.error("scheduler: {} {} {}", job, subject, outcome);
		}
		else {
			try {
				Instant deadline = scheduledFire.plus(this.properties.inputDeadline());
				Instant waitStart = Instant.now();
				String waitingFor = waitFor(blocker, deadline, job + " " + subject);
				waited = (Duration.between(waitStart, Instant.now()).toMillis() + 999) / 1000; // any wait counts as a second
				if (waitingFor != null) {
					code = job.equals("nightly") ? ExitCode.INPUT_NOT_READY : ExitCode.OUT_OF_ORDER;
					outcome = "gave up at the deadline " + shanghai(deadline) + ": " + waitingFor;
					log.error("scheduler: {} {} {}", job, subject, outcome);
				}
				else {
					StringWriter out = new StringWriter();
					StringWriter err = new StringWriter();
					code = launch.run(new PrintWriter(out, true), new PrintWriter(err, true));
					outcome = firstLine(err.toString().isBlank() ? out.toString() : err.toString());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				code = ExitCode.FAILED;
				outcome = "interrupted while waiting (scheduler shutting down); the next fire or a restart runs it";
			}
			catch (RuntimeException ex) {
				code = ExitCode.FAILED;
				outcome = "failed: " + ex.getMessage();
				log.error("scheduler: {} {} failed", job, subject, ex);
			}
		}
		this.jdbc.update("""
				UPDATE scheduled_run SET finished_at = ?, waited_seconds = ?, exit_code = ?, outcome = ?
				WHERE job = ? AND scheduled_fire_time = ? AND instance_id = ?""", LocalDateTime.now(BusinessTime.ZONE),
				waited, code.code(), truncate(outcome), job, shanghai(scheduledFire), instanceId);
		log.info("scheduler: {} {} ended with exit code {}: {}", job, subject, code.code(), outcome);
	}

	/** Waits with a doubling back-off while {@code blocker} names something; returns it if the deadline passes first. */
	private String waitFor(Supplier<String> blocker, Instant deadline, String what) throws InterruptedException {
		Duration backoff = this.properties.firstBackoff();
		for (String waitingFor = blocker.get(); waitingFor != null; waitingFor = blocker.get()) {
			Duration left = Duration.between(Instant.now(), deadline);
			if (left.isNegative() || left.isZero()) {
				return waitingFor;
			}
			Duration sleep = backoff.compareTo(left) < 0 ? backoff : left;
			log.info("scheduler: {} waits {} s: {}", what, sleep.toSeconds(), waitingFor);
			Thread.sleep(sleep.toMillis());
			backoff = backoff.multipliedBy(2).compareTo(this.properties.maxBackoff()) < 0 ? backoff.multipliedBy(2)
					: this.properties.maxBackoff();
		}
		return null;
	}

	private static LocalDateTime shanghai(Instant instant) {
		return LocalDateTime.ofInstant(instant, BusinessTime.ZONE);
	}

	private static String firstLine(String text) {
		return text.strip().lines().findFirst().orElse("");
	}

	private static String truncate(String text) {
		return text == null || text.length() <= 500 ? text : text.substring(0, 497) + "...";
	}

}
