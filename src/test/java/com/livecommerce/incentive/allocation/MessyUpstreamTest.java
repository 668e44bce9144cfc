package com.livecommerce.incentive.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.IncentiveBatchApplication;
import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.ledger.LedgerInvariants;
import com.livecommerce.incentive.nightly.NightlyLauncher;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upstream as it really arrives, at random with fixed seeds: each seed is a nine-day inbox across a
 * month end, with accounts, brands and stores dropped from snapshots and listed again, sessions
 * delivered late and delivered twice, snapshots that forget or lag an account's last broadcast,
 * violations (of every type) for accounts that were dropped, usage that lags, is reported after a
 * clawback or goes down, a few bad rows, and a second policy version that starts mid-month with
 * other caps (sometimes leaving a program out). After every night:
 * <ul>
 * <li>the invariants of SPEC §6 hold for every month touched;</li>
 * <li>no REVOKED or DISQUALIFIED account holds unused coupons;</li>
 * <li>no account with an earlier broadcast known to the system has a first-broadcast cold start
 * (every cold start is either the account's first known broadcast or a dormant return);</li>
 * <li>nothing is both rejected and applied: each file's applied, rejected and redelivered rows
 * add up to the rows it had, and no stored session comes from a rejected line.</li>
 * </ul>
 */
class MessyUpstreamTest {

	private static final int SEEDS = Integer.getInteger("messy.seeds", 36);

	private static final LocalDate FIRST_DAY = LocalDate.of(2023, 11, 27);

	private static final int DAYS = 9;

	private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

	private static final String[] VIOLATION_TYPES = { "COUNTERFEIT", "CONTENT_VIOLATION", "FAKE_FOLLOWERS",
			"UNOFFICIAL_CLIENT", "EMULATOR", "PLUGIN", "MULTI_ACCOUNT", "DEVICE_TAMPERING", "MALICIOUS_PROFITEERING",
			"OTHER_FRAUD", "COUPON_TRADING", "OVER_PROMISING" };

	@TestFactory
	Stream<DynamicTest> messyUpstreamKeepsTheLedgerAndTheRules() {
		return IntStream.range(0, SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> run(seed)));
	}

	private static void run(long seed) throws IOException {
		Path work = Files.createTempDirectory("messy-" + seed);
		try (TestDatabase db = TestDatabase.create();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(IncentiveBatchApplication.class)
					.web(WebApplicationType.NONE)
					.logStartupInfo(false)
					.run(db.springArguments().toArray(String[]::new))) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class); // pooled: the checks make many small queries
			Upstream upstream = new Upstream(new Random(seed), work, jdbc);
			upstream.writePolicy();
			NightlyLauncher launcher = context.getBean(NightlyLauncher.class);
			for (int day = 0; day < DAYS; day++) {
				LocalDate date = FIRST_DAY.plusDays(day);
				upstream.writeDay(date);
				StringWriter out = new StringWriter();
				StringWriter err = new StringWriter();
				ExitCode code = launcher.launch(date, work.resolve("inbox"), work.resolve("out"), work.resolve("policy"),
						new PrintWriter(out, true), new PrintWriter(err, true));
				assertThat(code).as("seed %d, %s: %s%s", seed, date, out, err).isEqualTo(ExitCode.OK);
				check(jdbc, seed, date, upstream);
			}
		}
	}

	private static void check(JdbcTemplate jdbc, long seed, LocalDate date, Upstream upstream) {
		String at = "seed " + seed + ", after " + date;
		LedgerInvariants ledger = new LedgerInvariants(jdbc);
		for (String month : jdbc.queryForList("SELECT DISTINCT pool_month FROM pool_balance", String.class)) {
			assertThat(ledger.check(month)).as("%s: SPEC §6 in %s", at, month).isEmpty();
		}
		assertThat(jdbc.queryForList("""
				SELECT CONCAT(s.account_id, ' ', s.status, ' holds ', b.unused_coupons, ' of ', b.grant_id)
				FROM account_standing s JOIN grant_balance b ON b.account_id = s.account_id
				WHERE s.status IN ('REVOKED', 'DISQUALIFIED') AND b.unused_coupons > 0""", String.class))
			.as("%s: revoked or disqualified accounts hold no unused coupons", at)
			.isEmpty();
		// every cold start: no broadcast known before its session started, or one at least dormant_days earlier
		assertThat(jdbc.queryForList("""
				SELECT CONCAT(x.grant_id, ' of ', x.account_id, ': previous broadcast ', x.previous_end, ', started ', x.started_at)
				FROM (SELECT g.grant_id, g.account_id, s.started_at, GREATEST(COALESCE(p.ended_at, h.ended_at),
				        COALESCE(h.ended_at, p.ended_at)) AS previous_end
				      FROM coupon_grant g JOIN broadcast_session s ON s.session_id = g.session_id
				      LEFT JOIN (SELECT g2.grant_id, MAX(p.ended_at) AS ended_at FROM coupon_grant g2
				                 JOIN broadcast_session s2 ON s2.session_id = g2.session_id
				                 JOIN broadcast_session p ON p.account_id = g2.account_id
				                   AND p.business_date <= g2.business_date AND p.ended_at < s2.started_at
				                 WHERE g2.program = 'COLD_START' GROUP BY g2.grant_id) p ON p.grant_id = g.grant_id
				      LEFT JOIN (SELECT g3.grant_id, MAX(a.last_broadcast_ended_at) AS ended_at FROM coupon_grant g3
				                 JOIN broadcast_session s3 ON s3.session_id = g3.session_id
				                 JOIN account_history a ON a.account_id = g3.account_id AND a.valid_from <= g3.business_date
				                   AND a.last_broadcast_ended_at < s3.started_at
				                 WHERE g3.program = 'COLD_START' GROUP BY g3.grant_id) h ON h.grant_id = g.grant_id
				      WHERE g.program = 'COLD_START' AND g.status IN ('GRANTED', 'PARTIAL')) x
				WHERE x.previous_end IS NOT NULL AND x.started_at < x.previous_end + INTERVAL 60 DAY""", String.class))
			.as("%s: cold starts of accounts that had broadcast before", at)
			.isEmpty();
		Map<String, Integer> applied = new LinkedHashMap<>();
		applied.put("brands.csv", count(jdbc, "SELECT COUNT(*) FROM brand WHERE snapshot_date = ?", date));
		applied.put("accounts.csv", count(jdbc, "SELECT COUNT(*) FROM account WHERE snapshot_date = ?", date));
		applied.put("store_risk.csv", count(jdbc, "SELECT COUNT(*) FROM store_risk WHERE as_of_date = ?", date));
		applied.put("broadcasts.csv", count(jdbc, "SELECT COUNT(*) FROM broadcast_session WHERE business_date = ?", date));
		applied.put("violations.csv", count(jdbc, "SELECT COUNT(*) FROM violation WHERE business_date = ?", date));
		applied.put("benchmark_events.csv", count(jdbc, "SELECT COUNT(*) FROM benchmark_event WHERE snapshot_date = ?", date));
		applied.put("coupon_usage.csv", count(jdbc, "SELECT COUNT(*) FROM coupon_usage_history WHERE as_of_date = ?", date));
		applied.forEach((file, rows) -> {
			Map<String, Object> f = jdbc.queryForMap("""
					SELECT rows_read, rows_rejected, COALESCE(rows_redelivered, 0) AS redelivered FROM ingest_file
					WHERE business_date = ? AND file_name = ?""", date, file);
			assertThat(rows + ((Number) f.get("rows_rejected")).intValue() + ((Number) f.get("redelivered")).intValue())
				.as("%s: %s applied %d, %s", at, file, rows, f)
				.isEqualTo(((Number) f.get("rows_read")).intValue())
				.isEqualTo(upstream.rowsWritten(date, file));
		});
		assertThat(count(jdbc, """
				SELECT COUNT(*) FROM rejected_input r JOIN broadcast_session s
				  ON s.business_date = r.business_date AND s.line_number = r.line_number
				WHERE r.business_date = ? AND r.file_name = 'broadcasts.csv'""", date))
			.as("%s: a stored session from a rejected line", at)
			.isZero();
	}

	private static int count(JdbcTemplate jdbc, String sql, Object... args) {
		Integer n = jdbc.queryForObject(sql, Integer.class, args);
		return n == null ? 0 : n;
	}

	/** The generator: one seed's upstream, day by day. */
	private static final class Upstream {

		private final Random random;

		private final Path work;

		private final JdbcTemplate jdbc;

		private final List<String[]> brands = new ArrayList<>();

		private final List<String[]> accounts = new ArrayList<>();

		/** Every session upstream knows, with the date it will be (or was) delivered. */
		private final List<Session> sessions = new ArrayList<>();

		/** account → the end of its last broadcast before the first day, if any. */
		private final Map<String, LocalDateTime> before = new HashMap<>();

		/** grant → usage last reported. */
		private final Map<String, Integer> reported = new HashMap<>();

		private final Map<String, Integer> rows = new HashMap<>();

		private final List<String> events = new ArrayList<>();

		private int violations;

		record Session(String id, String account, LocalDateTime start, LocalDateTime end, long gmv, LocalDate delivery) {
		}

		Upstream(Random random, Path work, JdbcTemplate jdbc) {
			this.random = random;
			this.work = work;
			this.jdbc = jdbc;
			String[] industries = { "BEAUTY", "FOOD", "HOME", "PETS" };
			for (int b = 1; b <= 4; b++) {
				LocalDate entry = this.random.nextInt(4) == 0 ? null : FIRST_DAY.minusDays(this.random.nextInt(50));
				this.brands.add(new String[] { "B" + b, "Brand " + b, industries[this.random.nextInt(industries.length)],
						Boolean.toString(this.random.nextInt(6) != 0), entry == null ? "" : entry.toString() });
			}
			for (int a = 1; a <= 24; a++) {
				String id = String.format("A%02d", a);
				String store = this.random.nextInt(10) == 0 ? "" : "S" + (1 + this.random.nextInt(18));
				this.accounts.add(new String[] { id, "B" + (1 + this.random.nextInt(4)), store,
						Boolean.toString(this.random.nextInt(5) == 0) });
				int history = this.random.nextInt(4);
				if (history > 0) { // broadcast before: recently, or long enough ago to be dormant
					this.before.put(id, FIRST_DAY.atTime(20, 0).minusDays(history == 1 ? 3 : 55 + this.random.nextInt(20)));
				}
			}
		}

		void writePolicy() throws IOException {
			Path dir = Files.createDirectories(this.work.resolve("policy"));
			LocalDate switchDay = FIRST_DAY.plusDays(2 + this.random.nextInt(5));
			Files.writeString(dir.resolve("a.yaml"), version("v1", FIRST_DAY.minusDays(1), switchDay.minusDays(1), true));
			Files.writeString(dir.resolve("b.yaml"), version("v2", switchDay, FIRST_DAY.plusDays(40),
					this.random.nextInt(3) != 0));
		}

		private String version(String name, LocalDate from, LocalDate to, boolean coldStart) {
			return "version: \"" + name + "\"\neffective_from: " + from + "\neffective_to: " + to
					+ "\nindustries: [BEAUTY, FOOD, HOME]\ncoupon: {face_value_fen: 10000, validity_days: " + (2 + this.random.nextInt(4))
					+ "}\nlate_arrival_days: 2\nprograms:\n"
					+ (coldStart ? "  COLD_START: {monthly_cap: " + (5 + this.random.nextInt(20)) + ", per_brand_monthly_cap: "
							+ (3 + this.random.nextInt(10)) + ", coupons: 5, first_broadcast_window_days: 30, dormant_days: 60}\n" : "")
					+ "  GROWTH:\n    monthly_cap: " + (15 + this.random.nextInt(50)) + "\n    baseline_days: 28\n    tiers:\n"
					+ "      - {name: G2, min_gmv_fen: 1000000, min_growth: 0.2, coupons: 3}\n"
					+ "      - {name: G1, min_gmv_fen: 100000, coupons: 1}\n"
					+ "  BENCHMARK:\n    monthly_cap: " + (10 + this.random.nextInt(20))
					+ "\n    min_lead_days: 3\n    match_window_hours: 6\n    milestones:\n"
					+ "      - {pct: 50, coupons: 5}\n      - {pct: 100, coupons: 10}\n"
					+ "risk: {restrict_refund_rate_at_least: 0.30, restrict_complaints_at_least: 50, content_violation_suspend_days: 2}\n";
		}

		int rowsWritten(LocalDate date, String file) {
			return this.rows.getOrDefault(date + "/" + file, 0);
		}

		void writeDay(LocalDate date) throws IOException {
			Path dir = Files.createDirectories(this.work.resolve("inbox").resolve(date.toString()));
			// today's broadcasts, and some of them delivered one or two days late
			for (String[] a : this.accounts) {
				int n = this.random.nextInt(5) < 2 ? 1 + this.random.nextInt(2) : 0;
				for (int i = 0; i < n; i++) {
					LocalDateTime start = date.atTime(8 + this.random.nextInt(12), this.random.nextInt(60));
					long gmv = this.random.nextInt(8) == 0 ? 0 : 50_000L * this.random.nextInt(60);
					int late = this.random.nextInt(10) == 0 ? 1 + this.random.nextInt(2) : 0;
					this.sessions.add(new Session(a[0] + "-" + date + "-" + i, a[0], start,
							start.plusMinutes(30 + this.random.nextInt(200)), gmv, date.plusDays(late)));
				}
			}
			boolean first = date.equals(FIRST_DAY); // the first snapshots are complete: later ones drop ids
			List<String> brandRows = new ArrayList<>();
			for (String[] b : this.brands) {
				if (first || this.random.nextInt(8) != 0) {
					brandRows.add(String.join(",", b));
				}
			}
			write(dir, date, "brands.csv", "brand_id,brand_name,industry,has_brand_badge,library_entry_date", brandRows);
			List<String> accountRows = new ArrayList<>();
			for (String[] a : this.accounts) {
				if (!first && this.random.nextInt(6) == 0) {
					continue; // dropped from today's snapshot
				}
				LocalDateTime last = lastBroadcastBefore(a[0], date);
				boolean forgets = this.random.nextInt(8) == 0; // upstream's field lags or is lost now and then
				accountRows.add(a[0] + "," + a[1] + "," + a[2] + "," + (last == null || forgets ? "" : iso(last)) + "," + a[3]);
			}
			write(dir, date, "accounts.csv", "account_id,brand_id,store_id,last_broadcast_ended_at,cold_start_used",
					accountRows);
			List<String> storeRows = new ArrayList<>();
			for (int s = 1; s <= 18; s++) {
				if (this.random.nextInt(5) != 0) {
					storeRows.add("S" + s + "," + (this.random.nextInt(12) == 0 ? "CLOSED" : "OPEN") + ",0."
							+ String.format("%02d", this.random.nextInt(40)) + "," + this.random.nextInt(60));
				}
			}
			write(dir, date, "store_risk.csv", "store_id,store_status,refund_rate,complaint_count", storeRows);
			List<String> sessionRows = new ArrayList<>();
			for (Session s : this.sessions) {
				boolean redelivered = s.delivery().isBefore(date) && s.delivery().isAfter(date.minusDays(3))
						&& this.random.nextInt(15) == 0;
				if (s.delivery().equals(date) || redelivered) {
					sessionRows.add(s.id() + "," + s.account() + "," + iso(s.start()) + "," + iso(s.end()) + "," + s.gmv()
							+ ",3,100,900,2");
				}
			}
			if (this.random.nextInt(3) == 0) {
				sessionRows.add("BAD-" + date + ",A01,yesterday," + iso(date.atTime(10, 0)) + ",1,1,1,1,1");
			}
			if (this.random.nextInt(4) == 0) {
				sessionRows.add("GHOST-" + date + ",NEVER-SEEN," + iso(date.atTime(9, 0)) + "," + iso(date.atTime(10, 0))
						+ ",1000,1,1,1,1");
			}
			java.util.Collections.shuffle(sessionRows, this.random);
			write(dir, date, "broadcasts.csv", "session_id,account_id,started_at,ended_at,gmv_fen,order_count,"
					+ "viewer_count,watch_minutes,new_followers", sessionRows);
			List<String> violationRows = new ArrayList<>();
			int n = this.random.nextInt(3);
			for (int i = 0; i < n; i++) {
				String[] a = this.accounts.get(this.random.nextInt(this.accounts.size()));
				String type = VIOLATION_TYPES[this.random.nextInt(VIOLATION_TYPES.length)];
				String session = "";
				if (type.equals("CONTENT_VIOLATION")) {
					session = this.sessions.stream()
						.filter(s -> s.account().equals(a[0]) && s.delivery().isBefore(date))
						.map(Session::id)
						.reduce((x, y) -> this.random.nextBoolean() ? x : y)
						.orElse("");
				}
				violationRows.add("V" + (++this.violations) + "," + a[0] + "," + type + "," + iso(date.atTime(7, i)) + ","
						+ session);
			}
			write(dir, date, "violations.csv", "violation_id,account_id,type,occurred_at,session_id", violationRows);
			if (this.random.nextInt(2) == 0) {
				String[] a = this.accounts.get(this.random.nextInt(this.accounts.size()));
				LocalDateTime planned = date.plusDays(this.random.nextInt(4)).atTime(8 + this.random.nextInt(12), 0);
				this.events.add("E-" + date + "," + a[0] + "," + iso(date.minusDays(this.random.nextInt(6)).atTime(9, 0)) + ","
						+ iso(planned) + "," + 100_000L * (1 + this.random.nextInt(20)) + ","
						+ (this.random.nextInt(4) == 0 ? "PENDING" : "APPROVED"));
			}
			// a filed event that later leaves the snapshot is withdrawn
			List<String> eventRows = this.events.stream().filter(e -> this.random.nextInt(10) != 0).toList();
			write(dir, date, "benchmark_events.csv",
					"event_id,account_id,submitted_at,planned_start_at,target_gmv_fen,review_status", eventRows);
			write(dir, date, "coupon_usage.csv", "grant_id,used_coupons,impressions,views,interactions", usage());
			Files.write(dir.resolve("_SUCCESS"), new byte[0]);
		}

		/** Cumulative usage of the grants made so far: lagging, over-reported after clawbacks, going down. */
		private List<String> usage() {
			List<String> usage = new ArrayList<>();
			for (Map<String, Object> g : this.jdbc.queryForList(
					"SELECT grant_id, granted_coupons FROM coupon_grant WHERE granted_coupons > 0 ORDER BY grant_id")) {
				String id = (String) g.get("grant_id");
				int granted = ((Number) g.get("granted_coupons")).intValue();
				int last = this.reported.getOrDefault(id, 0);
				int used = switch (this.random.nextInt(6)) {
					case 0 -> granted + 1 + this.random.nextInt(3); // more than it ever had
					case 1 -> Math.max(0, last - 1); // goes down
					case 2 -> last;
					default -> Math.min(granted, last + this.random.nextInt(3));
				};
				this.reported.put(id, used);
				usage.add(id + "," + used + "," + 100 * used + "," + 10 * used + "," + used);
			}
			if (this.random.nextInt(4) == 0) {
				usage.add("GR:NO-SUCH-GRANT,1,1,1,1");
			}
			return usage;
		}

		/** What upstream reports: the end of the account's last broadcast before {@code date}, late ones included. */
		private LocalDateTime lastBroadcastBefore(String account, LocalDate date) {
			LocalDateTime last = this.before.get(account);
			for (Session s : this.sessions) {
				if (s.account().equals(account) && s.end().isBefore(date.atStartOfDay())
						&& (last == null || s.end().isAfter(last))) {
					last = s.end();
				}
			}
			return last;
		}

		private void write(Path dir, LocalDate date, String file, String header, List<String> lines) throws IOException {
			this.rows.put(date + "/" + file, lines.size());
			Files.writeString(dir.resolve(file), header + "\n" + String.join("", lines.stream().map(l -> l + "\n").toList()),
					StandardCharsets.UTF_8);
		}

		private static String iso(LocalDateTime time) {
			return ISO.format(time.atOffset(ZoneOffset.ofHours(8)));
		}

	}

}
