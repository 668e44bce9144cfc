package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.pools.Pools;
import com.livecommerce.incentive.policy.Program;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The serving rule on its own, over random days of claims (fixed seeds): no cap is ever
 * exceeded, nothing overtakes, every decision is min(requested, brand left, pool left).
 */
class FirstComeFirstServedTest {

	@Test
	void partialThenRejectedWithoutOvertaking() {
		Pools.Counter pool = new Pools.Counter(6, 0, 0);
		Pools.Counter noBrandCap = new Pools.Counter(null, 0, 0);
		assertThat(FirstComeFirstServed.serve(claim(5, "B"), pool, noBrandCap))
			.isEqualTo(new FirstComeFirstServed.Decision(5, "GRANTED", null, null));
		assertThat(FirstComeFirstServed.serve(claim(3, "B"), pool, noBrandCap))
			.isEqualTo(new FirstComeFirstServed.Decision(1, "PARTIAL", null, "CAP_EXHAUSTED"));
		assertThat(FirstComeFirstServed.serve(claim(1, "B"), pool, noBrandCap))
			.isEqualTo(new FirstComeFirstServed.Decision(0, "REJECTED", "CAP_EXHAUSTED", null));
	}

	/** Issue 36: the invariants hold where coupons are written, and a claim that breaks one is named. */
	@Test
	void aClaimThatWouldBreakAnInvariantFailsNamingItself() {
		Pools.Counter pool = new Pools.Counter(6, 0, 0);
		Pools.Counter brand = new Pools.Counter(null, 0, 0);
		Claim broken = new Claim("GR:S-BAD", LocalDate.of(2023, 12, 1), Program.GROWTH, "A", "B", "S-BAD", null, "G1",
				null, LocalDateTime.of(2023, 12, 1, 10, 0), -2, "ACTIVE", "v");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> FirstComeFirstServed.serve(broken, pool, brand))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("first come first served: claim GR:S-BAD (GROWTH, session S-BAD) asks for -2 coupons");
		assertThat(pool.granted()).as("nothing taken").isZero();
	}

	@Test
	void returnedCouponsServeLaterClaimsAndALoweredCapTakesNothingBack() {
		Pools.Counter pool = new Pools.Counter(10, 10, 3);
		assertThat(pool.remaining()).isEqualTo(3);
		Pools.Counter lowered = new Pools.Counter(6, 10, 0);
		assertThat(lowered.remaining()).as("never below zero").isZero();
	}

	@Test
	void brandCapLimitsOnlyItsBrand() {
		Pools.Counter pool = new Pools.Counter(100, 0, 0);
		Pools.Counter x = new Pools.Counter(4, 0, 0);
		Pools.Counter y = new Pools.Counter(4, 0, 0);
		assertThat(FirstComeFirstServed.serve(claim(3, "X"), pool, x).status()).isEqualTo("GRANTED");
		assertThat(FirstComeFirstServed.serve(claim(3, "X"), pool, x))
			.isEqualTo(new FirstComeFirstServed.Decision(1, "PARTIAL", null, "BRAND_CAP_REACHED"));
		assertThat(FirstComeFirstServed.serve(claim(1, "X"), pool, x))
			.isEqualTo(new FirstComeFirstServed.Decision(0, "REJECTED", "BRAND_CAP_REACHED", null));
		assertThat(FirstComeFirstServed.serve(claim(3, "Y"), pool, y).status()).isEqualTo("GRANTED");
	}

	@Test
	void aClaimOfAnAccountThatIsNotActiveIsRejectedWithItsStatusAndConsumesNothing() {
		Pools.Counter pool = new Pools.Counter(10, 0, 0);
		Pools.Counter brand = new Pools.Counter(null, 0, 0);
		Claim restricted = new Claim("GR:S", LocalDate.of(2023, 12, 1), Program.GROWTH, "A", "B", "S", null, "G1", null,
				LocalDateTime.of(2023, 12, 1, 10, 0), 3, "RESTRICTED", "v");
		assertThat(FirstComeFirstServed.serve(restricted, pool, brand))
			.isEqualTo(new FirstComeFirstServed.Decision(0, "REJECTED", "RESTRICTED", null));
		assertThat(pool.remaining()).isEqualTo(10);
	}

	@Test
	void randomDaysKeepEveryCapAndNeverLetALaterClaimOvertake() {
		for (long seed = 1; seed <= 500; seed++) {
			Random random = new Random(seed);
			int cap = random.nextInt(40);
			Integer brandCap = random.nextBoolean() ? null : random.nextInt(15);
			Pools.Counter pool = new Pools.Counter(cap, random.nextInt(5),
					random.nextInt(5));
			int startNet = pool.out();
			Map<String, Pools.Counter> brands = new HashMap<>();
			List<FirstComeFirstServed.Decision> decisions = new ArrayList<>();
			int claims = 1 + random.nextInt(60);
			for (int i = 0; i < claims; i++) {
				Claim claim = claim(1 + random.nextInt(8), "B" + random.nextInt(4));
				Pools.Counter brand = brands.computeIfAbsent(claim.brandId(),
						b -> new Pools.Counter(brandCap, 0, 0));
				int poolLeft = pool.remaining();
				int brandLeft = brand.remaining();
				FirstComeFirstServed.Decision d = FirstComeFirstServed.serve(claim, pool, brand);
				assertThat(d.grantedCoupons()).as("seed %d claim %d", seed, i)
					.isEqualTo(Math.min(claim.requestedCoupons(), Math.min(poolLeft, brandLeft)));
				assertThat(pool.out()).as("seed %d: pool within its cap", seed)
					.isLessThanOrEqualTo(Math.max(cap, startNet));
				if (brandCap != null) {
					assertThat(brand.granted()).as("seed %d: brand within its cap", seed).isLessThanOrEqualTo(brandCap);
				}
				decisions.add(d);
			}
			int firstExhausted = -1;
			for (int i = 0; i < decisions.size(); i++) {
				if ("CAP_EXHAUSTED".equals(decisions.get(i).rejectReason()) && firstExhausted < 0) {
					firstExhausted = i;
				}
				if (firstExhausted >= 0) {
					assertThat(decisions.get(i).grantedCoupons()).as("seed %d: claim %d after the pool ran out", seed, i)
						.isZero();
				}
			}
		}
	}

	private static int sequence;

	private static Claim claim(int requested, String brand) {
		int n = ++sequence;
		return new Claim("GR:S" + n, LocalDate.of(2023, 12, 1), Program.GROWTH, "A" + n, brand, "S" + n, null, "G1",
				null, LocalDateTime.of(2023, 12, 1, 0, 0).plusMinutes(n), requested, Claim.ACTIVE, "v");
	}

}
