package com.livecommerce.incentive.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A night in a JVM of its own, as cron starts it: the same java, the same heap options as this
 * JVM, the same database (passed as SPRING_DATASOURCE_* in the child's environment, never on its
 * command line), the {@code nightly} command of the same jar or class path. A JVM that has run
 * the night before has compiled the hot code already; a fresh one compiles it while the night
 * runs, on the same cores. Its peaks: the heap before its largest collection (from its GC log)
 * and its VmHWM, read from /proc while it runs (Linux).
 */
final class FreshJvm {

	private static final Pattern COLLECTION = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	/** What a night in a JVM of its own came to: its exit status, its output, its peaks (-1: unknown). */
	record Night(int exitCode, String out, long peakHeapMb, long vmHwmKb) {
	}

	private final String mainClass;

	private final Map<String, String> datasource;

	/**
	 * @param mainClass the product's command line, on this JVM's class path
	 * @param datasource SPRING_DATASOURCE_URL, _USERNAME, _PASSWORD for the child's environment
	 */
	FreshJvm(String mainClass, Map<String, String> datasource) {
		this.mainClass = mainClass;
		this.datasource = datasource;
	}

	Night nightly(LocalDate date, Path inbox, Path out, Path policy, Path logs) throws IOException {
		Files.createDirectories(logs);
		Path stdout = logs.resolve("night-" + date + ".out");
		Path gcLog = logs.resolve("night-" + date + ".gc.log");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
			if (arg.startsWith("-Xmx") || arg.startsWith("-Xms") || arg.startsWith("-XX:")) {
				command.add(arg);
			}
		}
		command.add("-Xlog:gc:file=" + gcLog);
		command.addAll(launcher());
		command.addAll(List.of("nightly", "--date", date.toString(), "--inbox", inbox.toString(), "--out", out.toString(),
				"--policy", policy.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT);
		builder.environment().putAll(this.datasource);
		Process child = builder.start();
		long vmHwm = -1;
		try {
			while (!child.waitFor(200, TimeUnit.MILLISECONDS)) {
				vmHwm = Math.max(vmHwm, vmHwmKb(child.pid()));
			}
		}
		catch (InterruptedException ex) {
			child.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while the night of " + date + " ran", ex);
		}
		return new Night(child.exitValue(), Files.readString(stdout), peakHeapMb(gcLog), vmHwm);
	}

	/** The class path this JVM runs with (jobs/bin/load-test's) and the product's main class. */
	private List<String> launcher() {
		return List.of("-cp", System.getProperty("java.class.path"), this.mainClass);
	}

	/** The heap in use before the largest collection the GC log shows, in MB; -1 without one. */
	static long peakHeapMb(Path gcLog) {
		try {
			long peak = -1;
			for (String line : Files.readAllLines(gcLog)) {
				Matcher m = COLLECTION.matcher(line);
				if (m.find()) {
					peak = Math.max(peak, Long.parseLong(m.group(1)));
				}
			}
			return peak;
		}
		catch (IOException | UncheckedIOException ex) {
			return -1;
		}
	}

	private static long vmHwmKb(long pid) {
		return vmHwmKb(Path.of("/proc", Long.toString(pid), "status"));
	}

	/** The peak resident memory (VmHWM) a /proc status file gives, in kB; -1 when unknown (not Linux, gone). */
	static long vmHwmKb(Path procStatus) {
		try {
			for (String line : Files.readAllLines(procStatus)) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | UncheckedIOException | NumberFormatException ex) {
			// gone meanwhile, or not Linux
		}
		return -1;
	}

}
