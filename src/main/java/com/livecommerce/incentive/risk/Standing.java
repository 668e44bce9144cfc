package com.livecommerce.incentive.risk;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An account's status on a business date, with what put it there: a readable reason, the policy
 * clause, and the trigger as a code (a violation type, STORE_CLOSED, REFUND_RATE …) for messages.
 */
public record Standing(AccountStatus status, String reason, String clause, String triggerCode, String violationId,
		LocalDate untilDate) {

	static final Standing ACTIVE = new Standing(AccountStatus.ACTIVE, "no trigger", "", "NONE", null, null);

	/** A change worth recording: another status, or another end of the suspension. */
	boolean differsFrom(Standing other) {
		return this.status != other.status || !Objects.equals(this.untilDate, other.untilDate);
	}

}
