package com.livecommerce.incentive.loadtest;

import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.common.BulkInsert;
import com.livecommerce.incentive.ingest.BroadcastsExtract;
import com.livecommerce.incentive.ledger.LedgerInvariants;
import com.livecommerce.incentive.nightly.NightlyLauncher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * The benchmark: generates a large inbox (or reuses one), loads its history into an empty
 * database as if earlier runs had stored it, runs the nightly job on it in this JVM and prints
 * the figures: wall time, each step's time and rows per second, peak heap and peak process memory.
 * Not a test: it measures, it asserts nothing but the ledger invariants the job checks itself.
 */
@Component
public class Benchmark {

	private static final int BATCH = 10_000;

	private final NightlyLauncher nightly;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	public Benchmark(NightlyLauncher nightly, JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.nightly = nightly;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	public record Settings(LocalDate date, int sessions, int historyDays, int historyPerDay, Path dir, Path policy) {
	}

	public ExitCode run(Settings s, PrintWriter out, PrintWriter err) throws IOException {
		Integer runs = this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Integer.class);
		if (runs != null && runs > 0) {
			err.println("the benchmark needs an empty database (this one has " + runs + " runs): create a fresh one");
			return ExitCode.USAGE;
		}
		long t0 = System.nanoTime();
		InboxGenerator.Written written = new InboxGenerator(s.date(), s.sessions(), s.historyDays(), s.historyPerDay())
			.write(s.dir());
		out.printf("generated %,d sessions for %s and %,d of history in %.1f s (%s)%n", s.sessions(), s.date(),
				written.historySessions(), seconds(t0), s.dir());
		long t1 = System.nanoTime();
		long history = loadHistory(written.history());
		for (int d = s.historyDays(); d >= 1; d--) {
			this.jdbc.update(BroadcastsExtract.SUM_ACCOUNT_DAYS, s.date().minusDays(d));
			this.jdbc.update(BroadcastsExtract.LAST_BROADCASTS, s.date().minusDays(d));
		}
		long grants = loadGrants(written.grants(), s.date().minusDays(1));
		out.printf("loaded %,d history sessions and %,d earlier grants in %.1f s%n", history, grants, seconds(t1));
		out.flush();

		long start = System.nanoTime();
		StringWriter jobOut = new StringWriter();
		ExitCode code = this.nightly.launch(s.date(), written.inbox(), s.dir().resolve("out"), s.policy(),
				new PrintWriter(jobOut, true), err);
		double wall = seconds(start);
		out.print(jobOut);
		out.printf("%nnightly %s: %s, %.1f s wall%n%n", s.date(), code, wall);
		out.printf("%-26s %9s %12s %12s%n", "step", "seconds", "rows", "rows/s");
		this.jdbc.query("""
				SELECT s.STEP_NAME, TIMESTAMPDIFF(MICROSECOND, s.START_TIME, s.END_TIME) / 1e6, s.READ_COUNT, s.WRITE_COUNT
				FROM BATCH_STEP_EXECUTION s ORDER BY s.STEP_EXECUTION_ID""", rs -> {
			double seconds = rs.getDouble(2);
			long rows = Math.max(rs.getLong(3), rs.getLong(4));
			out.printf("%-26s %9.1f %,12d %,12d%n", rs.getString(1), seconds, rows,
					seconds > 0 ? Math.round(rows / seconds) : 0);
		});
		long checked = System.nanoTime();
		String month = s.date().toString().substring(0, 7);
		List<String> problems = new LedgerInvariants(this.jdbc).check(month);
		out.printf("%ninvariants of SPEC §6 over the pools and grants of %s: %s (%.1f s)%n", month,
				problems.isEmpty() ? "all hold" : problems.size() + " broken: " + problems.subList(0, Math.min(5,
						problems.size())), seconds(checked));
		out.printf("%npeak heap: %,d MB (max %,d MB); peak process memory (VmHWM): %s%n", peakHeapMb(),
				Runtime.getRuntime().maxMemory() / (1 << 20), vmHwm());
		out.printf("machine: %d cores, Java %s, database %s%n", Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), this.jdbc.queryForObject("SELECT VERSION()", String.class));
		return problems.isEmpty() ? code : ExitCode.FAILED;
	}

	/** Sessions "stored by earlier runs": into broadcast_session with their own business dates. */
	private long loadHistory(Path file) throws IOException {
		return load(file, new BulkInsert("broadcast_session", List.of("session_id", "account_id", "started_at", "ended_at",
				"end_date", "gmv_fen", "order_count", "viewer_count", "watch_minutes", "new_followers", "business_date",
				"line_number")),
				f -> new Object[] { f[0], f[1], LocalDateTime.parse(f[2]), LocalDateTime.parse(f[3]), LocalDate.parse(f[4]),
						Long.parseLong(f[5]), 1, 10, 100, 1, LocalDate.parse(f[6]), 0 });
	}

	/** Grants of the day before, for the usage rows of the inbox to name. */
	private long loadGrants(Path file, LocalDate grantDay) throws IOException {
		return load(file, new BulkInsert("coupon_grant", List.of("grant_id", "business_date", "program", "account_id",
				"brand_id", "session_id", "policy_version", "pool_month", "claimed_at", "requested_coupons",
				"granted_coupons", "face_value_fen", "status", "expires_on")),
				f -> new Object[] { f[0], LocalDate.parse(f[1]), "GROWTH", f[2], f[3], f[4], "seed",
						grantDay.toString().substring(0, 7), LocalDateTime.parse(f[5]), 2, 2, 10000, "GRANTED",
						grantDay.plusDays(30) });
	}

	private interface Row {

		Object[] values(String[] fields);

	}

	/** Loads a generated file (plain comma-separated values, no quoting needed) in transactions of {@value #BATCH} rows. */
	private long load(Path file, BulkInsert insert, Row row) throws IOException {
		long count = 0;
		List<Object[]> batch = new ArrayList<>(BATCH);
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				batch.add(row.values(line.split(",")));
				if (batch.size() == BATCH) {
					count += write(insert, batch);
				}
			}
		}
		return count + write(insert, batch);
	}

	private int write(BulkInsert insert, List<Object[]> batch) {
		int rows = batch.size();
		this.transaction.executeWithoutResult(tx -> insert.insert(this.jdbc, batch));
		batch.clear();
		return rows;
	}

	private static double seconds(long since) {
		return Duration.ofNanos(System.nanoTime() - since).toMillis() / 1000.0;
	}

	private static long peakHeapMb() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak / (1 << 20);
	}

	private static String vmHwm() {
		try {
			return Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter(l -> l.startsWith("VmHWM"))
				.map(l -> l.replaceAll("\\s+", " ").substring("VmHWM: ".length()))
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException | UncheckedIOException ex) {
			return "unknown";
		}
	}

}
