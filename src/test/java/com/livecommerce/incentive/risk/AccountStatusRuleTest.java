package com.livecommerce.incentive.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.policy.Policy;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The status rule alone (SPEC §2.7): thresholds at their boundaries, and the strongest trigger wins. */
class AccountStatusRuleTest {

	private static final Policy.Risk RISK = new Policy.Risk(new BigDecimal("0.30"), 50, 7);

	private static final LocalDate D = LocalDate.of(2023, 12, 2);

	@Test
	void refundRateAndComplaintsRestrictAtExactlyTheThreshold() {
		assertThat(decide(store("0.30", 0, "OPEN"), null, null, null).status()).isEqualTo(AccountStatus.RESTRICTED);
		assertThat(decide(store("0.299999", 49, "OPEN"), null, null, null).status()).isEqualTo(AccountStatus.ACTIVE);
		Standing both = decide(store("0.5", 50, "OPEN"), null, null, null);
		assertThat(both.triggerCode()).isEqualTo("REFUND_RATE_AND_COMPLAINTS");
		assertThat(both.reason()).isEqualTo("store S refund rate 0.5 ≥ 0.30 and complaints 50 ≥ 50");
	}

	@Test
	void theStrongestTriggerWins() {
		AccountStatusRule.Violation counterfeit = new AccountStatusRule.Violation("V1", ViolationType.COUNTERFEIT, D, null);
		AccountStatusRule.Violation content = new AccountStatusRule.Violation("V2", ViolationType.CONTENT_VIOLATION, D, "S1");
		assertThat(decide(store("0.9", 99, "CLOSED"), counterfeit, content, null).status()).isEqualTo(AccountStatus.REVOKED);
		assertThat(decide(store("0.9", 99, "CLOSED"), null, content, null).status()).isEqualTo(AccountStatus.DISQUALIFIED);
		Standing suspended = decide(store("0.9", 99, "OPEN"), null, content, null);
		assertThat(suspended.status()).isEqualTo(AccountStatus.SUSPENDED);
		assertThat(suspended.untilDate()).as("seven days, the violation's day included").isEqualTo(D.plusDays(6));
	}

	@Test
	void everyViolationTypeButContentViolationRevokesForGood() {
		for (ViolationType type : ViolationType.values()) {
			AccountStatusRule.Violation v = new AccountStatusRule.Violation("V", type, D.minusDays(30), null);
			AccountStatusRule.Facts facts = new AccountStatusRule.Facts("A", null, null, null, null,
					type.clawsBackEverything() ? v : null, type.clawsBackEverything() ? null : v, null);
			assertThat(AccountStatusRule.decide(facts, RISK, D).status()).as(type.name())
				.isEqualTo(type == ViolationType.CONTENT_VIOLATION ? AccountStatus.ACTIVE : AccountStatus.REVOKED);
		}
		assertThat(ViolationType.UNOFFICIAL_CLIENT.clause()).isEqualTo("§5.2.7");
		assertThat(ViolationType.OTHER_FRAUD.clause()).isEqualTo("§5.2.7");
	}

	@Test
	void aStatusWithoutTriggerEndsWithItsReason() {
		Standing current = new Standing(AccountStatus.DISQUALIFIED, "store S is closed", "§5.2.5", "STORE_CLOSED", null,
				null);
		Standing lifted = decide(store("0.1", 1, "OPEN"), null, null, current);
		assertThat(lifted.status()).isEqualTo(AccountStatus.ACTIVE);
		assertThat(lifted.triggerCode()).isEqualTo("DISQUALIFIED_ENDED");
		assertThat(lifted.clause()).isEqualTo("§5.2.5");
	}

	private static String[] store(String refundRate, int complaints, String status) {
		return new String[] { refundRate, Integer.toString(complaints), status };
	}

	private static Standing decide(String[] store, AccountStatusRule.Violation revoking,
			AccountStatusRule.Violation content, Standing current) {
		return AccountStatusRule.decide(new AccountStatusRule.Facts("A", "S", store[2], new BigDecimal(store[0]),
				Integer.parseInt(store[1]), revoking, content, current), RISK, D);
	}

}
