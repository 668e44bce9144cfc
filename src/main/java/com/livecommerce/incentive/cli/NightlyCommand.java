package com.livecommerce.incentive.cli;

import com.livecommerce.incentive.runs.Refusal;
import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.common.BusinessTime;
import com.livecommerce.incentive.nightly.NightlyLauncher;
import com.livecommerce.incentive.nightly.PreLaunch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import com.livecommerce.incentive.ingest.InputFile;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "nightly", description = "Run the nightly job for one business date (default: yesterday, Asia/Shanghai),"
		+ " or for a range in order (--from, --to).")
class NightlyCommand implements Callable<Integer> {

	@ParentCommand
	Main main;

	@Spec
	CommandSpec spec;

	@Option(names = "--date", paramLabel = "yyyy-MM-dd", converter = StrictDateConverter.class,
			description = "Business date to run (default: yesterday in Asia/Shanghai).")
	LocalDate date;

	@Option(names = "--from", paramLabel = "yyyy-MM-dd", converter = StrictDateConverter.class,
			description = "Backfill: the first date of a range run in order (with --to).")
	LocalDate from;

	@Option(names = "--to", paramLabel = "yyyy-MM-dd", converter = StrictDateConverter.class,
			description = "Backfill: the last date of the range, inclusive (with --from).")
	LocalDate to;

	@Option(names = "--inbox", paramLabel = "DIR", defaultValue = "${INCENTIVE_INBOX:-var/inbox}",
			description = "Inbox with one folder per business date (default: ${DEFAULT-VALUE}).")
	Path inbox;

	@Option(names = "--out", paramLabel = "DIR", defaultValue = "${INCENTIVE_OUT:-var/out}",
			description = "Where the day's files go (default: ${DEFAULT-VALUE}).")
	Path out;

	@Option(names = "--policy", paramLabel = "DIR", defaultValue = "${INCENTIVE_POLICY:-jobs/policy}",
			description = "Policy directory, one YAML file per version (default: ${DEFAULT-VALUE}).")
	Path policy;

	@Option(names = "--accept-low-volume", paramLabel = "FILE", split = ",",
			description = "Run the date although FILE (e.g. broadcasts.csv) has fewer rows than the volume gate expects:"
					+ " the operator knows the day is real. Recorded with the run. Only with --date.")
	Set<String> acceptLowVolume = Set.of();

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		List<LocalDate> dates = dates();
		checkAcceptLowVolume();
		// Checked before the database is touched: a date to come, a path that is no directory, a bad policy
		// or input that is not ready starts nothing.
		LocalDate today = BusinessTime.today(this.main.clock());
		Optional<Refusal> refused = PreLaunch.businessDate(dates.get(dates.size() - 1), today)
			.or(() -> PreLaunch.nightly(dates.get(0), today, this.inbox, this.out, this.policy));
		if (refused.isPresent()) {
			err.println(refused.get().message());
			return refused.get().code().code();
		}
		return this.main.withRunContext(err, List.of(), context -> {
			NightlyLauncher launcher = context.getBean(NightlyLauncher.class);
			for (LocalDate day : dates) {
				Optional<Refusal> notReady = PreLaunch.input(this.inbox, day);
				notReady.ifPresent(r -> err.println(r.message()));
				ExitCode code = notReady.isPresent() ? notReady.get().code()
						: launcher.launch(day, this.inbox, this.out, this.policy, this.acceptLowVolume, out, err);
				if (code != ExitCode.OK) {
					if (dates.size() > 1) {
						err.println("backfill stopped at " + day + " (exit " + code.code() + "); the dates before it are complete");
					}
					return code;
				}
			}
			return ExitCode.OK;
		}).code();
	}

	private void checkAcceptLowVolume() {
		if (this.acceptLowVolume.isEmpty()) {
			return;
		}
		if (this.date == null) {
			throw new CommandLine.ParameterException(this.spec.commandLine(),
					"--accept-low-volume goes with one --date: a day is accepted after a person has looked at it");
		}
		List<String> known = java.util.Arrays.stream(InputFile.values()).map(InputFile::fileName).toList();
		for (String file : this.acceptLowVolume) {
			if (!known.contains(file)) {
				throw new CommandLine.ParameterException(this.spec.commandLine(),
						"--accept-low-volume " + file + ": not an extract; one of " + known);
			}
		}
	}

	/** The date, or the backfill range in order; a malformed combination is a usage error. */
	private List<LocalDate> dates() {
		if (this.from != null || this.to != null) {
			if (this.from == null || this.to == null || this.date != null) {
				throw new CommandLine.ParameterException(this.spec.commandLine(),
						"a backfill needs both --from and --to, and no --date");
			}
			if (this.to.isBefore(this.from)) {
				throw new CommandLine.ParameterException(this.spec.commandLine(),
						"--to " + this.to + " is before --from " + this.from);
			}
			if (ChronoUnit.DAYS.between(this.from, this.to) > 366) {
				throw new CommandLine.ParameterException(this.spec.commandLine(),
						"a backfill covers at most 367 days; split it");
			}
			return this.from.datesUntil(this.to.plusDays(1)).toList();
		}
		return List.of(this.date != null ? this.date : BusinessTime.yesterday(this.main.clock()));
	}

}
