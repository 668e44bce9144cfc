package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.common.BulkInsert;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The owner of eligibility_decision: for every account with sessions on a business date, what the
 * night decided and why, written by derive-claims beside the claims (idempotently, so a restarted
 * step writes the same rows). Data teams count "why not" from it; benchmark settlement matches
 * events only to sessions of accounts that take part.
 */
final class EligibilityDecisions {

	private static final BulkInsert INSERT = BulkInsert.keepingExisting("eligibility_decision",
			List.of("business_date", "account_id", "brand_id", "sessions", "policy_version", "has_brand_badge", "industry",
					"store_id", "store_status", "account_status", "takes_part", "reason", "cold_start", "growth",
					"growth_tier"),
			"business_date");

	private EligibilityDecisions() {
	}

	/** One account-day's decision. */
	record Decision(LocalDate businessDate, AccountDay day, AccountDayVerdict verdict) {

		Object[] values() {
			EligibilityRule.Facts f = this.day.facts();
			AccountDayVerdict v = this.verdict;
			return new Object[] { this.businessDate, this.day.accountId(), this.day.brandId(), this.day.sessions().size(),
					v.policy() == null ? null : v.policy().version(), f.hasBrandBadge(), f.industry(), f.storeId(),
					f.storeStatus(), f.accountStatus(), v.takesPart(), name(v.reason()),
					v.coldStart() == null ? null : name(v.coldStart().outcome()), name(v.growth()),
					v.growthClaim() == null ? null : v.growthClaim().tier().name() };
		}

		private static String name(Enum<?> value) {
			return value == null ? null : value.name();
		}

	}

	static void insert(JdbcTemplate jdbc, List<Decision> decisions) {
		INSERT.insert(jdbc, decisions.stream().map(Decision::values).toList());
	}

}
