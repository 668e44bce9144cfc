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
@Command(name = "brand-incentive-batch", mixinStandardHelpOptions = true, version = "brand-incentive-batch 0.1",
		description = "Nightly and monthly jobs of the brand live-commerce incentive policy.",
		subcommands = { NightlyCommand.class, MonthlyCommand.class, RestartCommand.class, StatusCommand.class,
				SchedulerCommand.class, MigrateCommand.class, UndoFirstNightCommand.class, ExplainCommand.class, PolicyCommand.class, SimulateCommand.class,
				BenchmarkCommand.class })
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

	public int run(PrintWriter out, PrintWriter err, String... args) {
		CommandLine commandLine = new CommandLine(this);
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
	ExitCode withContext(PrintWriter err, Function<ConfigurableApplicationContext, ExitCode> work) {
		return withContext(err, List.of(), work);
	}

	/**
	 * The same, with properties the command needs (the scheduler turns Quartz on; simulate points a
	 * second context at its scratch schema): they override the same properties given to Main.
	 */
	ExitCode withContext(PrintWriter err, List<String> commandProperties,
			Function<ConfigurableApplicationContext, ExitCode> work) {
		List<String> args = new ArrayList<>(commandProperties);
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
			Throwable root = ex;
			while (root.getCause() != null && root.getCause() != root) {
				if (root instanceof EmbeddedMariaDb.EmbeddedDatabaseBusyException) {
					break;
				}
				root = root.getCause();
			}
			err.println("cannot start: " + root.getMessage());
			return root instanceof EmbeddedMariaDb.EmbeddedDatabaseBusyException ? ExitCode.ALREADY_RUNNING
					: ExitCode.FAILED;
		}
		try (context) {
			return work.apply(context);
		}
	}

}
