package com.livecommerce.incentive.risk;

import java.util.ArrayList;
import java.util.List;

/**
 * Every trigger code the risk rules record (account_status.trigger_code,
 * coupon_clawback.trigger_code): the violation types, and those of the store's figures and status
 * and of a status that ends. The rules write these constants; the start-up check of the message
 * texts and the code table's test read {@link #all}.
 */
public final class Triggers {

	public static final String STORE_CLOSED = "STORE_CLOSED";

	public static final String REFUND_RATE = "REFUND_RATE";

	public static final String COMPLAINTS = "COMPLAINTS";

	public static final String REFUND_RATE_AND_COMPLAINTS = "REFUND_RATE_AND_COMPLAINTS";

	/** The statuses that end by themselves, each with a trigger {@code <STATUS>_ENDED}. */
	private static final List<AccountStatus> ENDING = List.of(AccountStatus.RESTRICTED, AccountStatus.SUSPENDED,
			AccountStatus.DISQUALIFIED);

	private Triggers() {
	}

	/** The trigger of a status that ended, e.g. SUSPENDED_ENDED. */
	public static String ended(AccountStatus status) {
		return status.name() + "_ENDED";
	}

	public static List<String> all() {
		List<String> all = new ArrayList<>();
		for (ViolationType type : ViolationType.values()) {
			all.add(type.name());
		}
		all.addAll(List.of(STORE_CLOSED, REFUND_RATE, COMPLAINTS, REFUND_RATE_AND_COMPLAINTS));
		ENDING.forEach(s -> all.add(ended(s)));
		return List.copyOf(all);
	}

}
