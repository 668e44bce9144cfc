package com.livecommerce.incentive.allocation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the allocation ({@code incentive.allocation.*}).
 *
 * @param chunkSize accounts (derive-claims) or claims (allocate) per transaction
 */
@ConfigurationProperties("incentive.allocation")
public record AllocationProperties(Integer chunkSize) {

	public AllocationProperties {
		chunkSize = chunkSize == null ? 2000 : chunkSize;
	}

}
