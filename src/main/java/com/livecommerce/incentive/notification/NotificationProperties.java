package com.livecommerce.incentive.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the notification steps ({@code incentive.notification.*}).
 *
 * @param chunkSize messages per transaction
 */
@ConfigurationProperties("incentive.notification")
public record NotificationProperties(Integer chunkSize) {

	public NotificationProperties {
		chunkSize = chunkSize == null ? 1000 : chunkSize;
	}

}
