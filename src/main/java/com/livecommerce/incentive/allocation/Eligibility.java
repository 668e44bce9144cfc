package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.common.SqlLists;
import com.livecommerce.incentive.policy.Policy;
import java.util.List;

/**
 * Who takes part on a business date (SPEC §2.2): the account's brand has the brand badge and an
 * industry of the version in force, and the account is bound to a store that is not CLOSED (a
 * store never reported in store_risk.csv is not known to be closed). One SQL predicate, shared by
 * every query that picks sessions for claims; it expects the aliases {@code a} (account),
 * {@code b} (brand) and {@code r} (store_risk, left-joined).
 */
final class Eligibility {

	static final String JOINS = """
			JOIN account a ON a.account_id = s.account_id
			JOIN brand b ON b.brand_id = a.brand_id
			LEFT JOIN store_risk r ON r.store_id = a.store_id""";

	private Eligibility() {
	}

	/** The predicate, padded with spaces; bind {@link #parameters} in its place. */
	static String predicate(Policy policy) {
		return " b.has_brand_badge AND b.industry IN (" + SqlLists.placeholders(policy.industries().size())
				+ ") AND a.store_id IS NOT NULL AND (r.store_status IS NULL OR r.store_status <> 'CLOSED') ";
	}

	static List<Object> parameters(Policy policy) {
		return List.copyOf(policy.industries());
	}

}
