package com.livecommerce.incentive.cli;

import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.runs.RunStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Recent runs: job, date, status, times, counts, and how to resume a failed one.")
class StatusCommand implements Callable<Integer> {

	@ParentCommand
	Main main;

	@Spec
	CommandSpec spec;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many runs (default: ${DEFAULT-VALUE}).")
	int limit;

	@Override
	public Integer call() {
		if (this.limit < 1) {
			this.spec.commandLine().getErr().println("--limit must be at least 1");
			return ExitCode.USAGE.code();
		}
		return this.main.withContext(this.spec.commandLine().getErr(), context -> {
			context.getBean(RunStatus.class).print(this.limit, this.spec.commandLine().getOut());
			return ExitCode.OK;
		}).code();
	}

}
