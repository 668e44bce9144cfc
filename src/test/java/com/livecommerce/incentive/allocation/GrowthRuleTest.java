package com.livecommerce.incentive.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Growth is compared exactly, where floating point would get the boundary wrong. */
class GrowthRuleTest {

	@Test
	void exactlyTwentyPercentMeetsTwentyPercent() {
		// As doubles, 1_200_000.0 / 1_000_000.0 - 1 is 0.19999999999999996: below 0.2.
		assertThat(1_200_000.0 / 1_000_000.0 - 1 >= 0.2).isFalse();
		assertThat(GrowthRule.growthMet(1_200_000, 2, BigDecimal.valueOf(2_000_000), new BigDecimal("0.2"))).isTrue();
		assertThat(GrowthRule.growthMet(1_199_999, 2, BigDecimal.valueOf(2_000_000), new BigDecimal("0.2"))).isFalse();
	}

	@Test
	void aMeanThatIsNotAWholeNumberIsComparedExactly() {
		// Baseline 1,000,000 / 3 = 333,333.33…; +50 % is exactly 500,000.
		assertThat(GrowthRule.growthMet(500_000, 3, BigDecimal.valueOf(1_000_000), new BigDecimal("0.5"))).isTrue();
		assertThat(GrowthRule.growthMet(499_999, 3, BigDecimal.valueOf(1_000_000), new BigDecimal("0.5"))).isFalse();
	}

	@Test
	void noBaselineMeetsNoGrowthTierAndAZeroBaselineMeetsAnyPositiveGmv() {
		assertThat(GrowthRule.growthMet(9_999_999, 0, BigDecimal.valueOf(0), new BigDecimal("0.2"))).isFalse();
		assertThat(GrowthRule.growthMet(1, 4, BigDecimal.valueOf(0), new BigDecimal("100"))).isTrue();
		assertThat(GrowthRule.growthMet(0, 4, BigDecimal.valueOf(0), new BigDecimal("0"))).isFalse();
	}

	@Test
	void aNegativeMinimumAllowsADrop() {
		assertThat(GrowthRule.growthMet(900_000, 1, BigDecimal.valueOf(1_000_000), new BigDecimal("-0.1"))).isTrue();
		assertThat(GrowthRule.growthMet(899_999, 1, BigDecimal.valueOf(1_000_000), new BigDecimal("-0.1"))).isFalse();
	}

	/**
	 * A baseline sum beyond what a long holds (two million sessions at the per-row limit of 10^13
	 * fen) is still exact: sums are DECIMAL in the tables and BigDecimal here (hostile case 6).
	 */
	@Test
	void aBaselineBeyondALongIsExact() {
		BigDecimal sum = BigDecimal.valueOf(10_000_000_000_000L).multiply(BigDecimal.valueOf(2_000_000));
		assertThat(sum).isGreaterThan(BigDecimal.valueOf(Long.MAX_VALUE));
		assertThat(GrowthRule.growthMet(10_000_000_000_000L, 2_000_000, sum, BigDecimal.ZERO)).isTrue();
		assertThat(GrowthRule.growthMet(9_999_999_999_999L, 2_000_000, sum, BigDecimal.ZERO)).isFalse();
	}

}
