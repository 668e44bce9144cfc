package com.livecommerce.incentive.cli;

import com.livecommerce.incentive.explain.Explainer;
import com.livecommerce.incentive.explain.Explanation;
import com.livecommerce.incentive.explain.ExplanationJson;
import com.livecommerce.incentive.explain.ExplanationText;
import com.livecommerce.incentive.runs.ExitCode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "explain", description = "Why an account got, or did not get, its coupons on a business date: every"
		+ " check, rule, claim and later event of that night, from stored history (never today's snapshot). Reads only.")
class ExplainCommand implements Callable<Integer> {

	@ParentCommand
	Main main;

	@Spec
	CommandSpec spec;

	@ArgGroup(exclusive = true, multiplicity = "1")
	Target target;

	static class Target {

		@ArgGroup(exclusive = false)
		AccountDate accountDate;

		@Option(names = "--session", required = true, paramLabel = "ID",
				description = "A session: the account-day of the run that ingested it.")
		String session;

	}

	static class AccountDate {

		@Option(names = "--account", required = true, paramLabel = "ID", description = "The account.")
		String account;

		@Option(names = "--date", required = true, paramLabel = "yyyy-MM-dd", converter = StrictDateConverter.class,
				description = "The business date (its nightly run must have completed).")
		LocalDate date;

	}

	@Option(names = "--json", description = "Stable JSON for tools instead of text.")
	boolean json;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		return this.main.withContext(err, List.of("--incentive.schema.read-only=true"), context -> {
			MigrationInfoService schema = context.getBean(Flyway.class).info();
			if (schema.current() == null) {
				err.println("explain: nothing has run on this database yet (it holds no incentive schema)");
				return ExitCode.USAGE;
			}
			if (schema.pending().length > 0) {
				err.println("explain: the schema is at version " + schema.current().getVersion() + " and this jar needs "
						+ schema.pending()[schema.pending().length - 1].getVersion()
						+ ": run migrate (or the next nightly run) first; explain changes nothing");
				return ExitCode.FAILED;
			}
			Explainer explainer = context.getBean(Explainer.class);
			Explanation answer;
			try {
				answer = this.target.session != null ? explainer.session(this.target.session)
						: explainer.account(this.target.accountDate.account, this.target.accountDate.date);
			}
			catch (Explainer.Unanswerable ex) {
				err.println("explain: " + ex.getMessage());
				return ExitCode.USAGE;
			}
			out.print(this.json ? ExplanationJson.write(answer) + "\n" : ExplanationText.write(answer));
			return ExitCode.OK;
		}).code();
	}

}
