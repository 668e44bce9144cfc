package com.livecommerce.incentive.common;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Work side by side ({@code incentive.parallel.*}).
 *
 * @param parts parts of a partitioned step (derive-claims, notify-session-rewards; see
 * {@link HashPartitions}): as many as the cores the database and the job share, two by default.
 * The outputs do not depend on it; a restarted run keeps its first attempt's parts.
 */
@ConfigurationProperties("incentive.parallel")
public record ParallelProperties(Integer parts) {

	public ParallelProperties {
		parts = parts == null ? 2 : Math.max(1, Math.min(16, parts));
	}

}
