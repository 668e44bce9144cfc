package com.livecommerce.incentive.notification;

import java.time.LocalDate;

/** One private message, as the notification table and the batch file hold it. */
public record Message(String notificationId, String batchId, String dedupeKey, String type, String accountId,
		String brandId, LocalDate businessDate, String title, String body, String payloadJson) {

	public static Message of(String batchId, String dedupeKey, String type, String accountId, String brandId,
			LocalDate businessDate, String title, String body, String payloadJson) {
		return new Message("N:" + dedupeKey, batchId, dedupeKey, type, accountId, brandId, businessDate, title, body,
				payloadJson);
	}

}
