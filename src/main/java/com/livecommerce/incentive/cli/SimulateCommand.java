package com.livecommerce.incentive.cli;

import com.livecommerce.incentive.common.BusinessTime;
import com.livecommerce.incentive.common.DatabaseFailures;
import com.livecommerce.incentive.runs.RunOrder;
import com.livecommerce.incentive.nightly.PreLaunch;
import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.runs.JobRuns;
import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.runs.Refusal;
import com.livecommerce.incentive.common.AtomicFiles;
import com.livecommerce.incentive.simulation.PolicySweep;
import com.livecommerce.incentive.simulation.ScratchSchema;
import com.livecommerce.incentive.simulation.SimulatedNights;
import com.livecommerce.incentive.simulation.SimulationReport;
import com.livecommerce.incentive.simulation.StateAsOf;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
		+ " <out>/simulations/<name>/ (comparison.csv, index.html), and the headline differences printed. Each"
		+ " simulation keeps its scratch schema for queries: --list shows them, --drop NAME removes one.")
class SimulateCommand implements Callable<Integer> {

	@ParentCommand
	Main main;

	@Spec
	CommandSpec spec;

	@Option(names = "--policy", paramLabel = "DIR",
			description = "The candidate policy directory (one YAML file per version). Needed to simulate.")
	Path policy;

	@Option(names = "--from", paramLabel = "yyyy-MM-dd", converter = StrictDateConverter.class,
			description = "First date to simulate (its nightly run, and the one before it, must have completed)."
					+ " Needed to simulate.")
	LocalDate from;

	@Option(names = "--to", paramLabel = "yyyy-MM-dd", converter = StrictDateConverter.class,
			description = "Last date to simulate, inclusive (its nightly run must have completed). Needed to simulate.")
	LocalDate to;

	@Option(names = "--list", description = "List the simulations kept beside this database: name, scratch schema,"
			+ " dates simulated, size. Reads only.")
	boolean list;

	@Option(names = "--drop", paramLabel = "NAME", description = "Drop the scratch schema of the simulation NAME (its"
			+ " pages and comparison.csv under <out>/simulations/NAME/ are left).")
	String drop;

	@Option(names = "--out", paramLabel = "DIR", defaultValue = "${INCENTIVE_OUT:-var/out}",
			description = "Out directory; the result goes to <out>/simulations/<name>/ (default: ${DEFAULT-VALUE}).")
	Path out;

	@Option(names = "--name", paramLabel = "NAME", defaultValue = "candidate",
			description = "Name of the simulation: its directory and scratch schema (letters, digits, _; default:"
					+ " ${DEFAULT-VALUE}). A simulation of the same name is replaced.")
	String name;

	@Option(names = "--sweep", paramLabel = "PROGRAM.field=v1,v2,…",
			description = "Try one field of the candidate at several values (2 to 8), e.g. GROWTH.monthly_cap=300,450,600:"
					+ " one simulation per value, and a page with one burn-down curve per value.")
	String sweep;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		if (this.list || this.drop != null) {
			return housekeeping(out, err);
		}
		if (this.policy == null || this.from == null || this.to == null) {
			err.println("simulate needs --policy, --from and --to (or --list, or --drop NAME); see simulate --help");
			return ExitCode.USAGE.code();
		}
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
		PolicySweep swept = null;
		if (this.sweep != null) {
			try {
				swept = PolicySweep.parse(this.sweep);
			}
			catch (IllegalArgumentException ex) {
				err.println(ex.getMessage());
				return ExitCode.USAGE.code();
			}
			if (this.name.length() > 18) {
				err.println("--name must be at most 18 characters with --sweep (each value gets _1, _2, …)");
				return ExitCode.USAGE.code();
			}
		}
		PolicySweep sweepOf = swept;
		Path result = this.out.resolve("simulations").resolve(this.name);
		return this.main.withContext(err, List.of("--incentive.schema.read-only=true"), real -> {
			RunOrder nightly = real.getBean(RunOrder.class);
			for (LocalDate d = this.from; !d.isAfter(this.to); d = d.plusDays(1)) {
				if (!nightly.nightCompleted(d)) {
					err.println("simulate: the nightly run of " + d + " has not completed; only dates that have run can be"
							+ " simulated (" + real.getBean(JobRuns.class)
								.completedRange(NightlyRun.JOB, NightlyRun.BUSINESS_DATE)
								.map(r -> "completed nights run from " + r[0] + " to " + r[1])
								.orElse("no night has completed") + ")");
					return ExitCode.USAGE;
				}
			}
			LocalDate before = this.from.minusDays(1);
			if (!nightly.nightCompleted(before) && real.getBean(JobRuns.class)
				.completedRange(NightlyRun.JOB, NightlyRun.BUSINESS_DATE)
				.map(r -> r[0].compareTo(this.from.toString()) < 0)
				.orElse(false)) {
				err.println("simulate: the night before " + this.from + " has not completed");
				return ExitCode.USAGE;
			}
			if (sweepOf == null) {
				SimulationReport report = once(real, this.policy, this.name, result, out, err);
				if (report == null) {
					return ExitCode.FAILED;
				}
				out.println("differences, actual -> simulated:");
				report.headlines().forEach(line -> out.println("  " + line));
				out.println("result: " + result.resolve("comparison.csv") + ", " + result.resolve("index.html"));
				return ExitCode.OK;
			}
			Map<String, SimulationReport> byValue = new LinkedHashMap<>();
			for (int i = 0; i < sweepOf.values().size(); i++) {
				String value = sweepOf.values().get(i);
				Path dir = result.resolve(sweepOf + "=" + value);
				sweepOf.write(this.policy, value, dir.resolve("policy"));
				Optional<Refusal> bad = PreLaunch.policy(dir.resolve("policy"));
				if (bad.isPresent()) {
					err.println("--sweep " + sweepOf + "=" + value + ": " + bad.get().message());
					return ExitCode.USAGE;
				}
				out.println("sweep " + sweepOf + " = " + value + " (" + (i + 1) + " of " + sweepOf.values().size() + ")");
				SimulationReport report = once(real, dir.resolve("policy"), this.name + "_" + (i + 1), dir, out, err);
				if (report == null) {
					return ExitCode.FAILED;
				}
				byValue.put(sweepOf + " = " + value, report);
				out.println("differences, actual -> simulated with " + sweepOf + " = " + value + ":");
				report.headlines().forEach(line -> out.println("  " + line));
			}
			AtomicFiles.write(result.resolve("index.html"), "the sweep's page", SimulationReport.sweepHtml("Sweep " + sweepOf + ": "
					+ this.from + " to " + this.to, List.of("candidate policy: " + this.policy, "values: "
							+ String.join(", ", sweepOf.values()) + " (each simulation's page and comparison.csv in its"
							+ " own directory)"), sweepOf.toString(), byValue));
			out.println("result: " + result.resolve("index.html"));
			return ExitCode.OK;
		}).code();
	}

	/** {@code --list} and {@code --drop NAME}: the scratch schemas kept beside the real one. */
	private Integer housekeeping(PrintWriter out, PrintWriter err) {
		if (this.list && this.drop != null || this.policy != null || this.from != null || this.to != null
				|| this.sweep != null) {
			err.println("--list and --drop NAME each stand alone: without --policy, --from, --to or --sweep");
			return ExitCode.USAGE.code();
		}
		if (this.drop != null && !ScratchSchema.validName(this.drop)) {
			err.println("--drop: not a simulation name (letters, digits and _, at most 20): " + this.drop);
			return ExitCode.USAGE.code();
		}
		return this.main.withContext(err, List.of("--incentive.schema.read-only=true"), real -> {
			JdbcTemplate jdbc = real.getBean(JdbcTemplate.class);
			String realSchema = jdbc.queryForObject("SELECT DATABASE()", String.class);
			List<ScratchSchema.Kept> kept = ScratchSchema.list(jdbc, realSchema);
			if (this.list) {
				if (kept.isEmpty()) {
					out.println("no simulation is kept beside " + realSchema);
					return ExitCode.OK;
				}
				out.printf("%-20s  %-40s  %-23s  %s%n", "NAME", "SCRATCH SCHEMA", "DATES SIMULATED", "SIZE");
				for (ScratchSchema.Kept k : kept) {
					out.printf("%-20s  %-40s  %-23s  %s%n", k.name(), k.schema(),
							k.from() == null ? "-" : k.from() + " to " + k.to(), k.megabytes() + " MB");
				}
				out.println("drop one with: simulate --drop NAME");
				return ExitCode.OK;
			}
			String schema = ScratchSchema.of(realSchema, this.drop);
			if (kept.stream().noneMatch(k -> k.schema().equals(schema))) {
				err.println("no simulation " + this.drop + " is kept beside " + realSchema + " (simulate --list shows them)");
				return ExitCode.USAGE;
			}
			ScratchSchema.drop(jdbc, schema);
			out.println("dropped the scratch schema " + schema + " of simulation " + this.drop + "; its files under"
					+ " <out>/simulations/" + this.drop + "/ are left");
			return ExitCode.OK;
		}).code();
	}

	/**
	 * One simulation of {@code policy} named {@code name}: scratch schema, state, nights, report
	 * into {@code dir}; null when it failed (said on {@code err}).
	 */
	private SimulationReport once(org.springframework.context.ConfigurableApplicationContext real, Path policy,
			String name, Path dir, PrintWriter out, PrintWriter err) {
		JdbcTemplate realJdbc = real.getBean(JdbcTemplate.class);
		String realSchema = realJdbc.queryForObject("SELECT DATABASE()", String.class);
		String scratch = ScratchSchema.of(realSchema, name);
		out.println("simulation " + name + ": " + this.from + " to " + this.to + " under " + policy + ", in schema "
				+ scratch);
		try {
			ScratchSchema.create(realJdbc, scratch);
			ScratchSchema.copyStructure(realJdbc, realSchema, scratch);
		}
		catch (RuntimeException ex) {
			err.println("simulation " + name + " failed: the scratch schema " + scratch + " could not be made beside "
					+ realSchema + " (" + DatabaseFailures.rootMessage(ex) + "); the user needs SELECT and SHOW VIEW on "
					+ realSchema + " and every privilege on " + realSchema + "_sim_% (docs/simulate.md)");
			dropHalfMade(realJdbc, scratch, err);
			return null;
		}
		String url = ScratchSchema.url(real.getEnvironment().getProperty("spring.datasource.url"), scratch);
		List<String> scratchProperties = new java.util.ArrayList<>(List.of("--spring.datasource.url=" + url,
				"--incentive.simulation.source-schema=" + realSchema,
				// the structure is the real schema's, copied: nothing to migrate (a migration would create roles)
				"--incentive.schema.migrate=false", "--incentive.schema.read-only=false",
				// reads of the real schema inside INSERT ... SELECT take no shared locks on its rows, so a real
				// nightly run going on at the same time is not held up
				"--spring.datasource.hikari.transaction-isolation=TRANSACTION_READ_COMMITTED"));
		for (String property : List.of("spring.datasource.username", "spring.datasource.password")) {
			String value = real.getEnvironment().getProperty(property);
			if (value != null) { // the same user on the same server (an embedded server's root has no password)
				scratchProperties.add("--" + property + "=" + value);
			}
		}
		SimulationReport[] report = new SimulationReport[1];
		LocalDate before = this.from.minusDays(1);
		ExitCode code;
		try {
			code = this.main.withContext(err, scratchProperties, sim -> {
				JdbcTemplate simJdbc = sim.getBean(JdbcTemplate.class);
				StateAsOf.copy(simJdbc, realSchema, before);
				out.println("state of " + before + " copied");
				sim.getBean(SimulatedNights.class).run(this.from, this.to, policy, dir.resolve("run"), out);
				report[0] = SimulationReport.of(realJdbc, simJdbc, this.from, this.to);
				report[0].write(dir, "Simulation " + name + ": " + this.from + " to " + this.to,
						List.of("candidate policy: " + policy, "dates: " + this.from + " to " + this.to, "scratch schema: "
								+ scratch + " (kept for queries until the next simulation of this name)",
								"actual: the nightly runs of those dates; simulated: the same rules on the same stored inputs"
										+ " under the candidate policy"));
				return ExitCode.OK;
			});
		}
		catch (RuntimeException ex) {
			dropHalfMade(realJdbc, scratch, err);
			throw ex;
		}
		if (code != ExitCode.OK) {
			dropHalfMade(realJdbc, scratch, err);
			return null;
		}
		return report[0];
	}

	/** A simulation that failed leaves no scratch schema behind: only a finished one is kept for queries. */
	private static void dropHalfMade(JdbcTemplate realJdbc, String scratch, PrintWriter err) {
		try {
			ScratchSchema.drop(realJdbc, scratch);
			err.println("the scratch schema " + scratch + " of the failed simulation was dropped");
		}
		catch (RuntimeException ex) {
			err.println("the scratch schema " + scratch + " of the failed simulation could not be dropped: "
					+ ex.getMessage());
		}
	}

}
