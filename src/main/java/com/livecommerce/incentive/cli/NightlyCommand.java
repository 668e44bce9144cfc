package com.livecommerce.incentive.cli;

import com.livecommerce.incentive.common.BusinessTime;
import com.livecommerce.incentive.nightly.InboxReadiness;
import com.livecommerce.incentive.nightly.NightlyLauncher;
import com.livecommerce.incentive.policy.PolicyException;
import com.livecommerce.incentive.policy.PolicyLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "nightly", description = "Run the nightly job for one business date (default: yesterday, Asia/Shanghai).")
class NightlyCommand implements Callable<Integer> {

	@ParentCommand
	Main main;

	@Spec
	CommandSpec spec;

	@Option(names = "--date", paramLabel = "yyyy-MM-dd", converter = StrictDateConverter.class,
			description = "Business date to run (default: yesterday in Asia/Shanghai).")
	LocalDate date;

	@Option(names = "--inbox", paramLabel = "DIR", defaultValue = "${INCENTIVE_INBOX:-var/inbox}",
			description = "Inbox with one folder per business date (default: ${DEFAULT-VALUE}).")
	Path inbox;

	@Option(names = "--out", paramLabel = "DIR", defaultValue = "${INCENTIVE_OUT:-var/out}",
			description = "Where the day's files go (default: ${DEFAULT-VALUE}).")
	Path out;

	@Option(names = "--policy", paramLabel = "DIR", defaultValue = "${INCENTIVE_POLICY:-jobs/policy}",
			description = "Policy directory, one YAML file per version (default: ${DEFAULT-VALUE}).")
	Path policy;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		LocalDate businessDate = this.date != null ? this.date : BusinessTime.yesterday(this.main.clock());
		if (!Files.isDirectory(this.inbox)) {
			err.println("inbox directory " + this.inbox + " does not exist");
			return ExitCode.USAGE.code();
		}
		try {
			PolicyLoader.load(this.policy);
		}
		catch (PolicyException ex) {
			err.println("bad policy: " + ex.getMessage());
			return ExitCode.USAGE.code();
		}
		Optional<String> notReady = InboxReadiness.check(this.inbox, businessDate);
		if (notReady.isPresent()) {
			err.println(notReady.get());
			return ExitCode.INPUT_NOT_READY.code();
		}
		return this.main
			.withContext(err, context -> context.getBean(NightlyLauncher.class)
				.launch(businessDate, this.inbox, this.out, this.policy, out, err))
			.code();
	}

}
