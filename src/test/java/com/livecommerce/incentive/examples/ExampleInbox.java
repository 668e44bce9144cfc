package com.livecommerce.incentive.examples;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Generates jobs/examples/inbox: five business dates from 2023-11-29 with a few hundred
 * sessions a day, deterministic (fixed seed). Hand-placed scenario accounts make every rule of
 * SPEC §2 fire somewhere; filler accounts make the volume. Each scenario is described where it
 * is placed; the README of the inbox summarises them.
 *
 * <p>Regenerate with {@code mvn test -Dtest=ExampleInboxTest -Dexample.regenerate=true}; the
 * test otherwise fails when the committed files differ from what this class writes.
 */
public final class ExampleInbox {

	public static final LocalDate FIRST_DAY = LocalDate.of(2023, 11, 29);

	public static final int DAYS = 5;

	private static final ZoneOffset CST = ZoneOffset.ofHours(8);

	private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

	private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

	/** Missing from accounts.csv from day 3 on, the day its COUNTERFEIT violation arrives. */
	private static final String DROPPED = "ACC-V-COUNTERFEIT";

	private final Random random = new Random(20231129L);

	private final List<Brand> brands = new ArrayList<>();

	private final Map<String, Account> accounts = new LinkedHashMap<>();

	private final List<Store> stores = new ArrayList<>();

	private final List<Event> events = new ArrayList<>();

	private final Map<LocalDate, List<String[]>> sessions = new LinkedHashMap<>();

	private final Map<LocalDate, List<String[]>> violations = new LinkedHashMap<>();

	private final Map<LocalDate, List<String[]>> badSessionRows = new LinkedHashMap<>();

	record Brand(String id, String name, String industry, boolean badge, LocalDate libraryEntry) {
	}

	record Account(String id, String brandId, String storeId, LocalDateTime lastBroadcast, boolean coldStartUsed,
			long typicalGmvFen, int sessionsPerDay) {
	}

	/** refundRate/complaints/status per day index (0..4); null = absent from that day's file. */
	record Store(String id, String[] status, String[] refundRate, int[] complaints) {
	}

	record Event(String id, String accountId, LocalDateTime submittedAt, LocalDateTime plannedStart, long targetGmvFen,
			String[] reviewStatusByDay) {
	}

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args.length > 0 ? args[0] : "jobs/examples/inbox");
		new ExampleInbox().writeTo(dir);
		System.out.println("example inbox written to " + dir);
	}

	public void writeTo(Path inbox) throws IOException {
		build();
		for (int day = 0; day < DAYS; day++) {
			LocalDate date = FIRST_DAY.plusDays(day);
			Path dir = inbox.resolve(date.toString());
			Files.createDirectories(dir);
			writeBrands(dir.resolve("brands.csv"), day);
			writeAccounts(dir.resolve("accounts.csv"), day);
			writeStoreRisk(dir.resolve("store_risk.csv"), day);
			writeSessions(dir.resolve("broadcasts.csv"), date);
			writeViolations(dir.resolve("violations.csv"), date);
			writeEvents(dir.resolve("benchmark_events.csv"), date, day);
			if (day > 0) {
				writeUsage(dir.resolve("coupon_usage.csv"), day);
			}
			Files.write(dir.resolve("_SUCCESS"), new byte[0]);
		}
	}

	// ---------------------------------------------------------------- the scenario

	private void build() {
		// Brands: the six industries of the policy, one outside it, one without the badge.
		brand("BR-BEAUTY-NEW", "Lumière Beauty", "BEAUTY", true, LocalDate.of(2023, 11, 15)); // cold-start window open
		brand("BR-APPAREL", "North Thread, Apparel", "APPAREL", true, LocalDate.of(2023, 6, 1)); // window long closed
		brand("BR-FOOD", "山野食品", "FOOD", true, LocalDate.of(2023, 10, 30)); // window ends 11-29
		brand("BR-HOME", "Casa & Co", "HOME", true, LocalDate.of(2023, 9, 1));
		brand("BR-DIGITAL", "Voltix Digital", "DIGITAL", true, LocalDate.of(2023, 11, 1));
		brand("BR-BABY", "Little Sprout", "MOTHER_BABY", true, null); // never in the library: no cold start
		brand("BR-PETS", "Paw Pals", "PETS", true, LocalDate.of(2023, 11, 20)); // industry not in the policy
		brand("BR-NOBADGE", "Plain Goods", "HOME", false, LocalDate.of(2023, 11, 20)); // no brand badge
		brand("BR-GROW", "Everrise Cosmetics", "BEAUTY", true, LocalDate.of(2023, 3, 1));

		LocalDateTime recent = LocalDateTime.of(2023, 11, 25, 21, 0);
		// Cold start (a): first broadcast inside the window (library entry 11-15 + 30 days).
		account("ACC-FIRST-1", "BR-BEAUTY-NEW", null, false, 800_000, 1);
		account("ACC-FIRST-2", "BR-BEAUTY-NEW", null, false, 600_000, 1);
		account("ACC-FIRST-3", "BR-DIGITAL", null, false, 900_000, 1);
		// First broadcast, but the brand's window closed long ago / ends on the first day.
		account("ACC-FIRST-LATE", "BR-APPAREL", null, false, 500_000, 1);
		account("ACC-FIRST-EDGE", "BR-FOOD", null, false, 500_000, 1); // entry 10-30 + 30 = 11-29: inside on day 1
		// Cold start (b): dormant, last broadcast 70 and exactly 60 days before; one already supported.
		account("ACC-DORMANT-70", "BR-HOME", LocalDateTime.of(2023, 9, 20, 20, 0), false, 700_000, 1);
		account("ACC-DORMANT-60", "BR-HOME", LocalDateTime.of(2023, 9, 30, 20, 0), false, 700_000, 1); // 60 × 24 h
		account("ACC-DORMANT-USED", "BR-HOME", LocalDateTime.of(2023, 9, 1, 20, 0), true, 700_000, 1);
		account("ACC-NOLIB", "BR-BABY", null, false, 400_000, 1);
		account("ACC-PETS", "BR-PETS", null, false, 400_000, 1);
		account("ACC-NOBADGE", "BR-NOBADGE", null, false, 400_000, 1);
		account("ACC-NOSTORE", "BR-DIGITAL", recent, false, 400_000, 1, null);
		// Growth: steady accounts that jump to G2 and G3 on later days.
		for (int i = 1; i <= 6; i++) {
			account("ACC-GROW-" + i, "BR-GROW", recent.minusDays(i), true, 2_000_000 + 300_000L * i, 1);
		}
		// Risk: a store that closes on day 3, one with a refund spike on days 2-3, one with complaints.
		account("ACC-CLOSED", "BR-APPAREL", recent, true, 1_500_000, 1);
		account("ACC-REFUND", "BR-APPAREL", recent, true, 1_500_000, 1);
		account("ACC-COMPLAINTS", "BR-HOME", recent, true, 1_500_000, 1);
		// One account per violation type (§5.2.3, §5.2.5, §5.2.6, §5.2.7).
		for (String type : List.of("COUNTERFEIT", "CONTENT_VIOLATION", "FAKE_FOLLOWERS", "UNOFFICIAL_CLIENT", "EMULATOR",
				"PLUGIN", "MULTI_ACCOUNT", "DEVICE_TAMPERING", "MALICIOUS_PROFITEERING", "OTHER_FRAUD", "COUPON_TRADING",
				"OVER_PROMISING")) {
			account("ACC-V-" + type.replace('_', '-'), "BR-DIGITAL", recent, true, 1_200_000, 1);
		}
		// Benchmark accounts.
		for (int i = 1; i <= 9; i++) {
			account("ACC-BENCH-" + i, "BR-BEAUTY-NEW", recent, true, 1_000_000, 0);
		}
		account("ACC-REDELIVER", "BR-FOOD", recent, true, 300_000, 0);
		// Filler: ordinary accounts of every brand, 1-4 sessions a day.
		String[] fillerBrands = { "BR-APPAREL", "BR-FOOD", "BR-HOME", "BR-DIGITAL", "BR-BABY", "BR-GROW",
				"BR-BEAUTY-NEW", "BR-PETS" };
		for (int i = 1; i <= 110; i++) {
			String brand = fillerBrands[i % fillerBrands.length];
			long gmv = 50_000L + this.random.nextInt(40) * 60_000L;
			account(String.format("ACC-%03d", i), brand, recent.minusDays(this.random.nextInt(20)),
					this.random.nextBoolean(), gmv, 1 + this.random.nextInt(4));
		}
		stores();
		events();
		for (int day = 0; day < DAYS; day++) {
			daySessions(day);
		}
		violationsAndBadRows();
	}

	private void stores() {
		for (Account a : this.accounts.values()) {
			if (a.storeId() == null) {
				continue;
			}
			String[] status = filled("OPEN");
			String[] refund = filled(String.format("0.%02d", 1 + this.random.nextInt(15)));
			int[] complaints = new int[DAYS];
			for (int d = 0; d < DAYS; d++) {
				complaints[d] = this.random.nextInt(20);
			}
			switch (a.id()) {
				case "ACC-CLOSED" -> {
					status[2] = "CLOSED";
					status[3] = "CLOSED";
					status[4] = "CLOSED";
				}
				case "ACC-REFUND" -> {
					refund[1] = "0.30"; // exactly the threshold: restricted
					refund[2] = "0.42";
					refund[3] = "0.12"; // recovered: restriction lifted
					refund[4] = null; // absent from the file: keeps 0.12
				}
				case "ACC-COMPLAINTS" -> {
					complaints[2] = 50; // exactly the threshold
					complaints[3] = 61;
					complaints[4] = 49;
				}
				default -> {
					// every store skips one day now and then: it keeps its last values
					if (this.random.nextInt(10) == 0) {
						status[1 + this.random.nextInt(DAYS - 1)] = null;
					}
				}
			}
			this.stores.add(new Store(a.storeId(), status, refund, complaints));
		}
	}

	private void events() {
		LocalDate d2 = FIRST_DAY.plusDays(1);
		LocalDate d3 = FIRST_DAY.plusDays(2);
		LocalDate d4 = FIRST_DAY.plusDays(3);
		// id, account, lead days, planned start, review status by day, target
		event("EV-150", "ACC-BENCH-1", 20, d3.atTime(20, 0), "APPROVED", 10_000_000);
		event("EV-100", "ACC-BENCH-2", 14, d2.atTime(19, 0), "APPROVED", 10_000_000); // exactly 14 days ahead
		event("EV-50", "ACC-BENCH-3", 30, d4.atTime(21, 0), "APPROVED", 10_000_000);
		event("EV-49", "ACC-BENCH-4", 15, d3.atTime(18, 0), "APPROVED", 10_000_000); // no milestone reached
		event("EV-LATE", "ACC-BENCH-5", 13, d3.atTime(20, 0), "APPROVED", 10_000_000); // filed too late
		event("EV-PENDING", "ACC-BENCH-6", 16, d2.atTime(20, 0), "PENDING", 10_000_000);
		event("EV-REJECTED", "ACC-BENCH-7", 16, d4.atTime(20, 0), "REJECTED", 10_000_000);
		event("EV-NOSESSION", "ACC-BENCH-8", 21, d2.atTime(15, 0), "APPROVED", 10_000_000);
		Event later = event("EV-APPROVED-LATER", "ACC-BENCH-9", 18, d4.atTime(19, 30), "PENDING", 8_000_000);
		later.reviewStatusByDay()[2] = "APPROVED"; // approved in the day-3 snapshot, before its session is due
		later.reviewStatusByDay()[3] = "APPROVED";
		later.reviewStatusByDay()[4] = "APPROVED";
	}

	private void daySessions(int day) {
		LocalDate date = FIRST_DAY.plusDays(day);
		List<String[]> rows = new ArrayList<>();
		this.sessions.put(date, rows);
		int n = 0;
		for (Account a : this.accounts.values()) {
			int count = a.sessionsPerDay();
			if (a.id().startsWith("ACC-FIRST") || a.id().startsWith("ACC-DORMANT") || a.id().equals("ACC-NOLIB")
					|| a.id().equals("ACC-PETS") || a.id().equals("ACC-NOBADGE")) {
				// first/dormant accounts come back on day 1; ACC-FIRST-2 broadcasts twice that day
				count = day == 0 ? (a.id().equals("ACC-FIRST-2") ? 2 : 1) : (day == 3 ? 1 : 0);
			}
			for (int s = 0; s < count; s++) {
				long gmv = gmvOf(a, day, s);
				LocalDateTime start = date.atTime(9 + this.random.nextInt(10), this.random.nextInt(60));
				if (a.id().equals("ACC-FIRST-2") && s == 1) {
					start = date.atTime(21, 0); // its second session of the day: no second cold start
				}
				if (a.id().startsWith("ACC-DORMANT")) {
					start = date.atTime(20, 0); // ACC-DORMANT-60 starts exactly 60 × 24 h after its last broadcast
				}
				LocalDateTime end = start.plusMinutes(60 + this.random.nextInt(150));
				rows.add(session(sessionId(date, ++n), a.id(), start, end, gmv));
			}
		}
		// Benchmark sessions, placed relative to their event's planned start.
		for (Event e : this.events) {
			if (!e.plannedStart().toLocalDate().equals(date) || e.id().equals("EV-NOSESSION")) {
				continue;
			}
			long pct = switch (e.id()) {
				case "EV-150" -> 160;
				case "EV-100" -> 100;
				case "EV-50" -> 50;
				case "EV-49" -> 49;
				default -> 120;
			};
			LocalDateTime start = e.plannedStart().plusMinutes(e.id().equals("EV-150") ? 30 : -45);
			rows.add(session(sessionId(date, ++n), e.accountId(), start, start.plusHours(3),
					e.targetGmvFen() * pct / 100));
		}
		if (day == 1) {
			// EV-NOSESSION's account broadcasts, but 7 hours after the planned start: outside the window
			rows.add(session(sessionId(date, ++n), "ACC-BENCH-8", date.atTime(22, 0), date.atTime(23, 30), 2_000_000));
			// A session that ended at 00:30 Shanghai time, written in UTC (16:30Z the day before).
			OffsetDateTime startUtc = OffsetDateTime.of(date.minusDays(1).atTime(14, 0), ZoneOffset.UTC);
			rows.add(new String[] { sessionId(date, ++n), "ACC-REDELIVER", ISO.format(startUtc),
					ISO.format(startUtc.plusMinutes(150)), "350000", "12", "400", "3100", "9" });
			// A late arrival: it ended yesterday, delivered today (allowed up to 2 days).
			rows.add(session(sessionId(date, ++n), "ACC-REDELIVER", date.minusDays(1).atTime(20, 0),
					date.minusDays(1).atTime(21, 0), 420_000));
		}
		if (day == 0) {
			rows.add(session("S1129-REDELIVERED", "ACC-REDELIVER", date.atTime(10, 0), date.atTime(11, 0), 300_000));
		}
		if (day == 1) {
			// upstream sends day 1's session again: ignored and counted
			rows.add(session("S1129-REDELIVERED", "ACC-REDELIVER", date.minusDays(1).atTime(10, 0),
					date.minusDays(1).atTime(11, 0), 300_000));
		}
	}

	private long gmvOf(Account a, int day, int s) {
		if (a.id().startsWith("ACC-GROW-")) {
			int i = Integer.parseInt(a.id().substring("ACC-GROW-".length()));
			long base = a.typicalGmvFen();
			if (day == 2 && i <= 3) {
				return base * 3; // growth 2.0 and over 5,000,000: G3
			}
			if (day == 3 && i > 3) {
				return base * 13 / 10 + 1; // growth just over 0.2 over 1,000,000: G2
			}
			return base + 1000L * day;
		}
		long jitter = (long) (a.typicalGmvFen() * (0.6 + this.random.nextInt(80) / 100.0));
		return Math.max(0, jitter - jitter % 100) + s;
	}

	private void violationsAndBadRows() {
		LocalDate d2 = FIRST_DAY.plusDays(1);
		LocalDate d3 = FIRST_DAY.plusDays(2);
		LocalDate d4 = FIRST_DAY.plusDays(3);
		LocalDate d5 = FIRST_DAY.plusDays(4);
		String contentSession = this.sessions.get(d2)
			.stream()
			.filter(r -> r[1].equals("ACC-V-CONTENT-VIOLATION"))
			.findFirst()
			.orElseThrow()[0];
		// upstream drops the counterfeiter from accounts.csv the day its violation arrives: it still applies
		violation(d3, "V-0001", "ACC-V-COUNTERFEIT", "COUNTERFEIT", d3.atTime(8, 0), null);
		violation(d3, "V-0002", "ACC-V-CONTENT-VIOLATION", "CONTENT_VIOLATION", d3.atTime(9, 30), contentSession);
		violation(d2, "V-0003", "ACC-V-FAKE-FOLLOWERS", "FAKE_FOLLOWERS", d2.atTime(10, 0), null);
		violation(d2, "V-0004", "ACC-V-EMULATOR", "EMULATOR", d2.atTime(11, 0), null);
		violation(d4, "V-0005", "ACC-V-PLUGIN", "PLUGIN", d4.atTime(12, 0), null);
		violation(d4, "V-0006", "ACC-V-MULTI-ACCOUNT", "MULTI_ACCOUNT", d4.atTime(13, 0), null);
		violation(d4, "V-0007", "ACC-V-DEVICE-TAMPERING", "DEVICE_TAMPERING", d4.atTime(14, 0), null);
		violation(d5, "V-0008", "ACC-V-MALICIOUS-PROFITEERING", "MALICIOUS_PROFITEERING", d5.atTime(8, 0), null);
		violation(d5, "V-0009", "ACC-V-COUPON-TRADING", "COUPON_TRADING", d5.atTime(9, 0), null);
		violation(d5, "V-0010", "ACC-V-OVER-PROMISING", "OVER_PROMISING", d5.atTime(10, 0), null);
		violation(d3, "V-0012", "ACC-V-UNOFFICIAL-CLIENT", "UNOFFICIAL_CLIENT", d3.atTime(11, 0), null);
		violation(d4, "V-0013", "ACC-V-OTHER-FRAUD", "OTHER_FRAUD", d4.atTime(15, 0), null);
		// ACC-BENCH-2 used 4 of its 15 benchmark coupons (coupon_usage.csv), then traded coupons:
		// the 11 unused are clawed back, the 4 used are unrecoverable.
		violation(d4, "V-0011", "ACC-BENCH-2", "COUPON_TRADING", d4.atTime(9, 0), null);
		// Bad rows, a few a day, each with a different problem (all well under the 10-row limit).
		for (int day = 0; day < DAYS; day++) {
			LocalDate date = FIRST_DAY.plusDays(day);
			List<String[]> bad = new ArrayList<>();
			String t = date + "T20:00:00+08:00";
			String u = date + "T21:00:00+08:00";
			switch (day) {
				case 0 -> {
					bad.add(new String[] { "S-BAD-" + date + "-1", "ACC-001", t, u, "-100", "1", "1", "1", "1" });
					bad.add(new String[] { "S-BAD-" + date + "-2", "ACC-UNKNOWN", t, u, "100", "1", "1", "1", "1" });
				}
				case 1 -> {
					bad.add(new String[] { "S-BAD-" + date + "-1", "ACC-002", u, t, "100", "1", "1", "1", "1" });
					bad.add(new String[] { "S-BAD-" + date + "-2", "ACC-002", "yesterday evening", u, "100", "1",
							"1", "1", "1" });
				}
				case 2 -> {
					bad.add(new String[] { "S-BAD-" + date + "-1", "ACC-003", date.minusDays(3) + "T20:00:00+08:00",
							date.minusDays(3) + "T21:00:00+08:00", "100", "1", "1", "1", "1" }); // too late
					bad.add(new String[] { "S-BAD-" + date + "-2", "ACC-003", t, u, "", "1", "1", "1", "1" });
				}
				case 3 -> {
					bad.add(new String[] { "S-BAD-" + date + "-1", "ACC-004", t, date.plusDays(1) + "T01:00:00+08:00",
							"100", "1", "1", "1", "1" }); // ends after the business date
					bad.add(new String[] { "S-BAD-" + date + "-2", "ACC-004", t, u, "12.50", "1", "1", "1", "1" });
				}
				default -> {
					bad.add(new String[] { "S-BAD-" + date + "-1", "ACC-005", t, u, "100", "1", "1" }); // short row
				}
			}
			this.badSessionRows.put(date, bad);
		}
	}

	// ---------------------------------------------------------------- writing

	private void writeBrands(Path file, int day) throws IOException {
		try (CSVPrinter out = printer(file, "brand_id", "brand_name", "industry", "has_brand_badge",
				"library_entry_date")) {
			for (Brand b : this.brands) {
				out.printRecord(b.id(), b.name(), b.industry(), b.badge(), b.libraryEntry() == null ? "" : b.libraryEntry());
			}
		}
	}

	private void writeAccounts(Path file, int day) throws IOException {
		LocalDate date = FIRST_DAY.plusDays(day);
		try (CSVPrinter out = printer(file, "account_id", "brand_id", "store_id", "last_broadcast_ended_at",
				"cold_start_used")) {
			for (Account a : this.accounts.values()) {
				if (a.id().equals(DROPPED) && day >= 2) {
					continue; // banned accounts are the ones upstream drops
				}
				LocalDateTime last = lastBroadcastBefore(a, date);
				out.printRecord(a.id(), a.brandId(), a.storeId() == null ? "" : a.storeId(),
						last == null ? "" : ISO.format(last.atOffset(CST)), a.coldStartUsed());
			}
			if (day == 2) {
				out.printRecord("ACC-ORPHAN", "BR-GONE", "S-ORPHAN", "", "false"); // unknown brand: rejected
			}
		}
	}

	/** The end of the account's last session before {@code date}, as upstream would report it. */
	private LocalDateTime lastBroadcastBefore(Account a, LocalDate date) {
		LocalDateTime last = a.lastBroadcast();
		for (Map.Entry<LocalDate, List<String[]>> day : this.sessions.entrySet()) {
			if (!day.getKey().isBefore(date)) {
				break;
			}
			for (String[] row : day.getValue()) {
				if (row[1].equals(a.id())) {
					LocalDateTime end = OffsetDateTime.parse(row[3]).atZoneSameInstant(CST).toLocalDateTime();
					if (last == null || end.isAfter(last)) {
						last = end;
					}
				}
			}
		}
		return last;
	}

	private void writeStoreRisk(Path file, int day) throws IOException {
		try (CSVPrinter out = printer(file, "store_id", "store_status", "refund_rate", "complaint_count")) {
			for (Store s : this.stores) {
				if (s.status()[day] == null || s.refundRate()[day] == null) {
					continue;
				}
				out.printRecord(s.id(), s.status()[day], s.refundRate()[day], s.complaints()[day]);
			}
			if (day == 3) {
				out.printRecord("S-BROKEN", "OPEN", "1.5", "3"); // refund rate above 1: rejected
			}
		}
	}

	private void writeSessions(Path file, LocalDate date) throws IOException {
		try (CSVPrinter out = printer(file, "session_id", "account_id", "started_at", "ended_at", "gmv_fen",
				"order_count", "viewer_count", "watch_minutes", "new_followers")) {
			List<String[]> rows = new ArrayList<>(this.sessions.get(date));
			rows.addAll(this.badSessionRows.get(date));
			if (date.equals(FIRST_DAY.plusDays(3))) {
				rows.add(rows.get(0).clone()); // the same session id twice in one file: the second is rejected
			}
			for (String[] row : rows) {
				out.printRecord((Object[]) row);
			}
		}
	}

	private void writeViolations(Path file, LocalDate date) throws IOException {
		try (CSVPrinter out = printer(file, "violation_id", "account_id", "type", "occurred_at", "session_id")) {
			for (String[] row : this.violations.getOrDefault(date, List.of())) {
				out.printRecord((Object[]) row);
			}
			if (date.equals(FIRST_DAY)) {
				out.printRecord("V-BAD-1", "ACC-001", "JAYWALKING", date + "T10:00:00+08:00", ""); // unknown type
			}
		}
	}

	private void writeEvents(Path file, LocalDate date, int day) throws IOException {
		try (CSVPrinter out = printer(file, "event_id", "account_id", "submitted_at", "planned_start_at",
				"target_gmv_fen", "review_status")) {
			for (Event e : this.events) {
				if (e.submittedAt().toLocalDate().isAfter(date)) {
					continue;
				}
				out.printRecord(e.id(), e.accountId(), ISO.format(e.submittedAt().atOffset(CST)), ISO.format(e.plannedStart().atOffset(CST)),
						e.targetGmvFen(), e.reviewStatusByDay()[day]);
			}
			if (day == 4) {
				out.printRecord("EV-ZERO", "ACC-BENCH-1", "2023-11-01T10:00:00+08:00", "2023-12-20T20:00:00+08:00", "0",
						"APPROVED"); // a zero target: rejected
			}
		}
	}

	/**
	 * Cumulative coupon usage from day 2 on, for grants the first days certainly made (growth G1
	 * of a first-day session, cold start, the 100 % benchmark event), plus two bad rows.
	 */
	private void writeUsage(Path file, int day) throws IOException {
		try (CSVPrinter out = printer(file, "grant_id", "used_coupons", "impressions", "views", "interactions")) {
			// used before its FAKE_FOLLOWERS violation of day 2: nothing left to claw back, 1 unrecoverable
			out.printRecord("GR:" + firstSessionOf("ACC-V-FAKE-FOLLOWERS"), 1, 5200, 830, 61);
			out.printRecord("CS:" + firstSessionOf("ACC-FIRST-3"), day >= 2 ? 2 : 1, 9100 * day, 1400 * day, 90 * day);
			if (day >= 2) {
				out.printRecord("BM:EV-100", 4, 31000, 5200, 410);
			}
			if (day == 3) {
				out.printRecord("GR:" + firstSessionOf("ACC-FIRST-1"), 9, 100, 10, 1); // more than granted: capped, excess recorded
				out.printRecord("GR:NO-SUCH-SESSION", 1, 100, 10, 1); // unknown grant: rejected
			}
		}
	}

	private String firstSessionOf(String accountId) {
		return this.sessions.get(FIRST_DAY)
			.stream()
			.filter(r -> r[1].equals(accountId))
			.findFirst()
			.orElseThrow()[0];
	}

	// ---------------------------------------------------------------- helpers

	private void brand(String id, String name, String industry, boolean badge, LocalDate libraryEntry) {
		this.brands.add(new Brand(id, name, industry, badge, libraryEntry));
	}

	private void account(String id, String brandId, LocalDateTime last, boolean coldStartUsed, long gmv, int perDay) {
		account(id, brandId, last, coldStartUsed, gmv, perDay, "S-" + id.substring(4));
	}

	private void account(String id, String brandId, LocalDateTime last, boolean coldStartUsed, long gmv, int perDay,
			String storeId) {
		this.accounts.put(id, new Account(id, brandId, storeId, last, coldStartUsed, gmv, perDay));
	}

	private Event event(String id, String accountId, int leadDays, LocalDateTime plannedStart, String status,
			long target) {
		LocalDateTime submitted = plannedStart.toLocalDate().minusDays(leadDays).atTime(23, 50);
		Event e = new Event(id, accountId, submitted, plannedStart, target, filled(status));
		this.events.add(e);
		return e;
	}

	private void violation(LocalDate day, String id, String account, String type, LocalDateTime at, String session) {
		this.violations.computeIfAbsent(day, d -> new ArrayList<>())
			.add(new String[] { id, account, type, ISO.format(at.atOffset(CST)), session == null ? "" : session });
	}

	private String[] session(String id, String account, LocalDateTime start, LocalDateTime end, long gmv) {
		int orders = (int) (gmv / 9_000) + this.random.nextInt(5);
		int viewers = orders * 12 + this.random.nextInt(300);
		return new String[] { id, account, ISO.format(start.atOffset(CST)), ISO.format(end.atOffset(CST)),
				Long.toString(gmv), Integer.toString(orders), Integer.toString(viewers),
				Integer.toString(viewers * (3 + this.random.nextInt(20))), Integer.toString(this.random.nextInt(80)) };
	}

	private static String sessionId(LocalDate date, int n) {
		return "S" + date.format(DateTimeFormatter.ofPattern("MMdd")) + "-" + String.format("%04d", n);
	}

	private static String[] filled(String value) {
		String[] values = new String[DAYS];
		java.util.Arrays.fill(values, value);
		return values;
	}

	private static CSVPrinter printer(Path file, String... header) throws IOException {
		Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
		CSVPrinter printer = new CSVPrinter(writer, CSV);
		printer.printRecord((Object[]) header);
		return printer;
	}

}
