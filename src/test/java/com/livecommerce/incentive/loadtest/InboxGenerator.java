package com.livecommerce.incentive.loadtest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes large, valid inboxes for consecutive business dates, deterministically (fixed seeds): N
 * sessions a day over accounts (N/5), brands (N/20), stores (3 per 4 accounts, some never
 * reported), store risk rows, benchmark events with their sessions, violations and cumulative
 * usage of earlier grants; and, for the benchmark to load as "stored by earlier runs", the
 * sessions of the days before the first night ({@link #history}) and the grants the usage rows
 * name ({@link #grants}).
 *
 * <p>The nights: the night before the measured date (it gives the measured night a previous
 * night's state: store figures, statuses, pools, snapshots), the measured date itself, a quiet
 * day (the same store figures as the night before), and optionally the day after, on which
 * {@code storeChangePercent} % of the stores change their risk state (open ↔ closed, or over ↔
 * under the refund and complaint thresholds), with the status changes, clawbacks and messages
 * that follow.
 */
public final class InboxGenerator {

	private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+08:00'");

	private static final String[] INDUSTRIES = { "BEAUTY", "APPAREL", "FOOD", "HOME", "DIGITAL", "MOTHER_BABY", "PETS" };

	private static final String[] VIOLATIONS = { "COUNTERFEIT", "CONTENT_VIOLATION", "FAKE_FOLLOWERS", "EMULATOR",
			"PLUGIN", "MULTI_ACCOUNT", "DEVICE_TAMPERING", "MALICIOUS_PROFITEERING", "COUPON_TRADING", "OVER_PROMISING" };

	private final int sessions;

	private final int accounts;

	private final int brands;

	private final int stores;

	private final int events;

	private final int grants;

	private final int historyDays;

	private final int historySessionsPerDay;

	private final LocalDate date;

	private final int storeChangePercent;

	/**
	 * @param date the measured business date D (the night before is D − 1)
	 * @param storeChangePercent share of stores whose risk state changes on D + 1; 0: no such night
	 */
	public InboxGenerator(LocalDate date, int sessions, int historyDays, int historySessionsPerDay,
			int storeChangePercent) {
		this.date = date;
		this.sessions = sessions;
		this.accounts = Math.max(10, sessions / 5);
		this.brands = Math.max(5, sessions / 20);
		this.stores = Math.max(5, this.accounts * 3 / 4);
		this.events = Math.max(1, sessions / 200);
		this.grants = Math.max(1, sessions / 10);
		this.historyDays = historyDays;
		this.historySessionsPerDay = historySessionsPerDay;
		this.storeChangePercent = storeChangePercent;
	}

	/** A night the benchmark runs, and whether it is measured. */
	public record Night(LocalDate date, String label, boolean measured) {
	}

	/** The nights, in order: the night before (not measured), the quiet day, the day of store changes. */
	public List<Night> nights() {
		List<Night> nights = new ArrayList<>();
		nights.add(new Night(this.date.minusDays(1), "the night before", false));
		nights.add(new Night(this.date, "quiet day", true));
		if (this.storeChangePercent > 0) {
			nights.add(new Night(this.date.plusDays(1), this.storeChangePercent + " % of stores change risk state", true));
		}
		return nights;
	}

	/** The first history day (the earliest date whose sessions the benchmark loads as stored). */
	public LocalDate firstHistoryDay() {
		return this.date.minusDays(1L + this.historyDays);
	}

	/**
	 * The day the loaded earlier grants were made on: the last day of the month before the night
	 * before, so that they come from pools no measured night checks (they are loaded, not allocated).
	 */
	public LocalDate grantDay() {
		return this.date.minusDays(1).withDayOfMonth(1).minusDays(1);
	}

	/** Writes every night's inbox under {@code dir/inbox}; returns the inbox. */
	public Path writeInboxes(Path dir) throws IOException {
		Path inbox = dir.resolve("inbox");
		for (int n = 0; n < nights().size(); n++) {
			writeNight(inbox, nights().get(n).date(), n);
		}
		return inbox;
	}

	private void writeNight(Path inbox, LocalDate day, int night) throws IOException {
		Path folder = Files.createDirectories(inbox.resolve(day.toString()));
		SplittableRandom random = new SplittableRandom(20231129L);
		// snapshots: the same every night (drawn from the same seed), apart from the store changes
		try (BufferedWriter out = writer(folder.resolve("brands.csv"))) {
			out.write("brand_id,brand_name,industry,has_brand_badge,library_entry_date\n");
			for (int b = 0; b < this.brands; b++) {
				String entry = random.nextInt(10) < 3 ? this.date.minusDays(random.nextInt(60)).toString() : "";
				out.write("B" + b + ",Brand " + b + "," + INDUSTRIES[random.nextInt(INDUSTRIES.length)] + ","
						+ (random.nextInt(10) > 0) + "," + entry + "\n");
			}
		}
		try (BufferedWriter out = writer(folder.resolve("accounts.csv"))) {
			out.write("account_id,brand_id,store_id,last_broadcast_ended_at,cold_start_used\n");
			for (int a = 0; a < this.accounts; a++) {
				int kind = random.nextInt(100);
				String last = kind < 3 ? "" : ISO.format(firstHistoryDay().minusDays(kind < 8 ? 61 + random.nextInt(30)
						: 1 + random.nextInt(20)).atTime(20, random.nextInt(60)));
				String store = a % 50 == 0 ? "" : "S" + (a % this.stores);
				out.write("A" + a + ",B" + (a % this.brands) + "," + store + "," + last + "," + (random.nextInt(4) == 0)
						+ "\n");
			}
		}
		boolean changeDay = this.storeChangePercent > 0 && day.equals(this.date.plusDays(1));
		SplittableRandom changes = new SplittableRandom(day.toEpochDay());
		try (BufferedWriter out = writer(folder.resolve("store_risk.csv"))) {
			out.write("store_id,store_status,refund_rate,complaint_count\n");
			for (int s = 0; s < this.stores; s++) {
				if (s % 20 == 19) {
					continue; // never reported: not known to be closed
				}
				int risk = random.nextInt(1000);
				String status = risk < 5 ? "CLOSED" : "OPEN";
				int refundPercent = risk < 20 ? 30 + random.nextInt(50) : random.nextInt(25);
				int complaints = risk == 999 ? 80 : random.nextInt(40);
				if (changeDay && changes.nextInt(100) < this.storeChangePercent) {
					boolean atRisk = status.equals("CLOSED") || refundPercent >= 30 || complaints >= 50;
					if (atRisk) { // back to an open store under both thresholds
						status = "OPEN";
						refundPercent = changes.nextInt(25);
						complaints = changes.nextInt(40);
					}
					else {
						switch (changes.nextInt(3)) {
							case 0 -> status = "CLOSED";
							case 1 -> refundPercent = 30 + changes.nextInt(50);
							default -> complaints = 50 + changes.nextInt(50);
						}
					}
				}
				out.write("S" + s + "," + status + ",0." + String.format("%02d", refundPercent) + "," + complaints + "\n");
			}
		}
		SplittableRandom daily = new SplittableRandom(day.toEpochDay() * 31 + 7);
		String prefix = "S" + day.toString().replace("-", "") + "-";
		try (BufferedWriter out = writer(folder.resolve("broadcasts.csv"))) {
			out.write("session_id,account_id,started_at,ended_at,gmv_fen,order_count,viewer_count,watch_minutes,"
					+ "new_followers\n");
			for (int i = 0; i < this.sessions; i++) {
				boolean event = i < this.events && day.equals(this.date);
				int account = event ? i * 7 % this.accounts : daily.nextInt(this.accounts);
				LocalDateTime start = event ? day.atTime(20, 15)
						: day.atTime(6 + daily.nextInt(14), daily.nextInt(60), daily.nextInt(60));
				out.write(session(prefix + i, account, start, start.plusMinutes(30 + daily.nextInt(180)), gmv(daily),
						daily));
			}
		}
		// benchmark events: a full snapshot, the same every night, all planned on the measured date
		SplittableRandom filed = new SplittableRandom(17);
		try (BufferedWriter out = writer(folder.resolve("benchmark_events.csv"))) {
			out.write("event_id,account_id,submitted_at,planned_start_at,target_gmv_fen,review_status\n");
			for (int e = 0; e < this.events; e++) {
				out.write("E" + e + ",A" + (e * 7 % this.accounts) + ","
						+ ISO.format(this.date.minusDays(14 + filed.nextInt(20)).atTime(10, 0)) + ","
						+ ISO.format(this.date.atTime(20, 0)) + "," + (1_000_000 + filed.nextInt(4_000_000)) + ","
						+ (filed.nextInt(10) == 0 ? "PENDING" : "APPROVED") + "\n");
			}
		}
		try (BufferedWriter out = writer(folder.resolve("violations.csv"))) {
			out.write("violation_id,account_id,type,occurred_at,session_id\n");
			for (int v = 0; v < Math.max(1, this.sessions / 500); v++) {
				String type = VIOLATIONS[daily.nextInt(VIOLATIONS.length)];
				out.write("V" + day.toString().replace("-", "") + "-" + v + ",A" + daily.nextInt(this.accounts) + ","
						+ type + "," + ISO.format(day.atTime(1, 0)) + "," + "\n");
			}
		}
		// cumulative usage of the loaded earlier grants: each night a little more than the night before
		SplittableRandom usage = new SplittableRandom(5);
		try (BufferedWriter out = writer(folder.resolve("coupon_usage.csv"))) {
			out.write("grant_id,used_coupons,impressions,views,interactions\n");
			for (int g = 0; g < this.grants; g++) {
				int used = Math.min(2, usage.nextInt(2) + (usage.nextInt(4) < night ? 1 : 0));
				out.write("GR:P" + g + "," + used + "," + (usage.nextInt(10_000) + 500 * night) + ","
						+ (usage.nextInt(2_000) + 100 * night) + "," + (usage.nextInt(300) + 10 * night) + "\n");
			}
		}
		Files.write(folder.resolve("_SUCCESS"), new byte[0]);
	}

	/** A session stored by an earlier run, as the benchmark loads it. */
	public record StoredSession(String sessionId, String accountId, LocalDateTime startedAt, LocalDateTime endedAt,
			long gmvFen, LocalDate businessDate) {
	}

	/** Receives generated rows one at a time. */
	public interface Sink<T> {

		void accept(T row) throws IOException;

	}

	/** The sessions of one history day, stored by that day's run (business date = end date). */
	public void history(LocalDate day, Sink<StoredSession> sink) throws IOException {
		SplittableRandom random = new SplittableRandom(day.toEpochDay());
		for (int i = 0; i < this.historySessionsPerDay; i++) {
			LocalDateTime start = day.atTime(6 + random.nextInt(14), random.nextInt(60));
			sink.accept(new StoredSession("H" + day.toString().replace("-", "") + "-" + i, "A" + random.nextInt(this.accounts),
					start, start.plusMinutes(60), gmv(random), day));
		}
	}

	/** A grant made before the first night, which the usage rows name. */
	public record EarlierGrant(String grantId, String accountId, String brandId, String sessionId, LocalDateTime claimedAt) {
	}

	/** The earlier grants (of {@link #grantDay}). */
	public void grants(Sink<EarlierGrant> sink) throws IOException {
		SplittableRandom random = new SplittableRandom(11);
		for (int g = 0; g < this.grants; g++) {
			int account = random.nextInt(this.accounts);
			sink.accept(new EarlierGrant("GR:P" + g, "A" + account, "B" + (account % this.brands), "P" + g,
					grantDay().atTime(12, 0)));
		}
	}

	public int historyDays() {
		return this.historyDays;
	}

	private static long gmv(SplittableRandom random) {
		int bucket = random.nextInt(100);
		return bucket < 30 ? random.nextInt(100_000) : bucket < 80 ? 100_000 + random.nextInt(900_000)
				: bucket < 97 ? 1_000_000 + random.nextInt(4_000_000) : 5_000_000 + random.nextInt(10_000_000);
	}

	private String session(String id, int account, LocalDateTime start, LocalDateTime end, long gmv,
			SplittableRandom random) {
		int orders = (int) (gmv / 9_000);
		return id + ",A" + account + "," + ISO.format(start) + "," + ISO.format(end) + "," + gmv + "," + orders + ","
				+ (orders * 10 + random.nextInt(200)) + "," + random.nextInt(50_000) + "," + random.nextInt(100) + "\n";
	}

	private static BufferedWriter writer(Path file) throws IOException {
		return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
	}

}
