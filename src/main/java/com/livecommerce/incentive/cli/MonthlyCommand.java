package com.livecommerce.incentive.cli;

import com.livecommerce.incentive.runs.Refusal;
import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.common.BusinessTime;
import com.livecommerce.incentive.monthly.MonthlyLauncher;
import com.livecommerce.incentive.nightly.PreLaunch;
import java.io.PrintWriter;
import java.util.List;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "monthly", description = "Close a month: verify the ledger, close the pools, write summaries, "
		+ "statements and the report (default: last month, Asia/Shanghai).")
class MonthlyCommand implements Callable<Integer> {

	@ParentCommand
	Main main;

	@Spec
	CommandSpec spec;

	@Option(names = "--month", paramLabel = "yyyy-MM", converter = MonthConverter.class,
			description = "Month to close (default: last month in Asia/Shanghai).")
	YearMonth month;

	@Option(names = "--out", paramLabel = "DIR", defaultValue = "${INCENTIVE_OUT:-var/out}",
			description = "Where the month's files go, under <out>/<yyyy-MM>/ (default: ${DEFAULT-VALUE}).")
	Path out;

	@Option(names = "--policy", paramLabel = "DIR", defaultValue = "${INCENTIVE_POLICY:-jobs/policy}",
			description = "Policy directory, checked before anything runs (default: ${DEFAULT-VALUE}).")
	Path policy;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		LocalDate today = BusinessTime.today(this.main.clock());
		YearMonth target = this.month != null ? this.month : YearMonth.from(today).minusMonths(1);
		Optional<Refusal> refused = PreLaunch.monthly(target, today, this.out, this.policy);
		if (refused.isPresent()) {
			err.println(refused.get().message());
			return refused.get().code().code();
		}
		return this.main
			.withRunContext(err, List.of(), context -> context.getBean(MonthlyLauncher.class).launch(target, this.out, this.policy, out, err))
			.code();
	}

	static class MonthConverter implements ITypeConverter<YearMonth> {

		@Override
		public YearMonth convert(String value) {
			if (!value.matches("\\d{4}-\\d{2}")) {
				throw new TypeConversionException("'" + value + "' is not a month (yyyy-MM)");
			}
			try {
				return YearMonth.parse(value);
			}
			catch (DateTimeParseException ex) {
				throw new TypeConversionException("'" + value + "' is not a month (yyyy-MM)");
			}
		}

	}

}
