package com.livecommerce.incentive.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.common.BusinessTime;
import com.livecommerce.incentive.support.ChildProcess;
import com.livecommerce.incentive.support.Inbox;
import com.livecommerce.incentive.support.TestDatabase;
import com.livecommerce.incentive.support.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler command as operators run it: separate processes sharing one database. */
class SchedulerTest {

	@TempDir
	Path temp;

	@Test
	void twoInstancesOnOneDatabaseRunEachFireExactlyOnce() throws Exception {
		try (TestDatabase db = TestDatabase.create()) {
			Map<String, String> settings = settings("*/2 * * * * ?", "PT0.3S");
			Process a = ChildProcess.start(db, this.temp.resolve("a.log"), settings, "scheduler");
			Process b = ChildProcess.start(db, this.temp.resolve("b.log"), settings, "scheduler");
			try {
				Wait.until(() -> db.count("scheduled_run WHERE finished_at IS NOT NULL") >= 6, Duration.ofSeconds(90),
						() -> db.jdbc().queryForList("SELECT * FROM scheduled_run").toString());
			}
			finally {
				stop(a);
				stop(b);
			}
			List<Map<String, Object>> fires = db.jdbc().queryForList("""
					SELECT scheduled_fire_time, COUNT(*) AS runs FROM scheduled_run WHERE job = 'nightly'
					GROUP BY scheduled_fire_time ORDER BY scheduled_fire_time""");
			assertThat(fires).as(Files.readString(this.temp.resolve("a.log")) + Files.readString(this.temp.resolve("b.log")))
				.hasSizeGreaterThanOrEqualTo(6)
				.allSatisfy(f -> assertThat(((Number) f.get("runs")).intValue()).as("runs of %s", f.get("scheduled_fire_time"))
					.isEqualTo(1));
			for (int i = 1; i < fires.size(); i++) {
				assertThat(Duration.between((LocalDateTime) fires.get(i - 1).get("scheduled_fire_time"),
						(LocalDateTime) fires.get(i).get("scheduled_fire_time")))
					.as("no fire skipped").isEqualTo(Duration.ofSeconds(2));
			}
			assertThat(db.jdbc().queryForList("SELECT DISTINCT exit_code FROM scheduled_run WHERE finished_at IS NOT NULL",
					Integer.class)).as("the inbox never got ready: input not ready, recorded").containsExactly(3);
			assertThat(db.jdbc().queryForObject("SELECT outcome FROM scheduled_run LIMIT 1", String.class))
				.contains("gave up at the deadline").contains("not ready");
		}
	}

	@Test
	void aWaitingFirePicksUpALateSuccessMarker() throws Exception {
		LocalDate yesterday = LocalDate.now(BusinessTime.ZONE).minusDays(1);
		Inbox inbox = new Inbox(this.temp.resolve("inbox")).validDay(yesterday);
		inbox.delete(yesterday, "_SUCCESS");
		try (TestDatabase db = TestDatabase.create()) {
			Process scheduler = ChildProcess.start(db, this.temp.resolve("s.log"), settings("*/5 * * * * ?", "PT60S"),
					"scheduler");
			try {
				Wait.until(() -> db.count("scheduled_run") >= 1, Duration.ofSeconds(60), () -> "no fire recorded");
				Thread.sleep(2500); // the fire is now waiting for _SUCCESS
				inbox.success(yesterday);
				Wait.until(() -> db.count("scheduled_run WHERE exit_code = 0 AND outcome LIKE '%completed%'") >= 1,
						Duration.ofSeconds(60), () -> db.jdbc().queryForList("SELECT * FROM scheduled_run").toString());
			}
			finally {
				stop(scheduler);
			}
			Map<String, Object> fire = db.jdbc().queryForMap(
					"SELECT * FROM scheduled_run WHERE outcome LIKE '%completed%' ORDER BY scheduled_fire_time LIMIT 1");
			assertThat(fire).containsEntry("subject", yesterday.toString()).containsEntry("exit_code", 0);
			assertThat(((Number) fire.get("waited_seconds")).intValue())
				.as("it waited for the marker: %s", db.jdbc().queryForList("SELECT * FROM scheduled_run"))
				.isPositive();
			assertThat(db.count("brand")).isEqualTo(2);
		}
	}

	@Test
	void aStoredTriggerIsKeptUnlessItsScheduleChanged() throws Exception {
		try (TestDatabase db = TestDatabase.create()) {
			startAndStop(db, "first.log", settings("0 30 2 * * ?", "PT1S"));
			Object firstStart = startTime(db);
			startAndStop(db, "same.log", settings("0 30 2 * * ?", "PT1S"));
			assertThat(startTime(db)).as("an unchanged trigger is not replaced").isEqualTo(firstStart);
			assertThat(Files.readString(this.temp.resolve("same.log"))).doesNotContain("rescheduled");
			startAndStop(db, "changed.log", settings("0 45 3 * * ?", "PT1S"));
			assertThat(db.jdbc().queryForObject(
					"SELECT CRON_EXPRESSION FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_NAME = 'nightly'", String.class))
				.isEqualTo("0 45 3 * * ?");
			assertThat(Files.readString(this.temp.resolve("changed.log")))
				.contains("trigger incentive.nightly changed from '0 30 2 * * ?' Asia/Shanghai to '0 45 3 * * ?' Asia/Shanghai");
		}
	}

	private void startAndStop(TestDatabase db, String log, Map<String, String> settings) throws Exception {
		Path file = this.temp.resolve(log);
		Process scheduler = ChildProcess.start(db, file, settings, "scheduler");
		try {
			Wait.until(() -> Files.exists(file) && Files.readString(file).contains("started as instance"),
					Duration.ofSeconds(60), () -> Files.exists(file) ? Files.readString(file) : "no log yet");
		}
		finally {
			stop(scheduler);
		}
	}

	private static Object startTime(TestDatabase db) {
		return db.jdbc().queryForObject("SELECT START_TIME FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'nightly'",
				Long.class);
	}

	private Map<String, String> settings(String nightlyCron, String deadline) {
		Map<String, String> settings = new HashMap<>();
		settings.put("INCENTIVE_SCHEDULER_NIGHTLYCRON", nightlyCron);
		settings.put("INCENTIVE_SCHEDULER_MONTHLYCRON", "0 0 4 1 1 ? 2099");
		settings.put("INCENTIVE_SCHEDULER_INBOX", this.temp.resolve("inbox").toString());
		settings.put("INCENTIVE_SCHEDULER_OUT", this.temp.resolve("out").toString());
		settings.put("INCENTIVE_SCHEDULER_INPUTDEADLINE", deadline);
		settings.put("INCENTIVE_SCHEDULER_FIRSTBACKOFF", "PT0.2S");
		settings.put("INCENTIVE_SCHEDULER_MAXBACKOFF", "PT0.5S");
		settings.put("INCENTIVE_SCHEDULER_POLICY", this.temp.resolve("policy").toString());
		try {
			Files.createDirectories(this.temp.resolve("inbox"));
			// a version in force on the real yesterday, which the fires run: a first night needs one
			LocalDate yesterday = LocalDate.now(BusinessTime.ZONE).minusDays(1);
			Files.createDirectories(this.temp.resolve("policy"));
			Files.writeString(this.temp.resolve("policy").resolve("current.yaml"),
					Files.readString(Path.of("jobs/policy/2023-11-29.yaml"))
						.replace("version: \"2023-11-29\"", "version: \"" + yesterday + "\"")
						.replace("effective_from: 2023-11-29", "effective_from: " + yesterday)
						.replace("effective_to: 2023-12-28", "effective_to: " + yesterday.plusDays(29)));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return settings;
	}

	/** SIGTERM, as systemd stops it: running jobs finish first. */
	private static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}

}
