package com.livecommerce.incentive.common;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Business dates, months and day boundaries are Asia/Shanghai (SPEC §1). */
public final class BusinessTime {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	/**
	 * The dates the system accepts anywhere (extracts, policy files, command lines): the tables
	 * could hold more, but a date outside these is a typo or garbage, never business.
	 */
	public static final LocalDate EARLIEST_DATE = LocalDate.of(2000, 1, 1);

	public static final LocalDate LATEST_DATE = LocalDate.of(2099, 12, 31);

	private BusinessTime() {
	}

	/** Today in Asia/Shanghai: no business date after it can be run (SPEC §5). */
	public static LocalDate today(Clock clock) {
		return LocalDate.now(clock.withZone(ZONE));
	}

	/** A timestamp from an extract, converted to Asia/Shanghai before any date is taken from it. */
	public static LocalDateTime toBusinessTime(OffsetDateTime timestamp) {
		return timestamp.atZoneSameInstant(ZONE).toLocalDateTime();
	}

	/** The default business date of the nightly job: yesterday in Asia/Shanghai. */
	public static LocalDate yesterday(Clock clock) {
		return today(clock).minusDays(1);
	}

}
