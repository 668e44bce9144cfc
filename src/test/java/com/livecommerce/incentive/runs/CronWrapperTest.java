package com.livecommerce.incentive.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The cron wrappers pass the job's exit code through unchanged and log what it printed. */
class CronWrapperTest {

	@TempDir
	Path temp;

	@ParameterizedTest
	@CsvSource({ "nightly, 0", "nightly, 3", "nightly, 4", "nightly, 5", "monthly, 1", "monthly, 4" })
	void exitCodesPassThrough(String job, int code) throws Exception {
		Path fakeJava = this.temp.resolve("java");
		Files.writeString(fakeJava, "#!/usr/bin/env bash\necho \"args: $*\"\nexit " + code + "\n");
		Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.writeString(this.temp.resolve("brand-incentive-batch.jar"), "");
		ProcessBuilder builder = new ProcessBuilder("bash", Path.of("jobs/bin/" + job + ".sh").toAbsolutePath().toString(),
				"--out", "/data/out");
		builder.environment().put("JAVA", fakeJava.toString());
		builder.environment().put("INCENTIVE_HOME", this.temp.toString());
		builder.environment().put("INCENTIVE_JAR", this.temp.resolve("brand-incentive-batch.jar").toString());
		Process process = builder.inheritIO().start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isEqualTo(code);
		assertThat(Files.readString(this.temp.resolve("var/log/" + job + ".log"))).contains("-jar")
			.contains(job + " --out /data/out");
	}

}
