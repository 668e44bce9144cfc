package com.livecommerce.incentive.notification;

import com.livecommerce.incentive.common.AtomicFiles;
import com.livecommerce.incentive.common.Sha256;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Publishes a batch: writes its messages from the table to
 * {@code <out>/<folder>/notifications-<batch_id>.jsonl} (one JSON object a line, the table's
 * fields, in a fixed order), then records the batch row. The file is written to a temporary name
 * and moved into place, and always rebuilt from the table, so a run killed at any point and
 * restarted ends with the same bytes; the batch row appears last, when everything is there.
 */
public final class BatchFile {

	/** A line's fields before its payload, in the order of the query's columns. */
	private static final String[] FIELDS = { "notification_id", "batch_id", "dedupe_key", "type", "account_id",
			"brand_id", "business_date", "title", "body" };

	/** The order of a batch file: by type in this order, then by dedupe key. */
	private static final List<String> TYPE_ORDER = List.of(Composer.SESSION_REWARD, Composer.ACCOUNT_STATUS,
			Composer.CLAWBACK, Composer.MONTHLY_STATEMENT);

	private final JdbcTemplate streamingJdbc;

	private final JdbcTemplate jdbc;

	public BatchFile(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.streamingJdbc = new JdbcTemplate(jdbc.getDataSource());
		this.streamingJdbc.setFetchSize(Integer.MIN_VALUE);
	}

	public static String fileName(String batchId) {
		return "notifications-" + batchId + ".jsonl";
	}

	/**
	 * @param out the out directory
	 * @param folder the folder under it: the business date, or the month for a monthly batch
	 * @param createdAt the batch's logical creation time (deterministic)
	 */
	public void publish(String batchId, String job, LocalDate businessDate, Path out, String folder,
			LocalDateTime createdAt) {
		Path target = com.livecommerce.incentive.common.RunPaths.under(out, folder).resolve(fileName(batchId));
		int[] count = { 0 };
		MessageDigest digest = Sha256.digest();
		AtomicFiles.write(target, "the notification batch file", file -> {
			try (BufferedWriter writer = new BufferedWriter(
					new java.io.OutputStreamWriter(new DigestOutputStream(file, digest), StandardCharsets.UTF_8));
					JsonGenerator lines = Json.LINES.createGenerator(ObjectWriteContext.empty(), writer)) {
				for (String type : TYPE_ORDER) {
					// one type at a time along the index (batch_id, type, dedupe_key): the server sorts
					// nothing (ordered by FIELD(type, ...) it sorted the whole batch, 1 GB at three million
					// sessions, in its temporary files)
					this.streamingJdbc.query("""
							SELECT notification_id, batch_id, dedupe_key, type, account_id, brand_id, business_date, title,
							  body, payload FROM notification FORCE INDEX (notification_batch_order)
							WHERE batch_id = ? AND type = ? ORDER BY dedupe_key""", rs -> {
						lines.writeStartObject();
						for (int column = 0; column < FIELDS.length; column++) {
							lines.writeStringProperty(FIELDS[column], rs.getString(column + 1));
						}
						// the stored payload is the mapper's own compact JSON (Composer): written as it is, not parsed again
						lines.writeName("payload");
						lines.writeRawValue(rs.getString(FIELDS.length + 1));
						lines.writeEndObject();
						count[0]++;
					}, batchId, type);
				}
				Integer stored = this.jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE batch_id = ?",
						Integer.class, batchId);
				if (stored == null || stored != count[0]) {
					throw new IllegalStateException("batch " + batchId + " has " + stored + " messages, " + count[0]
							+ " of them of the types " + TYPE_ORDER + ": the file would leave some out");
				}
				if (count[0] > 0) {
					lines.writeRaw('\n'); // the last line ends too
				}
			}
		});
		String sha256 = HexFormat.of().formatHex(digest.digest());
		this.jdbc.update("""
				INSERT INTO notification_batch (batch_id, job, business_date, message_count, file_path, file_sha256, created_at)
				SELECT * FROM (SELECT ? AS batch_id, ? AS job, ? AS business_date, ? AS message_count, ? AS file_path,
				  ? AS file_sha256, ? AS created_at) AS new
				ON DUPLICATE KEY UPDATE message_count = new.message_count, file_path = new.file_path,
				  file_sha256 = new.file_sha256""", batchId, job, businessDate, count[0],
				folder + "/" + fileName(batchId), sha256, createdAt);
	}

}
