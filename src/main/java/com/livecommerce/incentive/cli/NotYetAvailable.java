package com.livecommerce.incentive.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** Commands of SPEC §5 whose issues have not landed yet: they say so and exit with 2. */
abstract class NotYetAvailable implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Unmatched
	java.util.List<String> ignored;

	@Override
	public Integer call() {
		this.spec.commandLine().getErr().println(this.spec.name() + " is not available yet in this version");
		return ExitCode.USAGE.code();
	}

	@Command(name = "scheduler", description = "Quartz scheduler (not available yet).")
	static class Scheduler extends NotYetAvailable {

	}

}
