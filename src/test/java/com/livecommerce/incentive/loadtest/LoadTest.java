package com.livecommerce.incentive.loadtest;

import com.livecommerce.incentive.common.BulkInsert;
import com.livecommerce.incentive.common.LoadDataLocal;
import com.livecommerce.incentive.ledger.LedgerInvariants;
import com.livecommerce.incentive.nightly.NightlyLauncher;
import com.livecommerce.incentive.notification.NotificationConfiguration;
import com.livecommerce.incentive.runs.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load test (jobs/bin/load-test, docs/performance.md): generates large inboxes, loads their history into an empty database as if
 * earlier runs had stored it, then runs the nightly job in this JVM on consecutive dates: the
 * night before (not measured: it leaves the state a real night starts from), a quiet day, and a
 * day on which a share of the stores change their risk state. Prints the figures of the measured
 * nights: wall time, each step's seconds and rows, status changes and messages, the redo the
 * server wrote and its settings ({@link ServerSettings}), the full check of the ledger invariants
 * (SPEC §6), peak heap and peak process memory. Not a test: it measures; it
 * fails (exit 1) only when a night fails or an invariant is broken.
 */
@Component
public class LoadTest {

	private static final int BATCH = 20_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final BulkInsert SESSIONS = new BulkInsert("broadcast_session", List.of("session_id", "account_id",
			"started_at", "ended_at", "end_date", "gmv_fen", "order_count", "viewer_count", "watch_minutes",
			"new_followers", "business_date", "line_number"));

	private static final BulkInsert DAY_TOTALS = new BulkInsert("account_day_total",
			List.of("account_id", "end_date", "business_date", "sessions", "gmv_fen"));

	private static final BulkInsert LAST_BROADCASTS = new BulkInsert("account_last_broadcast",
			List.of("account_id", "session_ended_at", "session_ended_before_run", "run_date"));

	private static final BulkInsert GRANTS = new BulkInsert("coupon_grant", List.of("grant_id", "business_date",
			"program", "account_id", "brand_id", "session_id", "policy_version", "pool_month", "claimed_at",
			"requested_coupons", "granted_coupons", "face_value_fen", "status", "expires_on"));

	/** Unpurged transactions a settled server may still have (it purges in batches of 300). */
	private static final long PURGED = 300;

	private final NightlyLauncher nightly;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Environment environment;

	public LoadTest(NightlyLauncher nightly, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
			Environment environment) {
		this.nightly = nightly;
		this.environment = environment;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/**
	 * @param storeChangePercent share of stores that change risk state on the day after the quiet
	 * day (0: that night is not run)
	 * @param freshJvm each measured night in a JVM of its own, as cron starts it ({@link FreshJvm}),
	 * started with {@code mainClass} unless this JVM runs from the executable jar
	 * @param sqlPipeline also run the hand-written SQL pipeline on the same inboxes ({@link SqlPipeline})
	 */
	public record Settings(LocalDate date, int sessions, int historyDays, int historyPerDay, int storeChangePercent,
			Path dir, Path policy, boolean freshJvm, String mainClass, boolean sqlPipeline) {
	}

	/**
	 * What one night came to; {@code busyPercent}: the machine's CPUs, busy over the night (-1:
	 * unknown); {@code redoBytes}: what the server wrote to its redo log meanwhile (empty: unknown).
	 */
	private record NightResult(InboxGenerator.Night night, ExitCode code, double wallSeconds,
			Map<String, double[]> steps, long statusChanges, long clawbacks, long messages, int busyPercent,
			OptionalLong redoBytes, FreshJvm.Night fresh) {
	}

	public ExitCode run(Settings s, PrintWriter out, PrintWriter err) throws IOException {
		Integer runs = this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Integer.class);
		if (runs != null && runs > 0) {
			err.println("the load test needs an empty database (this one has " + runs + " runs): create a fresh one");
			return ExitCode.USAGE;
		}
		InboxGenerator generator = new InboxGenerator(s.date(), s.sessions(), s.historyDays(), s.historyPerDay(),
				s.storeChangePercent());
		long t0 = System.nanoTime();
		Path inbox = generator.writeInboxes(s.dir());
		out.printf("generated %d nights of %,d sessions from %s in %.1f s (%s)%n", generator.nights().size(),
				s.sessions(), generator.nights().get(0).date(), seconds(t0), inbox);
		long t1 = System.nanoTime();
		long history = loadHistory(generator);
		long grants = loadGrants(generator);
		LoadDataLocal.Probe probe = this.jdbc.execute((ConnectionCallback<LoadDataLocal.Probe>) LoadDataLocal::probe);
		boolean loadData = probe != null && probe.spool() != null;
		out.printf("loaded %,d history sessions (%d days from %s) and %,d earlier grants in %.1f s (%s)%n", history,
				s.historyDays(), generator.firstHistoryDay(), grants, seconds(t1),
				loadData ? "LOAD DATA LOCAL" : "multi-row inserts: " + (probe == null ? "unknown" : probe.off()));
		ServerSettings server = ServerSettings.of(this.jdbc);
		out.println(server.describe());
		out.flush();

		List<NightResult> results = new ArrayList<>();
		long heapPeakMb;
		try (HeapPeak heapPeak = HeapPeak.start()) {
			for (InboxGenerator.Night night : generator.nights()) {
				settle(out, server);
				if (night.measured() && results.stream().noneMatch(r -> r.night().measured())) {
					heapPeak.reset();
					resetVmHwm();
				}
				NightResult result = runNight(night, inbox, s, server, out, err);
				results.add(result);
				if (result.code() != ExitCode.OK) {
					break;
				}
			}
			heapPeakMb = heapPeak.peakMb();
		}
		printSteps(results, server, out);
		if (s.sqlPipeline() && results.stream().allMatch(r -> r.code() == ExitCode.OK)) {
			sqlPipeline(generator, inbox, results, server, out);
		}

		boolean broken = false;
		TreeSet<String> months = new TreeSet<>();
		results.forEach(r -> months.add(YearMonth.from(r.night().date()).toString()));
		for (String month : months) {
			long checked = System.nanoTime();
			List<String> problems = new LedgerInvariants(this.jdbc).check(month);
			broken |= !problems.isEmpty();
			out.printf("invariants of SPEC §6 over the pools and grants of %s: %s (%.1f s)%n", month,
					problems.isEmpty() ? "all hold" : problems.size() + " broken: " + problems.subList(0, Math.min(5,
							problems.size())), seconds(checked));
		}
		if (s.freshJvm()) {
			long heap = results.stream().filter(r -> r.fresh() != null).mapToLong(r -> r.fresh().peakHeapMb()).max().orElse(-1);
			long hwm = results.stream().filter(r -> r.fresh() != null).mapToLong(r -> r.fresh().vmHwmKb()).max().orElse(-1);
			out.printf("%npeak heap over the measured nights, each in a JVM of its own: %s before its largest collection"
					+ " (max %,d MB); peak process memory (VmHWM): %s%n", heap < 0 ? "unknown" : String.format("%,d MB", heap),
					Runtime.getRuntime().maxMemory() / (1 << 20), hwm < 0 ? "unknown" : String.format("%,d kB", hwm));
		}
		else {
			out.printf("%npeak heap over the measured nights: %,d MB in use at once (max %,d MB); peak process memory (VmHWM): %s%n",
					heapPeakMb, Runtime.getRuntime().maxMemory() / (1 << 20), vmHwm());
		}
		out.printf("machine: %d cores, Java %s, database %s%n", Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), this.jdbc.queryForObject("SELECT VERSION()", String.class));
		boolean failed = results.stream().anyMatch(r -> r.code() != ExitCode.OK)
				|| results.size() < generator.nights().size();
		return failed || broken ? ExitCode.FAILED : ExitCode.OK;
	}

	/**
	 * The hand-written SQL pipeline on the same inboxes, night by night after the job's nights, each
	 * on a settled server, with the job's wall time beside it for the measured nights.
	 */
	private void sqlPipeline(InboxGenerator generator, Path inbox, List<NightResult> results, ServerSettings server,
			PrintWriter out) {
		StringBuilder why = new StringBuilder();
		try (SqlPipeline pipeline = SqlPipeline.open(this.environment.getRequiredProperty("spring.datasource.url"),
				this.environment.getProperty("spring.datasource.username", ""),
				this.environment.getProperty("spring.datasource.password", ""), inbox, why)) {
			out.println();
			if (pipeline == null) {
				out.println("hand-written SQL pipeline: not run: " + why);
				return;
			}
			long history = pipeline.copyHistory(this.jdbc.queryForObject("SELECT DATABASE()", String.class),
					generator.nights().get(0).date());
			out.printf("hand-written SQL pipeline (loadtest/SqlPipeline, schema %s; %,d history sessions copied):%n",
					pipeline.schema(), history);
			for (NightResult night : results) {
				settle(out, server);
				LocalDate date = night.night().date();
				double took = pipeline.day(date, inbox.resolve(date.toString()));
				SqlPipeline.DayCounts counts = pipeline.counts(date);
				long jobBytes = this.jdbc.queryForObject(
						"SELECT " + SqlPipeline.MESSAGE_BYTES + " FROM notification WHERE batch_id = ?", Long.class,
						NotificationConfiguration.batchId(date));
				out.printf("  %s (%s%s): %.1f s; %,d claims, %,d coupons granted, %,d messages of %.1f MB (the job's: %.1f MB)%s%n",
						date, night.night().label(), night.night().measured() ? "" : ", not measured", took,
						counts.claims(), counts.couponsGranted(), counts.messages(), counts.messageBytes() / 1e6,
						jobBytes / 1e6, night.night().measured()
								? String.format("; the nightly job took %.1f s: %.2f × the pipeline", night.wallSeconds(),
										night.wallSeconds() / took)
								: "");
				out.println("    its slowest statements: " + String.join("; ", pipeline.slowest(3)));
				out.flush();
			}
		}
		catch (java.sql.SQLException | RuntimeException ex) {
			// the pipeline is a comparison: its failure is reported, and the job's figures and checks stand
			out.println("hand-written SQL pipeline failed: " + ex);
		}
	}

	private NightResult runNight(InboxGenerator.Night night, Path inbox, Settings s, ServerSettings server,
			PrintWriter out, PrintWriter err) throws IOException {
		OptionalLong redoBefore = ServerSettings.redoWritten(this.jdbc);
		long start = System.nanoTime();
		long[] cpuBefore = cpuTicks();
		StringWriter jobOut = new StringWriter();
		ExitCode code;
		FreshJvm.Night fresh = null;
		if (s.freshJvm() && night.measured()) {
			fresh = freshJvm(s).nightly(night.date(), inbox, s.dir().resolve("out"), s.policy(), s.dir().resolve("logs"));
			jobOut.write(fresh.out());
			code = ExitCode.of(fresh.exitCode());
		}
		else {
			code = this.nightly.launch(night.date(), inbox, s.dir().resolve("out"), s.policy(), new PrintWriter(jobOut, true),
					err);
		}
		double wall = seconds(start);
		long[] cpuAfter = cpuTicks();
		OptionalLong redoAfter = ServerSettings.redoWritten(this.jdbc);
		OptionalLong redo = redoBefore.isPresent() && redoAfter.isPresent()
				? OptionalLong.of(redoAfter.getAsLong() - redoBefore.getAsLong()) : OptionalLong.empty();
		int busy = cpuBefore == null || cpuAfter == null || cpuAfter[1] == cpuBefore[1] ? -1
				: (int) Math.round(100.0 * (cpuAfter[0] - cpuBefore[0]) / (cpuAfter[1] - cpuBefore[1]));
		out.printf("%nnight %s (%s%s): %s, %.1f s wall%s%s, %s of redo written%s%n", night.date(), night.label(),
				night.measured() ? "" : ", not measured", code, wall, fresh == null ? "" : " in a JVM of its own",
				busy < 0 ? "" : ", the machine's CPUs " + busy + " % busy", ServerSettings.mb(redo),
				redo.isPresent() ? server.redoWarning(redo.getAsLong()) : "");
		out.print(jobOut);
		out.flush();
		LocalDate d = night.date();
		return new NightResult(night, code, wall, steps(s.dir().resolve("out").resolve(d.toString())),
				count("SELECT COUNT(*) FROM account_status WHERE effective_date = ?", d),
				count("SELECT COUNT(*) FROM coupon_clawback WHERE business_date = ?", d),
				count("SELECT COALESCE(SUM(message_count), 0) FROM notification_batch WHERE batch_id = ?",
						NotificationConfiguration.batchId(d)),
				busy, redo, fresh);
	}

	/** Starts nights with this run's database, in the child's environment only. */
	private FreshJvm freshJvm(Settings s) {
		Map<String, String> datasource = new HashMap<>();
		datasource.put("SPRING_DATASOURCE_URL", this.environment.getRequiredProperty("spring.datasource.url"));
		datasource.put("SPRING_DATASOURCE_USERNAME", this.environment.getProperty("spring.datasource.username", ""));
		datasource.put("SPRING_DATASOURCE_PASSWORD", this.environment.getProperty("spring.datasource.password", ""));
		return new FreshJvm(s.mainClass(), datasource);
	}

	/**
	 * The machine's CPU time so far from /proc/stat (Linux): {busy, total} in ticks over all CPUs
	 * (the database server included when it runs here), or null elsewhere.
	 */
	private static long[] cpuTicks() {
		try {
			String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < f.length; i++) {
				total += Long.parseLong(f[i]);
			}
			long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0); // idle + iowait
			return new long[] { total - idle, total };
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private long count(String sql, Object parameter) {
		Long value = this.jdbc.queryForObject(sql, Long.class, parameter);
		return value == null ? 0 : value;
	}

	/** Each step's seconds (to the millisecond) and rows, from the run's own report. */
	private static Map<String, double[]> steps(Path outDay) {
		Map<String, double[]> steps = new LinkedHashMap<>();
		try {
			JsonNode report = JSON.readTree(Files.readString(outDay.resolve("run-report.json")));
			for (JsonNode step : report.get("steps")) {
				steps.put(step.get("step").asString(), new double[] { step.get("seconds").asDouble(),
						Math.max(step.get("read").asLong(), step.get("written").asLong()) });
			}
		}
		catch (IOException | RuntimeException ex) {
			steps.put("(no run report: " + ex.getMessage() + ")", new double[2]);
		}
		return steps;
	}

	private static void printSteps(List<NightResult> results, ServerSettings server, PrintWriter out) {
		List<NightResult> measured = results.stream().filter(r -> r.night().measured()).toList();
		if (measured.isEmpty()) {
			return;
		}
		// the first column as wide as the longest step name (a part's name is longer than its step's)
		String label = "%-" + Math.max(26, 1 + measured.stream()
			.flatMap(r -> r.steps().keySet().stream())
			.mapToInt(String::length)
			.max()
			.orElse(0)) + "s";
		out.printf("%n" + label, "step");
		measured.forEach(r -> out.printf(" %10s %12s", r.night().date(), "rows"));
		out.println();
		TreeSet<String> seen = new TreeSet<>();
		for (NightResult r : measured) {
			for (String step : r.steps().keySet()) {
				if (seen.add(step)) {
					line(out, label, step, measured, m -> m.steps().containsKey(step)
							? String.format("%.1f", m.steps().get(step)[0]) : "-",
							m -> String.format("%,d", m.steps().containsKey(step) ? (long) m.steps().get(step)[1] : 0));
				}
			}
		}
		line(out, label, "wall (s)", measured, r -> String.format("%.1f", r.wallSeconds()), r -> "");
		line(out, label, "CPUs busy (%)", measured, r -> r.busyPercent() < 0 ? "-" : String.valueOf(r.busyPercent()),
				r -> "");
		line(out, label, "redo written (MB)", measured, r -> r.redoBytes().isPresent()
				? String.format("%,.1f", r.redoBytes().getAsLong() / (double) (1 << 20)) : "-", r -> "");
		line(out, label, "status changes", measured, r -> "", r -> String.format("%,d", r.statusChanges()));
		line(out, label, "clawbacks", measured, r -> "", r -> String.format("%,d", r.clawbacks()));
		line(out, label, "messages", measured, r -> "", r -> String.format("%,d", r.messages()));
		out.printf("%s%n%n", server.describe());
	}

	/** One line of the table: its name, then a figure and a count under each measured night. */
	private static void line(PrintWriter out, String label, String name, List<NightResult> measured,
			Function<NightResult, String> figure, Function<NightResult, String> count) {
		out.printf(label, name);
		measured.forEach(r -> out.printf(" %10s %12s", figure.apply(r), count.apply(r)));
		out.println();
	}

	/**
	 * Waits until the server has written most of its dirty pages and purged the old row versions
	 * the loads before left behind, or stops making progress on either, at most ten minutes: a
	 * night does not start while the server is still writing out or purging millions of rows of a
	 * moment ago. The server is asked to flush meanwhile ({@link EagerFlush}): left to itself, an
	 * idle MariaDB stops short of the goal, at a point that differs from night to night.
	 */
	private void settle(PrintWriter out, ServerSettings server) {
		try (EagerFlush flush = EagerFlush.ask(this.jdbc, server)) {
			settle(out, flush);
		}
	}

	private void settle(PrintWriter out, EagerFlush flush) {
		long start = System.nanoTime();
		long firstDirty = -1;
		long firstHistory = -1;
		long dirty = 0;
		long history = 0;
		long total = 1;
		long lowest = Long.MAX_VALUE;
		long lowestAt = start;
		while (Duration.ofNanos(System.nanoTime() - start).toMinutes() < 10) {
			Map<String, Long> status = new HashMap<>();
			this.jdbc.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_pages_dirty',"
					+ " 'Innodb_buffer_pool_pages_total', 'Innodb_history_list_length')", rs -> {
				try {
					status.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), Long.parseLong(rs.getString(2)));
				}
				catch (NumberFormatException ex) {
					// not a count
				}
			});
			dirty = status.getOrDefault("innodb_buffer_pool_pages_dirty", 0L);
			history = status.containsKey("innodb_history_list_length") ? status.get("innodb_history_list_length")
					: historyLength();
			total = Math.max(1, status.getOrDefault("innodb_buffer_pool_pages_total", 1L));
			if (firstDirty < 0) {
				firstDirty = dirty;
				firstHistory = history;
			}
			// progress: dirty pages and unpurged transactions together, each against its own goal
			long left = Math.max(0, dirty - total / 100) + Math.max(0, history - PURGED);
			if (left < lowest) {
				lowest = left;
				lowestAt = System.nanoTime();
			}
			if (left == 0 || Duration.ofNanos(System.nanoTime() - lowestAt).toSeconds() >= 10) {
				break;
			}
			try {
				Thread.sleep(1_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		out.printf("server settled: %,d dirty pages of %,d → %,d, %,d transactions to purge → %,d in %.1f s, %s%n",
				firstDirty, total, dirty, firstHistory, history, seconds(start), flush.describe());
		out.flush();
	}

	/** Transactions not purged yet ("history list length"; 0 where the server does not say). */
	private long historyLength() {
		List<Long> length = this.jdbc.queryForList("SELECT `COUNT` FROM information_schema.INNODB_METRICS"
				+ " WHERE NAME = 'trx_rseg_history_len'", Long.class);
		return length.isEmpty() || length.get(0) == null ? 0 : length.get(0);
	}

	/**
	 * Sessions "stored by earlier runs", day by day, into broadcast_session with their own business
	 * dates, and what the apply step of those runs would have derived from them: the per-account
	 * day totals and the latest broadcast per account.
	 */
	private long loadHistory(InboxGenerator generator) throws IOException {
		long count = 0;
		Map<String, LastBroadcast> last = new HashMap<>();
		for (int d = generator.historyDays(); d >= 1; d--) {
			LocalDate day = generator.firstHistoryDay().plusDays(generator.historyDays() - d);
			Map<String, long[]> totals = new HashMap<>();
			List<Object[]> batch = new ArrayList<>(BATCH);
			long[] line = { 0 };
			generator.history(day, session -> {
				batch.add(new Object[] { session.sessionId(), session.accountId(), session.startedAt(), session.endedAt(),
						session.endedAt().toLocalDate(), session.gmvFen(), 1, 10, 100, 1, session.businessDate(),
						++line[0] });
				long[] total = totals.computeIfAbsent(session.accountId() + "|" + session.endedAt().toLocalDate(),
						k -> new long[2]);
				total[0]++;
				total[1] += session.gmvFen();
				last.computeIfAbsent(session.accountId(), k -> new LastBroadcast()).add(session.endedAt(), day);
				if (batch.size() == BATCH) {
					write(SESSIONS, batch);
				}
			});
			write(SESSIONS, batch);
			totals.forEach((key, total) -> {
				String[] parts = key.split("\\|");
				batch.add(new Object[] { parts[0], LocalDate.parse(parts[1]), day, total[0], total[1] });
				if (batch.size() == BATCH) {
					write(DAY_TOTALS, batch);
				}
			});
			write(DAY_TOTALS, batch);
			count += line[0];
		}
		List<Object[]> batch = new ArrayList<>(BATCH);
		last.forEach((account, l) -> {
			batch.add(new Object[] { account, l.endedAt, l.endedBeforeRun, l.runDate });
			if (batch.size() == BATCH) {
				write(LAST_BROADCASTS, batch);
			}
		});
		write(LAST_BROADCASTS, batch);
		return count;
	}

	/** An account's latest stored session end, and the one before its latest run (account_last_broadcast). */
	private static final class LastBroadcast {

		LocalDateTime endedAt;

		LocalDateTime endedBeforeRun;

		LocalDate runDate;

		void add(LocalDateTime ended, LocalDate run) {
			if (!run.equals(this.runDate)) {
				this.endedBeforeRun = this.endedAt;
				this.runDate = run;
			}
			this.endedAt = this.endedAt == null || ended.isAfter(this.endedAt) ? ended : this.endedAt;
		}

	}

	/** Grants made before the first night, for the usage rows of the inboxes to name. */
	private long loadGrants(InboxGenerator generator) throws IOException {
		LocalDate day = generator.grantDay();
		List<Object[]> batch = new ArrayList<>(BATCH);
		long[] count = { 0 };
		generator.grants(g -> {
			batch.add(new Object[] { g.grantId(), day, "GROWTH", g.accountId(), g.brandId(), g.sessionId(), "seed",
					YearMonth.from(day).toString(), g.claimedAt(), 2, 2, 10000, "GRANTED", day.plusDays(30) });
			count[0]++;
			if (batch.size() == BATCH) {
				write(GRANTS, batch);
			}
		});
		write(GRANTS, batch);
		return count[0];
	}

	/** One transaction per batch (LOAD DATA LOCAL where the connection and server allow it, see BulkInsert). */
	private void write(BulkInsert table, List<Object[]> batch) {
		if (!batch.isEmpty()) {
			this.transaction.executeWithoutResult(tx -> table.insert(this.jdbc, batch));
			batch.clear();
		}
	}

	private static double seconds(long since) {
		return Duration.ofNanos(System.nanoTime() - since).toMillis() / 1000.0;
	}

	/** The peak of process memory counts from here (the loading before is not a night). */
	private static void resetVmHwm() {
		try {
			Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // Linux: resets VmHWM
		}
		catch (IOException | UncheckedIOException | UnsupportedOperationException | SecurityException ex) {
			// not Linux, or not allowed: VmHWM then counts from the start of the process
		}
	}

	private static String vmHwm() {
		long kb = FreshJvm.vmHwmKb(Path.of("/proc/self/status"));
		return kb < 0 ? "unknown" : String.format("%,d kB", kb);
	}

}
