package com.livecommerce.incentive.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cron wrappers pass the job's exit code through unchanged and log what it printed; a run
 * that does not exit 0 is never silent (its output on stderr, which cron mails, and the
 * on-failure hook with the job, date, exit code and restart command); one that does prints
 * nothing.
 */
class CronWrapperTest {

	@TempDir
	Path temp;

	record Ran(int code, String stdout, String stderr, String log) {
	}

	@ParameterizedTest
	@CsvSource({ "nightly, 0", "nightly, 3", "nightly, 4", "nightly, 5", "monthly, 1", "monthly, 4" })
	void exitCodesPassThrough(String job, int code) throws Exception {
		Ran ran = run(job, code, Map.of(), "--out", "/data/out");
		assertThat(ran.code()).isEqualTo(code);
		assertThat(ran.log()).contains("-jar").contains(job + " --out /data/out").contains("(exit " + code + ")");
		if (code == 0) {
			assertThat(ran.stdout() + ran.stderr()).as("a run that exits 0 prints nothing: cron mails nothing").isEmpty();
		}
		else {
			assertThat(ran.stderr()).as("a failure's output is never discarded")
				.contains(job + " --out /data/out exit " + code + "; resume with: ")
				.contains("args: -Xmx1g -jar");
		}
	}

	@Test
	void theOnFailureHookGetsTheJobTheDateTheExitCodeAndTheRestartCommand() throws Exception {
		Path seen = this.temp.resolve("hook.env");
		String hook = "env | grep ^INCENTIVE_ | sort > " + seen + "; cat \"$INCENTIVE_OUTPUT\" >> " + seen;
		Ran ran = run("nightly", 1, Map.of("INCENTIVE_ON_FAILURE", hook), "--date", "2023-12-01", "--out", "/data/out");
		assertThat(ran.code()).isEqualTo(1);
		assertThat(Files.readString(seen)).contains("INCENTIVE_JOB=nightly", "INCENTIVE_DATE=2023-12-01",
				"INCENTIVE_EXIT_CODE=1",
				"INCENTIVE_RESTART=" + this.temp.resolve("jobs/bin/run-job.sh") + " restart nightly --date 2023-12-01",
				"args: -Xmx1g -jar");

		// without --date: the date the job ran for, yesterday in Asia/Shanghai
		Files.delete(seen);
		run("nightly", 3, Map.of("INCENTIVE_ON_FAILURE", hook), "--out", "/data/out");
		assertThat(Files.readString(seen)).contains(
				"INCENTIVE_DATE=" + LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1), "INCENTIVE_EXIT_CODE=3");

		Files.delete(seen);
		run("monthly", 4, Map.of("INCENTIVE_ON_FAILURE", hook), "--month", "2023-12");
		assertThat(Files.readString(seen)).contains("INCENTIVE_JOB=monthly", "INCENTIVE_DATE=2023-12",
				"restart monthly --month 2023-12");

		Files.delete(seen);
		Ran hookFails = run("nightly", 1, Map.of("INCENTIVE_ON_FAILURE", "exit 7"), "--date", "2023-12-01");
		assertThat(hookFails.code()).as("the job's exit code, not the hook's").isEqualTo(1);
		assertThat(hookFails.stderr()).contains("the on-failure hook (INCENTIVE_ON_FAILURE) exited 7");

		Ran succeeded = run("nightly", 0, Map.of("INCENTIVE_ON_FAILURE", hook), "--date", "2023-12-01");
		assertThat(succeeded.code()).isZero();
		assertThat(seen).as("the hook runs only for a failure").doesNotExist();
		try (var left = Files.list(this.temp.resolve("var/log"))) {
			assertThat(left.map(p -> p.getFileName().toString()).toList()).as("no output file left behind")
				.allMatch(name -> name.endsWith(".log"));
		}
	}

	private Ran run(String job, int code, Map<String, String> environment, String... args) throws Exception {
		Path fakeJava = this.temp.resolve("java");
		Files.writeString(fakeJava, "#!/usr/bin/env bash\necho \"args: $*\"\nexit " + code + "\n");
		Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.writeString(this.temp.resolve("brand-incentive-batch.jar"), "");
		List<String> command = new java.util.ArrayList<>(
				List.of("bash", Path.of("jobs/bin/" + job + ".sh").toAbsolutePath().toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("JAVA", fakeJava.toString());
		builder.environment().put("INCENTIVE_HOME", this.temp.toString());
		builder.environment().put("INCENTIVE_JAR", this.temp.resolve("brand-incentive-batch.jar").toString());
		builder.environment().putAll(environment);
		Path stdout = this.temp.resolve("stdout");
		Path stderr = this.temp.resolve("stderr");
		Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new Ran(process.exitValue(), Files.readString(stdout), Files.readString(stderr),
				Files.readString(this.temp.resolve("var/log/" + job + ".log")));
	}

}
