package com.livecommerce.incentive.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes hand-made inboxes for tests. {@link #validDay} gives a small consistent day (two
 * brands, three accounts, their stores, a few sessions) that a test then changes file by file.
 */
public final class Inbox {

	public static final String BRANDS_HEADER = "brand_id,brand_name,industry,has_brand_badge,library_entry_date";

	public static final String ACCOUNTS_HEADER = "account_id,brand_id,store_id,last_broadcast_ended_at,cold_start_used";

	public static final String STORES_HEADER = "store_id,store_status,refund_rate,complaint_count";

	public static final String SESSIONS_HEADER = "session_id,account_id,started_at,ended_at,gmv_fen,order_count,"
			+ "viewer_count,watch_minutes,new_followers";

	public static final String VIOLATIONS_HEADER = "violation_id,account_id,type,occurred_at,session_id";

	public static final String EVENTS_HEADER = "event_id,account_id,submitted_at,planned_start_at,target_gmv_fen,"
			+ "review_status";

	public static final String USAGE_HEADER = "grant_id,used_coupons,impressions,views,interactions";

	private final Path root;

	public Inbox(Path root) {
		this.root = root;
	}

	public Path root() {
		return this.root;
	}

	public Path day(LocalDate date) {
		return this.root.resolve(date.toString());
	}

	/** A day every rule accepts: B1 (badge, BEAUTY) with A1, A2; B2 (FOOD) with A3. */
	public Inbox validDay(LocalDate date) {
		String d = date.toString();
		write(date, "brands.csv", BRANDS_HEADER, "B1,Brand One,BEAUTY,true,2023-11-01", "B2,\"Brand, Two\",FOOD,true,");
		write(date, "accounts.csv", ACCOUNTS_HEADER, "A1,B1,S1,,false", "A2,B1,S2,2023-11-01T20:00:00+08:00,true",
				"A3,B2,S3,,false");
		write(date, "store_risk.csv", STORES_HEADER, "S1,OPEN,0.05,1", "S2,OPEN,0.10,2", "S3,OPEN,0,0");
		write(date, "broadcasts.csv", SESSIONS_HEADER,
				"X" + d + "-1,A1," + d + "T19:00:00+08:00," + d + "T21:00:00+08:00,1500000,30,1000,5000,20",
				"X" + d + "-2,A2," + d + "T10:00:00+08:00," + d + "T12:00:00+08:00,200000,5,300,900,2",
				"X" + d + "-3,A3," + d + "T13:00:00+08:00," + d + "T15:30:00+08:00,50000,1,80,200,0");
		write(date, "violations.csv", VIOLATIONS_HEADER);
		write(date, "benchmark_events.csv", EVENTS_HEADER);
		success(date);
		return this;
	}

	public Inbox write(LocalDate date, String file, String header, String... rows) {
		StringBuilder text = new StringBuilder(header).append('\n');
		for (String row : rows) {
			text.append(row).append('\n');
		}
		return writeBytes(date, file, text.toString().getBytes(StandardCharsets.UTF_8));
	}

	public Inbox writeBytes(LocalDate date, String file, byte[] content) {
		try {
			Files.createDirectories(day(date));
			Files.write(day(date).resolve(file), content);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Inbox success(LocalDate date) {
		return writeBytes(date, "_SUCCESS", new byte[0]);
	}

	public Inbox delete(LocalDate date, String file) {
		try {
			Files.deleteIfExists(day(date).resolve(file));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
