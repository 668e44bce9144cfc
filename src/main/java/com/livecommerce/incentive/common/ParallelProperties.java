package com.livecommerce.incentive.common;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Work side by side ({@code incentive.parallel.*}).
 *
 * @param parts parts of a partitioned step (ingest-broadcasts, derive-claims, notify-session-rewards; see
 * {@link HashPartitions} and {@link KeyRanges}): as many as the cores the database and the job share, two by default,
 * at most {@value #MAX_PARTS}: each part holds up to three connections (derive-claims reads two
 * cursors; its writer has the transaction) while the other lane, the job repository and the run's
 * two locks use theirs, out of a pool of {@code spring.datasource.hikari.maximum-pool-size=18}. The
 * outputs do not depend on it; a restarted run keeps its first attempt's parts.
 */
@ConfigurationProperties("incentive.parallel")
public record ParallelProperties(Integer parts) {

	public static final int MAX_PARTS = 4;

	public ParallelProperties {
		if (parts != null && (parts < 1 || parts > MAX_PARTS)) {
			throw new IllegalArgumentException(
					"incentive.parallel.parts must be 1 to " + MAX_PARTS + ", not " + parts + " (see application.properties)");
		}
		parts = parts == null ? 2 : parts;
	}

}
