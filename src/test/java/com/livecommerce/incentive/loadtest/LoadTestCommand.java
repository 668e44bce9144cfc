package com.livecommerce.incentive.loadtest;

import com.livecommerce.incentive.cli.Main;
import com.livecommerce.incentive.runs.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code load-test}: the nightly job on a generated inbox of N sessions, with figures
 * (docs/performance.md), for sizing a server. Not a command of the product's jar: it lives with
 * the tests and runs from jobs/bin/load-test ({@link #main}).
 */
@Command(name = "load-test",
		description = "Generate a large inbox, run the nightly job on it in an empty database, print the figures.")
public class LoadTestCommand implements Callable<Integer> {

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	/** The product's command line: its Spring context, database and jobs. */
	private final Main main;

	LoadTestCommand(Main main) {
		this.main = main;
	}

	public static void main(String[] args) {
		System.exit(run(new Main(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
	}

	/** Runs the load test with the product's {@code main} (tests give it their database); the exit code. */
	static int run(Main main, PrintWriter out, PrintWriter err, String... args) {
		CommandLine commandLine = new CommandLine(new LoadTestCommand(main));
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			err.println(ex.getMessage() + " (try --help)");
			return ExitCode.USAGE.code();
		});
		int code = commandLine.execute(args);
		out.flush();
		err.flush();
		return code;
	}

	@Spec
	CommandSpec spec;

	@Option(names = "--sessions", defaultValue = "1000000", description = "Sessions a night (default: ${DEFAULT-VALUE}).")
	int sessions;

	@Option(names = "--history-days", defaultValue = "28", description = "Days of stored sessions loaded before the night before (default: ${DEFAULT-VALUE}).")
	int historyDays;

	@Option(names = "--history-per-day", defaultValue = "-1",
			description = "Sessions per history day (default: as many as --sessions).")
	int historyPerDay;

	@Option(names = "--store-changes", defaultValue = "10",
			description = "Percent of stores that change risk state on the day after the quiet day (default: ${DEFAULT-VALUE}; 0: no such night).")
	int storeChanges;

	@Option(names = "--date", defaultValue = "2023-12-02", description = "The quiet day, measured after the night before it (default: ${DEFAULT-VALUE}, under the seed policy).")
	LocalDate date;

	@Option(names = "--dir", defaultValue = "var/bench", description = "Where the inbox and outputs go (default: ${DEFAULT-VALUE}).")
	Path dir;

	@Option(names = "--policy", defaultValue = "jobs/policy", description = "Policy directory (default: ${DEFAULT-VALUE}).")
	Path policy;

	@Option(names = "--fresh-jvm", description = "Run each measured night in a JVM of its own, as cron starts it"
			+ " (the same heap options and database; the night before runs in this one).")
	boolean freshJvm;

	@Option(names = "--sql-pipeline", description = "Also run the hand-written SQL pipeline on the same inboxes, in a"
			+ " schema of its own on the same server (needs local_infile ON), and print it beside the job.")
	boolean sqlPipeline;

	@Override
	public Integer call() {
		if (this.sessions < 1 || this.historyDays < 0 || this.storeChanges < 0 || this.storeChanges > 100) {
			this.spec.commandLine().getErr()
				.println("--sessions must be positive, --history-days not negative, --store-changes from 0 to 100");
			return ExitCode.USAGE.code();
		}
		int perDay = this.historyPerDay < 0 ? this.sessions : this.historyPerDay;
		return this.main.withContext(this.spec.commandLine().getErr(), context -> {
			try {
				return context.getBean(LoadTest.class)
					.run(new LoadTest.Settings(this.date, this.sessions, this.historyDays, perDay, this.storeChanges,
							this.dir, this.policy, this.freshJvm, Main.class.getName(), this.sqlPipeline),
							this.spec.commandLine().getOut(), this.spec.commandLine().getErr());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).code();
	}

}
