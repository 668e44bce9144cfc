package com.livecommerce.incentive.notification;

import com.livecommerce.incentive.common.AtomicFiles;
import com.livecommerce.incentive.common.Sha256;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Publishes a batch: writes its messages from the table to
 * {@code <out>/<folder>/notifications-<batch_id>.jsonl} (one JSON object a line, the table's
 * fields, in a fixed order), then records the batch row. The file is written to a temporary name
 * and moved into place, and always rebuilt from the table, so a run killed at any point and
 * restarted ends with the same bytes; the batch row appears last, when everything is there.
 */
public final class BatchFile {

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
					new java.io.OutputStreamWriter(new DigestOutputStream(file, digest), StandardCharsets.UTF_8))) {
				this.streamingJdbc.query("""
						SELECT notification_id, batch_id, dedupe_key, type, account_id, brand_id, business_date, title, body,
						  payload FROM notification WHERE batch_id = ?
						ORDER BY FIELD(type, 'SESSION_REWARD', 'ACCOUNT_STATUS', 'CLAWBACK', 'MONTHLY_STATEMENT'), dedupe_key""",
						rs -> {
							Map<String, Object> line = Json.object();
							line.put("notification_id", rs.getString(1));
							line.put("batch_id", rs.getString(2));
							line.put("dedupe_key", rs.getString(3));
							line.put("type", rs.getString(4));
							line.put("account_id", rs.getString(5));
							line.put("brand_id", rs.getString(6));
							line.put("business_date", rs.getString(7));
							line.put("title", rs.getString(8));
							line.put("body", rs.getString(9));
							// the stored payload is this mapper's own compact JSON (Composer): written as it is, not parsed again
							line.put("payload", new tools.jackson.databind.util.RawValue(rs.getString(10)));
							try {
								writer.write(Json.write(line));
								writer.write('\n');
							}
							catch (IOException ex) {
								throw new UncheckedIOException(ex);
							}
							count[0]++;
						}, batchId);
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
