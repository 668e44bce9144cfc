package com.livecommerce.incentive.risk;

import java.time.LocalDate;
import java.util.Objects;

/** An account's status on a business date, with the reason and clause that put it there. */
public record Standing(AccountStatus status, String reason, String clause, LocalDate untilDate) {

	static final Standing ACTIVE = new Standing(AccountStatus.ACTIVE, "no trigger", "", null);

	/** A change worth recording: another status, or another end of the suspension. */
	boolean differsFrom(Standing other) {
		return this.status != other.status || !Objects.equals(this.untilDate, other.untilDate);
	}

}
