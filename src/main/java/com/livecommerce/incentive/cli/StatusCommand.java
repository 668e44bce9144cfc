package com.livecommerce.incentive.cli;

import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.runs.RunStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Recent runs: job, date, status, times, counts, and how to resume a failed one."
		+ " Reads only: it never creates or migrates the schema.")
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
		PrintWriter out = this.spec.commandLine().getOut();
		return this.main.withContext(this.spec.commandLine().getErr(), List.of("--incentive.schema.read-only=true"),
				context -> {
					MigrationInfoService schema = context.getBean(Flyway.class).info();
					if (schema.current() == null) {
						out.println("nothing has run on this database yet: it holds no incentive schema (the first"
								+ " nightly run, or migrate, creates it); status changed nothing");
						return ExitCode.OK;
					}
					if (schema.pending().length > 0) {
						out.println("note: the schema is at version " + schema.current().getVersion() + "; this jar needs "
								+ schema.pending()[schema.pending().length - 1].getVersion()
								+ " (the next job, or migrate, brings it there)");
					}
					context.getBean(RunStatus.class).print(this.limit, out);
					return ExitCode.OK;
				}).code();
	}

}
