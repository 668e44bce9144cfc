package com.livecommerce.incentive.cli;

import com.livecommerce.incentive.policy.PolicyException;
import com.livecommerce.incentive.policy.PolicyLoader;
import com.livecommerce.incentive.policy.PolicySet;
import com.livecommerce.incentive.policy.PolicySheet;
import com.livecommerce.incentive.policy.PolicyVersions;
import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.runs.NightlyHistory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "policy", description = "Policy directories.", subcommands = PolicyCommand.Check.class)
class PolicyCommand implements Runnable {

	@ParentCommand
	Main main;

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(this.spec.commandLine(), "a subcommand is required: check");
	}

	@Command(name = "check", description = "Validate a policy directory exactly as the jobs do, and show per version"
			+ " whether it is new, unchanged, amended (a used version's effective_to moved: ended early, cancelled"
			+ " from a date or extended) or an edit of a version already used (refused), with the nights run under"
			+ " each and the versions' dates, caps, tiers and thresholds side by side. With --candidate DIR: a candidate"
			+ " for simulate, compared with the versions in force (never called an edit). Reads only.")
	static class Check implements Callable<Integer> {

		@ParentCommand
		PolicyCommand policy;

		@Spec
		CommandSpec spec;

		@Option(names = "--policy", paramLabel = "DIR", defaultValue = "${INCENTIVE_POLICY:-jobs/policy}",
				description = "Policy directory, one YAML file per version (default: ${DEFAULT-VALUE}).")
		Path directory;

		@Option(names = "--candidate", paramLabel = "DIR", description = "A candidate policy directory (what simulate"
				+ " would try), validated as the jobs validate and shown beside the versions in force, each value that"
				+ " differs marked: a comparison, not an edit of the directory the jobs read (--policy is not read).")
		Path candidate;

		@Override
		public Integer call() {
			PrintWriter out = this.spec.commandLine().getOut();
			PrintWriter err = this.spec.commandLine().getErr();
			PolicySet policies;
			Path read = this.candidate != null ? this.candidate : this.directory;
			try {
				policies = PolicyLoader.load(read);
			}
			catch (PolicyException ex) {
				err.println("bad policy: " + ex.getMessage());
				return ExitCode.USAGE.code();
			}
			if (this.candidate != null) {
				return this.policy.main.withContext(err, List.of("--incentive.schema.read-only=true"), context -> {
					boolean nothingRun = context.getBean(Flyway.class).info().current() == null;
					JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
					List<PolicyVersions.Check> checks = nothingRun
							? policies.versions().stream()
								.map(p -> new PolicyVersions.Check(p, PolicyVersions.Status.CANDIDATE, null, null, null,
										List.of(), null))
								.toList()
							: new PolicyVersions(jdbc).compareCandidate(policies, new NightlyHistory(jdbc));
					out.println("candidate policy directory " + read + ": " + policies.versions().size()
							+ " version(s), each valid; compared with the versions in force"
							+ (nothingRun ? " (none: nothing has run on this database yet)" : "")
							+ ". A candidate is for simulate: the jobs read --policy, not this directory");
					out.print(PolicySheet.sideBySide(checks));
					out.print(PolicySheet.candidate(checks));
					out.println("* marks a value that differs from the version to its left");
					return ExitCode.OK;
				}).code();
			}
			return this.policy.main.withContext(err, List.of("--incentive.schema.read-only=true"), context -> {
				boolean nothingRun = context.getBean(Flyway.class).info().current() == null;
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				List<PolicyVersions.Check> checks = nothingRun
						? policies.versions().stream().map(PolicyVersions.Check::fresh).toList()
						: new PolicyVersions(jdbc).check(policies, new NightlyHistory(jdbc));
				out.println("policy directory " + this.directory + ": " + policies.versions().size()
						+ " version(s), each valid" + (nothingRun ? "; nothing has run on this database yet" : ""));
				out.print(PolicySheet.sideBySide(checks));
				out.print(PolicySheet.amendments(checks));
				List<PolicyVersions.Check> refused = checks.stream().filter(PolicyVersions.Check::refused).toList();
				if (refused.isEmpty()) {
					out.println("every job would accept this directory (* marks a value that differs from the version"
							+ " to its left)");
					return ExitCode.OK;
				}
				refused.forEach(c -> err.println("refused: " + c.detail()));
				return ExitCode.USAGE;
			}).code();
		}

	}

}
