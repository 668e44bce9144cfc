package com.livecommerce.incentive.cli;

import com.livecommerce.incentive.common.BusinessTime;
import com.livecommerce.incentive.nightly.NightlyLauncher;
import com.livecommerce.incentive.nightly.PreLaunch;
import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.runs.JobRuns;
import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.runs.Refusal;
import com.livecommerce.incentive.simulation.ScratchSchema;
import com.livecommerce.incentive.simulation.SimulatedNights;
import com.livecommerce.incentive.simulation.SimulationReport;
import com.livecommerce.incentive.simulation.StateAsOf;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "simulate", description = "What a candidate policy would have done on dates that have run: the nightly"
		+ " rules on the stored inputs of each date, in a scratch schema beside the real one (whose tables, pools,"
		+ " files and job runs are left untouched); the result beside the actual runs' figures under"
		+ " <out>/simulations/<name>/ (comparison.csv, index.html).")
class SimulateCommand implements Callable<Integer> {

	@ParentCommand
	Main main;

	@Spec
	CommandSpec spec;

	@Option(names = "--policy", required = true, paramLabel = "DIR",
			description = "The candidate policy directory (one YAML file per version).")
	Path policy;

	@Option(names = "--from", required = true, paramLabel = "yyyy-MM-dd", converter = StrictDateConverter.class,
			description = "First date to simulate (its nightly run, and the one before it, must have completed).")
	LocalDate from;

	@Option(names = "--to", required = true, paramLabel = "yyyy-MM-dd", converter = StrictDateConverter.class,
			description = "Last date to simulate, inclusive (its nightly run must have completed).")
	LocalDate to;

	@Option(names = "--out", paramLabel = "DIR", defaultValue = "${INCENTIVE_OUT:-var/out}",
			description = "Out directory; the result goes to <out>/simulations/<name>/ (default: ${DEFAULT-VALUE}).")
	Path out;

	@Option(names = "--name", paramLabel = "NAME", defaultValue = "candidate",
			description = "Name of the simulation: its directory and scratch schema (letters, digits, _; default:"
					+ " ${DEFAULT-VALUE}). A simulation of the same name is replaced.")
	String name;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		LocalDate today = BusinessTime.today(this.main.clock());
		Optional<Refusal> refused = this.from.isAfter(this.to)
				? Optional.of(Refusal.usage("--from " + this.from + " is after --to " + this.to))
				: !ScratchSchema.validName(this.name)
						? Optional.of(Refusal.usage("--name must be letters, digits and _ (at most 20): " + this.name))
						: PreLaunch.businessDate(this.to, today)
							.or(() -> PreLaunch.out(this.out))
							.or(() -> PreLaunch.policy(this.policy));
		if (refused.isPresent()) {
			err.println(refused.get().message());
			return refused.get().code().code();
		}
		Path result = this.out.resolve("simulations").resolve(this.name);
		return this.main.withContext(err, List.of("--incentive.schema.read-only=true"), real -> {
			NightlyLauncher nightly = real.getBean(NightlyLauncher.class);
			for (LocalDate d = this.from; !d.isAfter(this.to); d = d.plusDays(1)) {
				if (!nightly.isCompleted(d)) {
					err.println("simulate: the nightly run of " + d + " has not completed; only dates that have run can be"
							+ " simulated (" + real.getBean(JobRuns.class)
								.completedRange(NightlyRun.JOB, NightlyRun.BUSINESS_DATE)
								.map(r -> "completed nights run from " + r[0] + " to " + r[1])
								.orElse("no night has completed") + ")");
					return ExitCode.USAGE;
				}
			}
			LocalDate before = this.from.minusDays(1);
			if (!nightly.isCompleted(before) && real.getBean(JobRuns.class)
				.completedRange(NightlyRun.JOB, NightlyRun.BUSINESS_DATE)
				.map(r -> r[0].compareTo(this.from.toString()) < 0)
				.orElse(false)) {
				err.println("simulate: the night before " + this.from + " has not completed");
				return ExitCode.USAGE;
			}
			JdbcTemplate realJdbc = real.getBean(JdbcTemplate.class);
			String realSchema = realJdbc.queryForObject("SELECT DATABASE()", String.class);
			String scratch = ScratchSchema.of(realSchema, this.name);
			ScratchSchema.create(realJdbc, scratch);
			out.println("simulation " + this.name + ": " + this.from + " to " + this.to + " under " + this.policy
					+ ", in schema " + scratch);
			String url = ScratchSchema.url(real.getEnvironment().getProperty("spring.datasource.url"), scratch);
			List<String> scratchProperties = new java.util.ArrayList<>(List.of("--spring.datasource.url=" + url,
					"--incentive.simulation.source-schema=" + realSchema, "--incentive.schema.migrate=true",
					"--incentive.schema.read-only=false",
					// reads of the real schema inside INSERT ... SELECT take no shared locks on its rows, so a real
					// nightly run going on at the same time is not held up
					"--spring.datasource.hikari.transaction-isolation=TRANSACTION_READ_COMMITTED"));
			for (String property : List.of("spring.datasource.username", "spring.datasource.password")) {
				String value = real.getEnvironment().getProperty(property);
				if (value != null) { // the same user on the same server (an embedded server's root has no password)
					scratchProperties.add("--" + property + "=" + value);
				}
			}
			return this.main.withContext(err, scratchProperties, sim -> {
						JdbcTemplate simJdbc = sim.getBean(JdbcTemplate.class);
						StateAsOf.copy(simJdbc, realSchema, before);
						out.println("state of " + before + " copied");
						sim.getBean(SimulatedNights.class).run(this.from, this.to, this.policy, result.resolve("run"), out);
						SimulationReport report = SimulationReport.of(realJdbc, simJdbc, this.from, this.to);
						report.write(result, "Simulation " + this.name + ": " + this.from + " to " + this.to,
								List.of("candidate policy: " + this.policy, "dates: " + this.from + " to " + this.to,
										"scratch schema: " + scratch + " (kept for queries until the next simulation"
												+ " of this name)",
										"actual: the nightly runs of those dates; simulated: the same rules on the same"
												+ " stored inputs under the candidate policy"));
						out.println("result: " + result.resolve("comparison.csv") + ", " + result.resolve("index.html"));
						return ExitCode.OK;
					});
		}).code();
	}

}
