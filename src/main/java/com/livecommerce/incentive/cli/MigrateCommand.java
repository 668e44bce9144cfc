package com.livecommerce.incentive.cli;

import com.livecommerce.incentive.runs.ExitCode;
import java.util.List;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code migrate}: applies the pending schema migrations and says where the schema stands. Run as
 * the schema owner when the jobs themselves run with {@code incentive.schema.migrate=false} as a
 * user without DDL rights.
 */
@Command(name = "migrate", description = "Apply pending schema migrations (as the schema owner) and report the version.")
class MigrateCommand implements Callable<Integer> {

	@ParentCommand
	Main main;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		return this.main.withContext(this.spec.commandLine().getErr(), List.of("--incentive.schema.migrate=true"),
				context -> {
					MigrationInfo current = context.getBean(Flyway.class).info().current();
					this.spec.commandLine()
						.getOut()
						.println("schema is at version " + current.getVersion() + " (" + current.getDescription()
								+ "); nothing pending");
					return ExitCode.OK;
				})
			.code();
	}

}
