package com.livecommerce.incentive.loadtest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Writes a large, valid inbox for one business date, deterministically (fixed seed): N sessions
 * (default 1,000,000) over accounts (N/5), brands (N/20), stores (3 per 4 accounts, some never
 * reported), store risk rows, benchmark events with their sessions, violations and cumulative
 * usage of earlier grants; and, for the benchmark to load as "stored by earlier runs", the
 * sessions of the days before (history.csv) and the grants the usage rows name (grants.csv).
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

	private final int historyDays;

	private final int historySessionsPerDay;

	private final LocalDate date;

	public InboxGenerator(LocalDate date, int sessions, int historyDays, int historySessionsPerDay) {
		this.date = date;
		this.sessions = sessions;
		this.accounts = Math.max(10, sessions / 5);
		this.brands = Math.max(5, sessions / 20);
		this.stores = Math.max(5, this.accounts * 3 / 4);
		this.historyDays = historyDays;
		this.historySessionsPerDay = historySessionsPerDay;
	}

	public record Written(Path inbox, Path history, Path grants, long historySessions, long grants_) {
	}

	public Written write(Path dir) throws IOException {
		Path day = Files.createDirectories(dir.resolve("inbox").resolve(this.date.toString()));
		SplittableRandom random = new SplittableRandom(20231129L);
		try (BufferedWriter out = writer(day.resolve("brands.csv"))) {
			out.write("brand_id,brand_name,industry,has_brand_badge,library_entry_date\n");
			for (int b = 0; b < this.brands; b++) {
				String entry = random.nextInt(10) < 3 ? this.date.minusDays(random.nextInt(60)).toString() : "";
				out.write("B" + b + ",Brand " + b + "," + INDUSTRIES[random.nextInt(INDUSTRIES.length)] + ","
						+ (random.nextInt(10) > 0) + "," + entry + "\n");
			}
		}
		try (BufferedWriter out = writer(day.resolve("accounts.csv"))) {
			out.write("account_id,brand_id,store_id,last_broadcast_ended_at,cold_start_used\n");
			for (int a = 0; a < this.accounts; a++) {
				int kind = random.nextInt(100);
				String last = kind < 3 ? "" : ISO.format(this.date.minusDays(kind < 8 ? 61 + random.nextInt(30)
						: 1 + random.nextInt(20)).atTime(20, random.nextInt(60)));
				String store = a % 50 == 0 ? "" : "S" + (a % this.stores);
				out.write("A" + a + ",B" + (a % this.brands) + "," + store + "," + last + "," + (random.nextInt(4) == 0)
						+ "\n");
			}
		}
		try (BufferedWriter out = writer(day.resolve("store_risk.csv"))) {
			out.write("store_id,store_status,refund_rate,complaint_count\n");
			for (int s = 0; s < this.stores; s++) {
				if (s % 20 == 19) {
					continue; // never reported: not known to be closed
				}
				int risk = random.nextInt(1000);
				out.write("S" + s + "," + (risk < 5 ? "CLOSED" : "OPEN") + ",0." + String.format("%02d",
						risk < 20 ? 30 + random.nextInt(50) : random.nextInt(25)) + "," + (risk == 999 ? 80 : random.nextInt(40))
						+ "\n");
			}
		}
		int events = Math.max(1, this.sessions / 200);
		try (BufferedWriter out = writer(day.resolve("broadcasts.csv"))) {
			out.write("session_id,account_id,started_at,ended_at,gmv_fen,order_count,viewer_count,watch_minutes,"
					+ "new_followers\n");
			for (int i = 0; i < this.sessions; i++) {
				int account = i < events ? i * 7 % this.accounts : random.nextInt(this.accounts);
				LocalDateTime start = i < events ? this.date.atTime(20, 15)
						: this.date.atTime(6 + random.nextInt(14), random.nextInt(60), random.nextInt(60));
				out.write(session("D" + i, account, start, start.plusMinutes(30 + random.nextInt(180)), gmv(random),
						random));
			}
		}
		try (BufferedWriter out = writer(day.resolve("benchmark_events.csv"))) {
			out.write("event_id,account_id,submitted_at,planned_start_at,target_gmv_fen,review_status\n");
			for (int e = 0; e < events; e++) {
				out.write("E" + e + ",A" + (e * 7 % this.accounts) + ","
						+ ISO.format(this.date.minusDays(14 + random.nextInt(20)).atTime(10, 0)) + ","
						+ ISO.format(this.date.atTime(20, 0)) + "," + (1_000_000 + random.nextInt(4_000_000)) + ","
						+ (random.nextInt(10) == 0 ? "PENDING" : "APPROVED") + "\n");
			}
		}
		try (BufferedWriter out = writer(day.resolve("violations.csv"))) {
			out.write("violation_id,account_id,type,occurred_at,session_id\n");
			for (int v = 0; v < Math.max(1, this.sessions / 500); v++) {
				String type = VIOLATIONS[random.nextInt(VIOLATIONS.length)];
				out.write("V" + v + ",A" + random.nextInt(this.accounts) + "," + type + ","
						+ ISO.format(this.date.atTime(1, 0)) + "," + "\n");
			}
		}
		Path history = dir.resolve("history.csv");
		long historySessions = 0;
		try (BufferedWriter out = writer(history)) {
			for (int d = this.historyDays; d >= 1; d--) {
				LocalDate day0 = this.date.minusDays(d);
				for (int i = 0; i < this.historySessionsPerDay; i++) {
					LocalDateTime start = day0.atTime(6 + random.nextInt(14), random.nextInt(60));
					out.write("H" + d + "-" + i + ",A" + random.nextInt(this.accounts) + "," + start + ","
							+ start.plusMinutes(60) + "," + start.plusMinutes(60).toLocalDate() + "," + gmv(random)
							+ "," + day0 + "\n");
					historySessions++;
				}
			}
		}
		int grants = Math.max(1, this.sessions / 10);
		Path grantsFile = dir.resolve("grants.csv");
		try (BufferedWriter out = writer(grantsFile); BufferedWriter usage = writer(day.resolve("coupon_usage.csv"))) {
			usage.write("grant_id,used_coupons,impressions,views,interactions\n");
			LocalDate grantDay = this.date.minusDays(1);
			for (int g = 0; g < grants; g++) {
				int account = random.nextInt(this.accounts);
				out.write("GR:P" + g + "," + grantDay + ",A" + account + ",B" + (account % this.brands) + ",P" + g + ","
						+ grantDay.atTime(12, 0) + "\n");
				usage.write("GR:P" + g + "," + random.nextInt(2) + "," + random.nextInt(10_000) + "," + random.nextInt(2_000)
						+ "," + random.nextInt(300) + "\n");
			}
		}
		Files.write(day.resolve("_SUCCESS"), new byte[0]);
		return new Written(dir.resolve("inbox"), history, grantsFile, historySessions, grants);
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
