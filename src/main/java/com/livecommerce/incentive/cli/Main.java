package com.livecommerce.incentive.cli;

import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.IncentiveBatchApplication;
import com.livecommerce.incentive.db.EmbeddedMariaDb;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The jar's entry point: parses the command line strictly (exit code 2 on any mistake), does the
 * checks that need no database (policy, inbox readiness), then starts the Spring context and
 * hands over to the job. Tests call {@link #run} to get the exit code without exiting.
 */
@Command(name = "brand-incentive-batch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
		description = "Nightly and monthly jobs of the brand live-commerce incentive policy.",
		subcommands = { NightlyCommand.class, MonthlyCommand.class, RestartCommand.class, StatusCommand.class,
				SchedulerCommand.class, MigrateCommand.class, UndoFirstNightCommand.class, ExplainCommand.class, PolicyCommand.class, SimulateCommand.class })
public class Main implements Runnable {

	private final List<String> springArguments;

	private final Clock clock;

	@Spec
	CommandSpec spec;

	public Main() {
		this(List.of(), Clock.systemUTC());
	}

	/**
	 * @param springArguments extra {@code --name=value} properties for the Spring context, with
	 * the highest precedence (tests point the datasource at their own database this way)
	 */
	public Main(List<String> springArguments, Clock clock) {
		this.springArguments = List.copyOf(springArguments);
		this.clock = clock;
	}

	public static void main(String[] args) {
		System.exit(new Main().run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
	}

	/** The exit codes of every command (SPEC §5), shown by every --help. */
	private static final java.util.Map<String, String> EXIT_CODES = exitCodes();

	private static java.util.Map<String, String> exitCodes() {
		java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
		codes.put("0", "completed; or that date (month) was already complete: a no-op that says so");
		codes.put("1", "the run failed: the message says why and which command resumes it");
		codes.put("2", "bad command line or bad policy");
		codes.put("3", "input not ready: no _SUCCESS, or a required file missing");
		codes.put("4", "out of order: the previous business date (or the month's last day) has not completed");
		codes.put("5", "another run of the same job and date is running");
		return codes;
	}

	/** The jar's version (its manifest's, "development build" from classes) and the frameworks'. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String own = Main.class.getPackage().getImplementationVersion();
			return new String[] { "brand-incentive-batch " + (own == null ? "(development build)" : own),
					"Spring Boot " + org.springframework.boot.SpringBootVersion.getVersion() + ", Spring Batch "
							+ org.springframework.batch.core.SpringBatchVersion.getVersion() + ", Java "
							+ System.getProperty("java.version") };
		}

	}

	/**
	 * Every command and subcommand answers {@code --help} (its options with their defaults, and
	 * the exit codes) and {@code --version}, configured here once rather than on each.
	 */
	private static void helpEverywhere(CommandLine commandLine) {
		CommandSpec spec = commandLine.getCommandSpec();
		if (spec.optionsMap().get("--help") == null) {
			spec.mixinStandardHelpOptions(true);
		}
		spec.versionProvider(new Version());
		spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
		commandLine.getSubcommands().values().forEach(Main::helpEverywhere);
	}

	public int run(PrintWriter out, PrintWriter err, String... args) {
		CommandLine commandLine = new CommandLine(this);
		helpEverywhere(commandLine);
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setCaseInsensitiveEnumValuesAllowed(false);
		commandLine.setExitCodeExceptionMapper(ex -> ExitCode.FAILED.code());
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			err.println(ex.getMessage() + " (try --help)");
			return ExitCode.USAGE.code();
		});
		commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
			err.println(cmd.getCommandName() + " failed: " + ex.getMessage());
			return ExitCode.FAILED.code();
		});
		int code = commandLine.execute(args);
		out.flush();
		err.flush();
		return code;
	}

	@Override
	public void run() {
		throw new CommandLine.ParameterException(this.spec.commandLine(), "a command is required: "
				+ String.join(", ", this.spec.subcommands().keySet()));
	}

	private static String propertyName(String argument) {
		int equals = argument.indexOf('=');
		return equals < 0 ? argument : argument.substring(0, equals);
	}

	Clock clock() {
		return this.clock;
	}

	/**
	 * Starts the Spring context (database, migrations, jobs), runs {@code work} in it and closes
	 * it. A context that cannot start is a failed run (exit 1), or exit 5 when the embedded
	 * database belongs to another live process.
	 */
	public ExitCode withContext(PrintWriter err, Function<ConfigurableApplicationContext, ExitCode> work) {
		return withContext(err, List.of(), work);
	}

	/**
	 * The context of a command that runs a job (nightly, monthly, restart, the scheduler): the only
	 * ones whose metrics are pushed to a Pushgateway when one is configured. Any other command
	 * (status, explain, policy check …) pushes nothing: its push would replace the group of the
	 * last run with figures of nothing.
	 */
	ExitCode withRunContext(PrintWriter err, List<String> commandProperties,
			Function<ConfigurableApplicationContext, ExitCode> work) {
		List<String> properties = new ArrayList<>(commandProperties);
		properties.add(RUNS_A_JOB);
		return withContext(err, properties, work);
	}

	private static final String RUNS_A_JOB = "--incentive.metrics.runs-a-job=true";

	/**
	 * The same, with properties the command needs (the scheduler turns Quartz on; simulate points a
	 * second context at its scratch schema): they override the same properties given to Main.
	 */
	ExitCode withContext(PrintWriter err, List<String> commandProperties,
			Function<ConfigurableApplicationContext, ExitCode> work) {
		List<String> args = new ArrayList<>(commandProperties);
		if (!commandProperties.contains(RUNS_A_JOB)) {
			args.add("--management.prometheus.metrics.export.pushgateway.enabled=false");
		}
		List<String> overridden = commandProperties.stream().map(Main::propertyName).toList();
		this.springArguments.stream().filter(a -> !overridden.contains(propertyName(a))).forEach(args::add);
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(IncentiveBatchApplication.class).web(WebApplicationType.NONE)
				.logStartupInfo(false)
				.registerShutdownHook(false)
				.run(args.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			// our own exception says what to do; otherwise the innermost one says what went wrong
			Throwable root = ex;
			while (root.getCause() != null && root.getCause() != root
					&& !(root instanceof EmbeddedMariaDb.EmbeddedDatabaseBusyException)
					&& !(root instanceof EmbeddedMariaDb.EmbeddedDatabaseStartException)) {
				root = root.getCause();
			}
			org.slf4j.LoggerFactory.getLogger(Main.class).debug("the application context did not start", ex);
			String message = String.valueOf(root.getMessage()).replaceAll("\\s*\\R\\s*", " ").strip();
			err.println("cannot start: " + (message.length() <= 1000 ? message : message.substring(0, 1000) + "…"));
			return root instanceof EmbeddedMariaDb.EmbeddedDatabaseBusyException ? ExitCode.ALREADY_RUNNING
					: ExitCode.FAILED;
		}
		try (context) {
			return work.apply(context);
		}
	}

}
