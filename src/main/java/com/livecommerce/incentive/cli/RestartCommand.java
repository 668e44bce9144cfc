package com.livecommerce.incentive.cli;

import com.livecommerce.incentive.runs.Restarts;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code restart (--execution ID | nightly --date D | monthly --month M)}. */
@Command(name = "restart", description = "Resume a failed or dead run with its own parameters, from where it stopped,"
		+ " in the order nightly keeps (a night's inbox checked first).",
		subcommands = { RestartCommand.Nightly.class, RestartCommand.Monthly.class })
class RestartCommand implements Callable<Integer> {

	@ParentCommand
	Main main;

	@Spec
	CommandSpec spec;

	@Option(names = "--execution", paramLabel = "ID", description = "The execution to resume (see: status).")
	Long execution;

	@Override
	public Integer call() {
		if (this.execution == null) {
			throw new CommandLine.ParameterException(this.spec.commandLine(),
					"restart needs --execution ID, or nightly --date yyyy-MM-dd, or monthly --month yyyy-MM");
		}
		return this.main.withRunContext(this.spec.commandLine().getErr(), List.of(), context -> context.getBean(Restarts.class)
			.execution(this.execution, this.spec.commandLine().getOut(), this.spec.commandLine().getErr())).code();
	}

	@Command(name = "nightly", description = "Resume the nightly run of a date.")
	static class Nightly implements Callable<Integer> {

		@ParentCommand
		RestartCommand restart;

		@Spec
		CommandSpec spec;

		@Option(names = "--date", required = true, paramLabel = "yyyy-MM-dd", converter = StrictDateConverter.class,
				description = "The business date whose last run to resume; its inbox is checked first, as nightly does.")
		LocalDate date;

		@Override
		public Integer call() {
			return this.restart.main.withRunContext(this.spec.commandLine().getErr(), List.of(), context -> context
				.getBean(Restarts.class)
				.nightly(this.date, this.spec.commandLine().getOut(), this.spec.commandLine().getErr())).code();
		}

	}

	@Command(name = "monthly", description = "Resume the monthly run of a month.")
	static class Monthly implements Callable<Integer> {

		@ParentCommand
		RestartCommand restart;

		@Spec
		CommandSpec spec;

		@Option(names = "--month", required = true, paramLabel = "yyyy-MM", converter = MonthlyCommand.MonthConverter.class,
				description = "The month whose last run to resume.")
		YearMonth month;

		@Override
		public Integer call() {
			return this.restart.main.withRunContext(this.spec.commandLine().getErr(), List.of(), context -> context
				.getBean(Restarts.class)
				.monthly(this.month, this.spec.commandLine().getOut(), this.spec.commandLine().getErr())).code();
		}

	}

}
