package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.common.BulkInsert;
import com.livecommerce.incentive.common.SqlLists;
import com.livecommerce.incentive.nightly.NightlyRun;
import com.livecommerce.incentive.policy.Policy;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * First come first served (SPEC §2.6): THE place where coupons leave the pools. It receives the
 * day's claims in their order (program, claimed_at, session_id) and serves each in turn:
 * {@code min(requested, brand remaining, pool remaining)} whole coupons, GRANTED if that is all,
 * PARTIAL if less, REJECTED if none. A claim never waits for a later one and a later one never
 * overtakes it: once the pool is empty every later claim of the day is rejected, however small.
 *
 * <p>The pool counters are read from pool_balance at the start of each chunk and written back
 * with the chunk's grants in the same transaction, so a restart continues from exactly the state
 * the last committed chunk left. A claim that already has a grant is skipped (never counted twice).
 */
class FirstComeFirstServed implements ItemWriter<Claim> {

	static final String CAP_EXHAUSTED = "CAP_EXHAUSTED";

	static final String BRAND_CAP_REACHED = "BRAND_CAP_REACHED";

	private static final BulkInsert GRANTS = new BulkInsert("coupon_grant",
			List.of("grant_id", "business_date", "program", "account_id", "brand_id", "session_id", "event_id", "tier",
					"milestones_reached", "policy_version", "pool_month", "claimed_at", "requested_coupons",
					"granted_coupons", "face_value_fen", "status", "reject_reason", "limited_by", "expires_on"));

	private static final BulkInsert BRAND_SHARES = new BulkInsert("brand_pool_balance",
			List.of("pool_month", "program", "brand_id", "granted_coupons", "returned_coupons"),
			"ON DUPLICATE KEY UPDATE granted_coupons = VALUES(granted_coupons)");

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	FirstComeFirstServed(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
	}

	/** What one claim gets. */
	record Decision(int grantedCoupons, String status, String rejectReason, String limitedBy) {
	}

	/** A monthly pool, or a brand's share of it; {@code cap == null} means unlimited (no per-brand cap). */
	static final class Counter {

		final Integer cap;

		int granted;

		final int returned;

		Counter(Integer cap, int granted, int returned) {
			this.cap = cap;
			this.granted = granted;
			this.returned = returned;
		}

		/** cap − granted + returned, never below zero; a lowered cap stops grants, it takes nothing back. */
		int remaining() {
			return this.cap == null ? Integer.MAX_VALUE : Math.max(0, this.cap - this.granted + this.returned);
		}

	}

	/** The rule itself, for one claim against its pool and its brand's share. */
	static Decision serve(Claim claim, Counter pool, Counter brand) {
		if (!Claim.ACTIVE.equals(claim.accountStatus())) {
			return new Decision(0, "REJECTED", claim.accountStatus(), null); // consumes no cap
		}
		int poolLeft = pool.remaining();
		int brandLeft = brand.remaining();
		int granted = Math.min(claim.requestedCoupons(), Math.min(poolLeft, brandLeft));
		pool.granted += granted;
		brand.granted += granted;
		if (granted == claim.requestedCoupons()) {
			return new Decision(granted, "GRANTED", null, null);
		}
		String limit = poolLeft <= brandLeft ? CAP_EXHAUSTED : BRAND_CAP_REACHED;
		return granted == 0 ? new Decision(0, "REJECTED", limit, null) : new Decision(granted, "PARTIAL", null, limit);
	}

	@Override
	public void write(Chunk<? extends Claim> chunk) {
		Policy policy = this.run.policyInForce().orElseThrow();
		LocalDate date = this.run.businessDate();
		String month = YearMonth.from(date).toString();
		List<Claim> claims = withoutGrants(chunk.getItems());
		if (claims.isEmpty()) {
			return;
		}
		Map<Program, Counter> pools = pools(month, policy);
		Map<String, Counter> brands = brands(month, policy, claims);
		List<Object[]> grants = new ArrayList<>(claims.size());
		for (Claim claim : claims) {
			Decision d = serve(claim, pools.get(claim.program()), brands.get(brandKey(claim.program(), claim.brandId())));
			grants.add(new Object[] { claim.grantId(), date, claim.program().name(), claim.accountId(), claim.brandId(),
					claim.sessionId(), claim.eventId(), claim.tier(), claim.milestonesReached(), claim.policyVersion(),
					month, claim.claimedAt(), claim.requestedCoupons(), d.grantedCoupons(),
					policy.coupon().faceValueFen(), d.status(), d.rejectReason(), d.limitedBy(),
					d.grantedCoupons() > 0 ? date.plusDays(policy.coupon().validityDays()) : null });
		}
		GRANTS.insert(this.jdbc, grants);
		for (Map.Entry<Program, Counter> pool : pools.entrySet()) {
			this.jdbc.update("""
					UPDATE pool_balance SET granted_coupons = ?, remaining_coupons = ?, last_business_date = ?
					WHERE pool_month = ? AND program = ?""", pool.getValue().granted, pool.getValue().remaining(), date,
					month, pool.getKey().name());
		}
		List<Object[]> brandRows = new ArrayList<>();
		brands.forEach((key, counter) -> {
			String[] parts = key.split("\u0000", 2);
			brandRows.add(new Object[] { month, parts[0], parts[1], counter.granted, 0 });
		});
		BRAND_SHARES.insert(this.jdbc, brandRows);
	}

	private List<Claim> withoutGrants(List<? extends Claim> chunk) {
		Set<String> done = new HashSet<>(this.jdbc.queryForList("SELECT grant_id FROM coupon_grant WHERE grant_id IN ("
				+ SqlLists.placeholders(chunk.size()) + ")", String.class,
				chunk.stream().map(Claim::grantId).toArray()));
		return chunk.stream().filter(c -> !done.contains(c.grantId())).map(Claim.class::cast).toList();
	}

	private Map<Program, Counter> pools(String month, Policy policy) {
		Map<Program, Counter> pools = new EnumMap<>(Program.class);
		this.jdbc.query("SELECT program, granted_coupons, returned_coupons FROM pool_balance WHERE pool_month = ?", rs -> {
			Program program = Program.valueOf(rs.getString(1));
			pools.put(program, new Counter(program.monthlyCap(policy), rs.getInt(2), rs.getInt(3)));
		}, month);
		return pools;
	}

	private Map<String, Counter> brands(String month, Policy policy, List<Claim> claims) {
		Map<String, Counter> brands = new LinkedHashMap<>();
		Map<String, int[]> used = new HashMap<>();
		Set<String> brandIds = new HashSet<>();
		claims.forEach(c -> brandIds.add(c.brandId()));
		this.jdbc.query("SELECT program, brand_id, granted_coupons, returned_coupons FROM brand_pool_balance"
				+ " WHERE pool_month = ? AND brand_id IN (" + SqlLists.placeholders(brandIds.size()) + ")", rs -> {
					used.put(brandKey(Program.valueOf(rs.getString(1)), rs.getString(2)),
							new int[] { rs.getInt(3), rs.getInt(4) });
				}, SqlLists.params(month, brandIds));
		for (Claim c : claims) {
			String key = brandKey(c.program(), c.brandId());
			int[] u = used.getOrDefault(key, new int[2]);
			brands.computeIfAbsent(key, k -> new Counter(c.program().perBrandMonthlyCap(policy), u[0], u[1]));
		}
		return brands;
	}

	private static String brandKey(Program program, String brandId) {
		return program.name() + "\u0000" + brandId;
	}

}
