package com.livecommerce.incentive.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.ledger.LedgerInvariants;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Inbox;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random days of claims (fixed seeds) through the real nightly job, then the invariants of SPEC
 * §6, checked twice: by {@link LedgerInvariants} and by replaying every grant against the caps
 * in this test, which must find each decision to be exactly min(requested, brand left, pool left).
 */
class AllocationPropertyTest {

	private static final List<LocalDate> DAYS = List.of(LocalDate.of(2023, 11, 29), LocalDate.of(2023, 11, 30),
			LocalDate.of(2023, 12, 1));

	@TempDir
	Path temp;

	@ParameterizedTest
	@ValueSource(longs = { 7, 42, 2023 })
	void randomDaysKeepTheInvariants(long seed) throws IOException {
		Random random = new Random(seed);
		int coldCap = 5 + random.nextInt(30);
		int growthCap = 5 + random.nextInt(40);
		int growthBrandCap = 3 + random.nextInt(12);
		Path policy = writePolicy(coldCap, growthCap, growthBrandCap);
		Inbox inbox = randomInbox(random);
		try (TestDatabase db = TestDatabase.create()) {
			for (LocalDate day : DAYS) {
				Cli.Result result = new Cli(db, "--incentive.allocation.chunk-size=7").run("nightly", "--date",
						day.toString(), "--inbox", inbox.root().toString(), "--out", this.temp.resolve("out").toString(),
						"--policy", policy.toString());
				assertThat(result.exitCode()).as("seed %d %s: %s", seed, day, result).isZero();
			}
			LedgerInvariants invariants = new LedgerInvariants(db.jdbc());
			assertThat(invariants.check("2023-11")).as("seed %d", seed).isEmpty();
			assertThat(invariants.check("2023-12")).as("seed %d", seed).isEmpty();
			assertThat(db.count("coupon_grant")).as("seed %d made claims", seed).isGreaterThan(10);
			replay(db, Map.of("COLD_START", coldCap, "GROWTH", growthCap), Map.of("GROWTH", growthBrandCap), seed);
			assertThat(db.jdbc().queryForList("""
					SELECT account_id FROM coupon_grant WHERE program = 'COLD_START' AND status IN ('GRANTED', 'PARTIAL')
					GROUP BY account_id HAVING COUNT(*) > 1""", String.class)).isEmpty();
		}
	}

	/** Serves the recorded claims again, in order, against the caps: every outcome must match. */
	private static void replay(TestDatabase db, Map<String, Integer> caps, Map<String, Integer> brandCaps, long seed) {
		Map<String, Integer> poolUsed = new HashMap<>();
		Map<String, Integer> brandUsed = new HashMap<>();
		db.jdbc().query("""
				SELECT grant_id, pool_month, program, brand_id, requested_coupons, granted_coupons, status
				FROM coupon_grant ORDER BY business_date, program, claimed_at, session_id""", rs -> {
			String pool = rs.getString("pool_month") + " " + rs.getString("program");
			String brand = pool + " " + rs.getString("brand_id");
			int poolLeft = caps.get(rs.getString("program")) - poolUsed.getOrDefault(pool, 0);
			Integer brandCap = brandCaps.get(rs.getString("program"));
			int brandLeft = brandCap == null ? Integer.MAX_VALUE : brandCap - brandUsed.getOrDefault(brand, 0);
			int expected = Math.min(rs.getInt("requested_coupons"), Math.min(poolLeft, brandLeft));
			assertThat(rs.getInt("granted_coupons")).as("seed %d %s", seed, rs.getString("grant_id")).isEqualTo(expected);
			poolUsed.merge(pool, expected, Integer::sum);
			brandUsed.merge(brand, expected, Integer::sum);
		});
	}

	private Path writePolicy(int coldCap, int growthCap, int growthBrandCap) throws IOException {
		Path dir = Files.createDirectories(this.temp.resolve("policy"));
		Files.writeString(dir.resolve("v.yaml"), """
				version: "random"
				effective_from: 2023-11-01
				effective_to: 2023-12-31
				industries: [BEAUTY, FOOD, HOME]
				coupon: {face_value_fen: 10000, validity_days: 30}
				late_arrival_days: 2
				programs:
				  COLD_START: {monthly_cap: %d, coupons: 5, first_broadcast_window_days: 30, dormant_days: 60}
				  GROWTH:
				    monthly_cap: %d
				    per_brand_monthly_cap: %d
				    baseline_days: 28
				    tiers:
				      - {name: G3, min_gmv_fen: 5000000, min_growth: 0.5, coupons: 8}
				      - {name: G2, min_gmv_fen: 1000000, min_growth: 0.2, coupons: 3}
				      - {name: G1, min_gmv_fen: 100000, coupons: 1}
				risk: {restrict_refund_rate_at_least: 0.30, restrict_complaints_at_least: 50, content_violation_suspend_days: 7}
				""".formatted(coldCap, growthCap, growthBrandCap));
		return dir;
	}

	/** Four brands, thirty accounts (some first broadcasts, some dormant), 0-3 sessions a day each. */
	private Inbox randomInbox(Random random) {
		Inbox inbox = new Inbox(this.temp.resolve("inbox"));
		String[] industries = { "BEAUTY", "FOOD", "HOME", "PETS" };
		List<String> brands = new ArrayList<>();
		for (int b = 0; b < 4; b++) {
			brands.add("BR" + b + ",Brand " + b + "," + industries[b] + ",true,2023-11-" + (10 + random.nextInt(15)));
		}
		List<String[]> accounts = new ArrayList<>();
		for (int a = 0; a < 30; a++) {
			String last = switch (random.nextInt(3)) {
				case 0 -> "";
				case 1 -> "2023-09-" + (10 + random.nextInt(15)) + "T20:00:00+08:00";
				default -> "2023-11-2" + random.nextInt(8) + "T20:00:00+08:00";
			};
			accounts.add(new String[] { "A" + a, "BR" + random.nextInt(4), "S" + a, last,
					Boolean.toString(random.nextInt(5) == 0) });
		}
		int n = 0;
		for (LocalDate day : DAYS) {
			List<String> accountRows = new ArrayList<>();
			List<String> storeRows = new ArrayList<>();
			for (String[] a : accounts) {
				accountRows.add(String.join(",", a));
				storeRows.add(a[2] + ",OPEN,0.01,0");
			}
			List<String> sessions = new ArrayList<>();
			for (String[] a : accounts) {
				int count = random.nextInt(4);
				for (int s = 0; s < count; s++) {
					LocalDateTime start = day.atTime(8 + random.nextInt(12), random.nextInt(60));
					LocalDateTime end = start.plusMinutes(30 + random.nextInt(90));
					long gmv = switch (random.nextInt(4)) {
						case 0 -> random.nextInt(150_000);
						case 1 -> 100_000 + random.nextInt(900_000);
						case 2 -> 1_000_000 + random.nextInt(4_000_000);
						default -> 5_000_000 + random.nextInt(5_000_000);
					};
					sessions.add("R" + (++n) + "," + a[0] + "," + start + ":00+08:00," + end + ":00+08:00," + gmv
							+ ",1,1,1,1");
				}
				if (count > 0) {
					a[3] = day + "T23:59:00+08:00"; // upstream's next snapshot: the last broadcast was today
				}
			}
			inbox.write(day, "brands.csv", Inbox.BRANDS_HEADER, brands.toArray(String[]::new));
			inbox.write(day, "accounts.csv", Inbox.ACCOUNTS_HEADER, accountRows.toArray(String[]::new));
			inbox.write(day, "store_risk.csv", Inbox.STORES_HEADER, storeRows.toArray(String[]::new));
			inbox.write(day, "broadcasts.csv", Inbox.SESSIONS_HEADER, sessions.toArray(String[]::new));
			inbox.write(day, "violations.csv", Inbox.VIOLATIONS_HEADER);
			inbox.write(day, "benchmark_events.csv", Inbox.EVENTS_HEADER);
			inbox.success(day);
		}
		return inbox;
	}

}
