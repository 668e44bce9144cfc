package com.livecommerce.incentive.common;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Business dates, months and day boundaries are Asia/Shanghai (SPEC §1). */
public final class BusinessTime {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private BusinessTime() {
	}

	/** A timestamp from an extract, converted to Asia/Shanghai before any date is taken from it. */
	public static LocalDateTime toBusinessTime(OffsetDateTime timestamp) {
		return timestamp.atZoneSameInstant(ZONE).toLocalDateTime();
	}

	/** The default business date of the nightly job: yesterday in Asia/Shanghai. */
	public static LocalDate yesterday(Clock clock) {
		return LocalDate.now(clock.withZone(ZONE)).minusDays(1);
	}

}
