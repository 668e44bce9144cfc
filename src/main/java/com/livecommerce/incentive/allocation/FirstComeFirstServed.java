package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.pools.Pools;
import com.livecommerce.incentive.policy.Program;
import com.livecommerce.incentive.common.BulkInsert;
import com.livecommerce.incentive.common.SqlLists;
import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.policy.Policy;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * First come first served (SPEC §2.6): THE place where coupons leave the pools, as a reader that
 * hands out the day's claims in their order ({@link #claimsInOrder}: program, claimed_at,
 * session_id) and a writer that serves each in turn: {@code min(requested, brand remaining, pool
 * remaining)} whole coupons, GRANTED if that is all, PARTIAL if less, REJECTED if none. A claim
 * never waits for a later one and a later one never overtakes it: once the pool is empty every
 * later claim of the day is rejected, however small.
 *
 * <p>The pool counters are read from {@link Pools} at the start of each chunk and written back with
 * the chunk's grants in the same transaction, so a restart continues from exactly the state the
 * last committed chunk left. A claim that already has a grant is skipped (never counted twice).
 */
class FirstComeFirstServed implements ItemWriter<Claim> {

	static final String CAP_EXHAUSTED = "CAP_EXHAUSTED";

	static final String BRAND_CAP_REACHED = "BRAND_CAP_REACHED";

	private static final BulkInsert GRANTS = new BulkInsert("coupon_grant",
			List.of("grant_id", "business_date", "program", "account_id", "brand_id", "session_id", "event_id", "tier",
					"milestones_reached", "policy_version", "pool_month", "claimed_at", "requested_coupons",
					"granted_coupons", "face_value_fen", "status", "reject_reason", "limited_by", "expires_on",
					"pool_remaining_before", "brand_remaining_before"));

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	private final Pools pools;

	FirstComeFirstServed(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
		this.pools = new Pools(jdbc);
	}

	/**
	 * The day's claims in first-come-first-served order, streamed in one ordered pass over the
	 * claim table's index claim_order (a restart skips the claims of the committed chunks; a claim
	 * that has its grant is skipped again by the writer). One query for the day, not one per page:
	 * paging by a three-column key made the server start every page's range again, which grew
	 * faster than the claims.
	 */
	static JdbcCursorItemReader<Claim> claimsInOrder(DataSource dataSource, LocalDate businessDate) {
		return new JdbcCursorItemReaderBuilder<Claim>().name("claims-in-order")
			.dataSource(dataSource)
			.sql("SELECT " + ClaimStore.COLUMNS + " FROM claim WHERE business_date = ?"
					+ " ORDER BY program, claimed_at, session_id")
			.queryArguments(businessDate)
			.fetchSize(Integer.MIN_VALUE) // MySQL Connector/J: stream, do not buffer the day
			.rowMapper(ClaimStore::map)
			.verifyCursorPosition(false)
			.build();
	}

	/** What one claim gets. */
	record Decision(int grantedCoupons, String status, String rejectReason, String limitedBy) {
	}

	/** The rule itself, for one claim against its pool and its brand's share. */
	static Decision serve(Claim claim, Pools.Counter pool, Pools.Counter brand) {
		if (!Claim.ACTIVE.equals(claim.accountStatus())) {
			return new Decision(0, "REJECTED", claim.accountStatus(), null); // consumes no cap
		}
		int poolLeft = pool.remaining();
		int brandLeft = brand.remaining();
		int granted = Math.min(claim.requestedCoupons(), Math.min(poolLeft, brandLeft));
		// the invariants are checked as plain comparisons: a message is built only for a claim that breaks one
		if (claim.requestedCoupons() <= 0) {
			throw violated(claim, "asks for " + claim.requestedCoupons() + " coupons: a claim asks for one or more");
		}
		if (granted < 0 || granted > poolLeft || granted > brandLeft) {
			throw violated(claim, "would take " + granted + " coupons where its pool had " + poolLeft
					+ " and its brand's share " + (brand.cap() == null ? "no cap" : brandLeft) + " left");
		}
		pool.take(granted);
		brand.take(granted);
		if (granted > 0 && (pool.cap() != null && pool.out() > pool.cap() || brand.cap() != null && brand.out() > brand.cap())) {
			throw violated(claim, "would put its pool at " + pool.out() + " of its cap " + pool.cap() + " or its brand at "
					+ brand.out() + " of " + brand.cap());
		}
		pool.turnTaken(claim.claimedAt());
		brand.turnTaken(claim.claimedAt());
		if (granted == claim.requestedCoupons()) {
			return new Decision(granted, "GRANTED", null, null);
		}
		String limit = poolLeft <= brandLeft ? CAP_EXHAUSTED : BRAND_CAP_REACHED;
		return granted == 0 ? new Decision(0, "REJECTED", limit, null) : new Decision(granted, "PARTIAL", null, limit);
	}

	/**
	 * The invariants of SPEC §6 where coupons leave the pools, not only after the night
	 * (check-ledger): a claim that would break one fails the allocation step, named, before
	 * anything of its chunk is written.
	 */
	private static IllegalStateException violated(Claim claim, String what) {
		return new IllegalStateException("first come first served: claim " + claim.grantId() + " (" + claim.program()
				+ ", session " + claim.sessionId() + ") " + what + "; nothing of its chunk was written");
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
		Map<Program, Pools.Counter> pools = this.pools.pools(month, p -> p.monthlyCap(policy));
		Map<Pools.BrandShare, Pools.Counter> brands = this.pools.brandShares(month,
				claims.stream().map(c -> new Pools.BrandShare(c.program(), c.brandId())).toList(),
				p -> p.perBrandMonthlyCap(policy));
		List<Object[]> grants = new ArrayList<>(claims.size());
		for (Claim claim : claims) {
			Pools.Counter pool = pools.get(claim.program());
			Pools.Counter brand = brands.get(new Pools.BrandShare(claim.program(), claim.brandId()));
			int poolBefore = pool.remaining();
			Integer brandBefore = brand.cap() == null ? null : brand.remaining(); // no per-brand cap: nothing to show
			Decision d = serve(claim, pool, brand);
			grants.add(new Object[] { claim.grantId(), date, claim.program().name(), claim.accountId(), claim.brandId(),
					claim.sessionId(), claim.eventId(), claim.tier(), claim.milestonesReached(), claim.policyVersion(),
					month, claim.claimedAt(), claim.requestedCoupons(), d.grantedCoupons(),
					policy.coupon().faceValueFen(), d.status(), d.rejectReason(), d.limitedBy(),
					d.grantedCoupons() > 0 ? date.plusDays(policy.coupon().validityDays()) : null, poolBefore,
					brandBefore });
		}
		GRANTS.insert(this.jdbc, grants);
		this.pools.saveDrawn(month, pools, brands, date);
	}

	private List<Claim> withoutGrants(List<? extends Claim> chunk) {
		Set<String> done = new HashSet<>(this.jdbc.queryForList("SELECT STRAIGHT_JOIN g.grant_id FROM " + SqlLists.KEYS
				+ " JOIN coupon_grant g ON g.grant_id = keys_.k", String.class,
				SqlLists.keys(chunk.stream().map(Claim::grantId).toList())));
		return chunk.stream().filter(c -> !done.contains(c.grantId())).map(Claim.class::cast).toList();
	}

}
