package com.livecommerce.incentive.pools;

import com.livecommerce.incentive.policy.Program;
import com.livecommerce.incentive.common.BulkInsert;
import com.livecommerce.incentive.common.SqlLists;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The owner of pool_balance and brand_pool_balance (SPEC §2.6): each program's monthly pool and
 * each brand's share of it. Every change of them goes through here: a night opens the month's
 * pools with the caps in force, first come first served draws on them, clawbacks give coupons
 * back while the month is open, the monthly job closes them. What is left of a pool is
 * {@link #REMAINING}, in one place.
 */
public class Pools {

	/** What later claims can still get: cap − granted + returned, never below zero (a lowered cap takes nothing back). */
	public static final String REMAINING = "GREATEST(0, pool_balance.monthly_cap - pool_balance.granted_coupons"
			+ " + pool_balance.returned_coupons)";

	private static final BulkInsert BRAND_SHARES = BulkInsert.upsert("brand_pool_balance",
			List.of("pool_month", "program", "brand_id", "granted_coupons", "returned_coupons", "per_brand_monthly_cap",
					"reached_at", "reached_on"),
			"""
					granted_coupons = new.granted_coupons, per_brand_monthly_cap = new.per_brand_monthly_cap,
					  reached_on = COALESCE(brand_pool_balance.reached_on, new.reached_on),
					  reached_at = COALESCE(brand_pool_balance.reached_at, new.reached_at)""");

	private final JdbcTemplate jdbc;

	public Pools(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** One brand's share of one program's pool. */
	public record BrandShare(Program program, String brandId) {
	}

	/**
	 * A pool, or a brand's share of it, while claims are served; {@code cap == null} means no limit
	 * (a program without a per-brand cap). First come first served draws on it with {@link #take};
	 * {@link Pools#saveDrawn} writes what was drawn.
	 */
	public static final class Counter {

		private final Integer cap;

		private int granted;

		private final int returned;

		/** Whether the row is in the table, and what it said when read: an unchanged row is not written again. */
		private final boolean stored;

		/** claimed_at of the first claim of this chunk after whose turn nothing was left (null: none). */
		private java.time.LocalDateTime emptiedAt;

		private final int grantedWhenRead;

		public Counter(Integer cap, int granted, int returned) {
			this(cap, granted, returned, true);
		}

		Counter(Integer cap, int granted, int returned, boolean stored) {
			this.cap = cap;
			this.granted = granted;
			this.returned = returned;
			this.stored = stored;
			this.grantedWhenRead = granted;
		}

		/** The cap; null: no limit. */
		public Integer cap() {
			return this.cap;
		}

		public int granted() {
			return this.granted;
		}

		public int returned() {
			return this.returned;
		}

		/** Coupons out now: granted − returned. */
		public int out() {
			return this.granted - this.returned;
		}

		/** A claim's coupons leave the pool (or the share). */
		public void take(int coupons) {
			this.granted += coupons;
		}

		boolean changed() {
			return !this.stored || this.granted != this.grantedWhenRead || this.emptiedAt != null;
		}

		/** After a claim's turn: when nothing is left, the first such claim is when it ran dry. */
		public void turnTaken(java.time.LocalDateTime claimedAt) {
			if (this.cap != null && this.emptiedAt == null && remaining() == 0) {
				this.emptiedAt = claimedAt;
			}
		}

		/** cap − granted + returned, never below zero: the Java twin of {@link #REMAINING}. */
		public int remaining() {
			return this.cap == null ? Integer.MAX_VALUE : Math.max(0, this.cap - this.granted + this.returned);
		}

	}

	/**
	 * The month's pool of {@code program} carries {@code monthlyCap} from {@code businessDate} on
	 * (created empty the first time).
	 */
	public void open(String poolMonth, Program program, int monthlyCap, LocalDate businessDate) {
		this.jdbc.update("""
				INSERT INTO pool_balance (pool_month, program, monthly_cap, granted_coupons, returned_coupons,
				  remaining_coupons, closed, last_business_date)
				SELECT * FROM (SELECT ? AS pool_month, ? AS program, ? AS monthly_cap, 0 AS granted_coupons,
				  0 AS returned_coupons, ? AS remaining_coupons, FALSE AS closed, ? AS last_business_date) AS new
				ON DUPLICATE KEY UPDATE monthly_cap = new.monthly_cap, last_business_date = new.last_business_date,
				  remaining_coupons =""" + " " + REMAINING, poolMonth, program.name(), monthlyCap, monthlyCap, businessDate);
	}

	/** The month's pools as they stand, each with the cap {@code capOf} gives its program. */
	public Map<Program, Counter> pools(String poolMonth, Function<Program, Integer> capOf) {
		Map<Program, Counter> pools = new TreeMap<>();
		this.jdbc.query("SELECT program, granted_coupons, returned_coupons FROM pool_balance WHERE pool_month = ?", rs -> {
			Program program = Program.valueOf(rs.getString(1));
			pools.put(program, new Counter(capOf.apply(program), rs.getInt(2), rs.getInt(3)));
		}, poolMonth);
		return pools;
	}

	/** The given brand shares as they stand, each with the per-brand cap {@code capOf} gives its program. */
	public Map<BrandShare, Counter> brandShares(String poolMonth, Collection<BrandShare> shares,
			Function<Program, Integer> capOf) {
		Map<BrandShare, int[]> used = new HashMap<>();
		// one lookup by primary key per share (program and brand), not a scan of the month's shares
		this.jdbc.query("SELECT STRAIGHT_JOIN b.program, b.brand_id, b.granted_coupons, b.returned_coupons FROM "
				+ SqlLists.KEY_PAIRS
				+ " JOIN brand_pool_balance b ON b.pool_month = ? AND b.program = keys_.k1 AND b.brand_id = keys_.k2", rs -> {
					used.put(new BrandShare(Program.valueOf(rs.getString(1)), rs.getString(2)),
							new int[] { rs.getInt(3), rs.getInt(4) });
				}, SqlLists.pairs(shares.stream().map(s -> List.of(s.program().name(), s.brandId())).toList()), poolMonth);
		Map<BrandShare, Counter> counters = new LinkedHashMap<>();
		for (BrandShare share : shares) {
			int[] u = used.get(share);
			counters.computeIfAbsent(share, s -> u == null ? new Counter(capOf.apply(s.program()), 0, 0, false)
					: new Counter(capOf.apply(s.program()), u[0], u[1]));
		}
		return counters;
	}

	/** What first come first served drew from the month's pools and brand shares, in its transaction. */
	public void saveDrawn(String poolMonth, Map<Program, Counter> pools, Map<BrandShare, Counter> shares,
			LocalDate businessDate) {
		// assignments apply left to right: REMAINING sees the new granted_coupons
		// ran dry: kept from the first time (the first chunk, the first night) it did
		pools.forEach((program, counter) -> this.jdbc.update("UPDATE pool_balance SET granted_coupons = ?,"
				+ " last_business_date = ?, remaining_coupons = " + REMAINING + ", ran_dry_on = COALESCE(ran_dry_on, ?),"
				+ " ran_dry_at = COALESCE(ran_dry_at, ?) WHERE pool_month = ? AND program = ?", counter.granted,
				businessDate, counter.emptiedAt == null ? null : businessDate, counter.emptiedAt, poolMonth,
				program.name()));
		// a share read and left as it was is not written again (most of a day's claims, once a pool is dry)
		BRAND_SHARES.insert(this.jdbc, shares.entrySet()
			.stream()
			.filter(e -> e.getValue().changed())
			.map(e -> new Object[] { poolMonth, e.getKey().program().name(), e.getKey().brandId(), e.getValue().granted, 0,
					e.getValue().cap, e.getValue().emptiedAt, e.getValue().emptiedAt == null ? null : businessDate })
			.toList());
	}

	/** Whether the monthly job has closed the month's pool of {@code program}. */
	public boolean isClosed(String poolMonth, Program program) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT COALESCE(MAX(closed), FALSE) FROM pool_balance WHERE pool_month = ? AND program = ?",
				Boolean.class, poolMonth, program.name()));
	}

	/** A brand's share of one month's pool. */
	public record PoolShare(String poolMonth, BrandShare share) {
	}

	/**
	 * Clawed-back coupons go back to the pools and brand shares they came from (their months must
	 * be open): one update per pool, and one batch of updates for the brand shares, in key order.
	 */
	public void giveBack(Map<PoolShare, Integer> coupons) {
		Map<List<String>, Integer> perPool = new java.util.TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
			.thenComparing(k -> k.get(1)));
		Map<List<String>, Integer> perShare = new java.util.TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
			.thenComparing(k -> k.get(1))
			.thenComparing(k -> k.get(2)));
		coupons.forEach((share, n) -> {
			perPool.merge(List.of(share.poolMonth(), share.share().program().name()), n, Integer::sum);
			perShare.merge(List.of(share.poolMonth(), share.share().program().name(), share.share().brandId()), n,
					Integer::sum);
		});
		perPool.forEach((pool, n) -> this.jdbc.update("UPDATE pool_balance SET returned_coupons = returned_coupons + ?,"
				+ " remaining_coupons = " + REMAINING + " WHERE pool_month = ? AND program = ?", n, pool.get(0), pool.get(1)));
		if (!perShare.isEmpty()) {
			this.jdbc.batchUpdate("""
					UPDATE brand_pool_balance SET returned_coupons = returned_coupons + ?
					WHERE pool_month = ? AND program = ? AND brand_id = ?""", perShare.entrySet()
				.stream()
				.map(e -> new Object[] { e.getValue(), e.getKey().get(0), e.getKey().get(1), e.getKey().get(2) })
				.toList());
		}
	}

	/** The monthly job closes the month: clawbacks of its grants return nothing to it from now on. */
	public void close(String poolMonth) {
		this.jdbc.update("UPDATE pool_balance SET closed = TRUE WHERE pool_month = ?", poolMonth);
	}

}
