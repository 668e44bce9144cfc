package com.livecommerce.incentive.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the command line in a JVM of its own, against a test database: something to kill -9. */
public final class ChildProcess {

	private ChildProcess() {
	}

	/**
	 * @param settings extra Spring properties, as environment variables (e.g.
	 * INCENTIVE_ALLOCATION_CHUNKSIZE=10)
	 */
	public static Process start(TestDatabase db, Path log, Map<String, String> settings, String... args) {
		return start(db, log, settings, List.of(), args);
	}

	/**
	 * The same, with {@code moreClassPath} after the tests' class path: what a deployment adds (a
	 * jar of its own registering a program, say).
	 */
	public static Process start(TestDatabase db, Path log, Map<String, String> settings, List<Path> moreClassPath,
			String... args) {
		return start(db, log, settings, System.getProperty("java.class.path"), moreClassPath, args);
	}

	/**
	 * The same on the product's class path alone, without the tests' classes and resources (their
	 * logback-test.xml, say, which would replace the product's logging configuration).
	 */
	public static Process startProduct(TestDatabase db, Path log, Map<String, String> settings, String... args) {
		String classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
			.filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
			.collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
		return start(db, log, settings, classPath, List.of(), args);
	}

	/**
	 * {@code java} with the tests' flags and {@code classPath}, the main class and arguments to follow.
	 * The tests' child JVMs run seconds on a few hundred rows, mostly starting Spring: compiled by C1
	 * alone ({@code -XX:TieredStopAtLevel=1}) such a run takes about half the CPU (the figures:
	 * docs/performance.md, "The test suite"). The flag changes how fast code runs, never what it
	 * does; the load test's JVMs ({@code loadtest/FreshJvm}), which measure, keep the JVM's defaults.
	 */
	public static List<String> java(String classPath) {
		return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
				"-XX:TieredStopAtLevel=1", "-cp", classPath));
	}

	private static Process start(TestDatabase db, Path log, Map<String, String> settings, String baseClassPath,
			List<Path> moreClassPath, String... args) {
		StringBuilder classPath = new StringBuilder(baseClassPath);
		moreClassPath.forEach(p -> classPath.append(java.io.File.pathSeparator).append(p.toAbsolutePath()));
		List<String> command = java(classPath.toString());
		command.add("com.livecommerce.incentive.cli.Main");
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		List<String> spring = db.springArguments();
		builder.environment().put("SPRING_DATASOURCE_URL", spring.get(0).substring("--spring.datasource.url=".length()));
		builder.environment().put("SPRING_DATASOURCE_USERNAME", spring.get(1).substring("--spring.datasource.username=".length()));
		builder.environment().put("SPRING_DATASOURCE_PASSWORD", spring.get(2).substring("--spring.datasource.password=".length()));
		builder.environment().putAll(settings);
		try {
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
