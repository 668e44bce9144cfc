package com.livecommerce.incentive.notification;

import com.livecommerce.incentive.common.BulkInsert;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts a chunk of messages. The dedupe key is unique in the table, and a message whose key is
 * there already is left as it is: a message once written is never written again, whatever batch
 * or attempt wrote it.
 */
class NotificationWriter implements ItemWriter<Message> {

	/** Idempotent: a message written before a restart stays as it was. */
	private static final BulkInsert INSERT = BulkInsert.keepingExisting("notification",
			List.of("notification_id", "batch_id", "dedupe_key", "type", "account_id", "brand_id", "business_date", "title",
					"body", "payload"),
			"notification_id");

	private final JdbcTemplate jdbc;

	NotificationWriter(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void write(Chunk<? extends Message> chunk) {
		List<Object[]> rows = chunk.getItems()
			.stream()
			.map(m -> new Object[] { m.notificationId(), m.batchId(), m.dedupeKey(), m.type(), m.accountId(), m.brandId(),
					m.businessDate(), m.title(), m.body(), m.payloadJson() })
			.toList();
		INSERT.insert(this.jdbc, rows);
	}

}
