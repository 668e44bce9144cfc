package com.livecommerce.incentive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The *_history tables are exact (SPEC §4): after the five example days, the state each history
 * table gives for any of those dates is exactly what the snapshot table held when that date's run
 * ended (ids dropped from a day's file included, with their last known values).
 */
class SnapshotHistoryTest {

	/** Snapshot table → (history table, the id and value columns both have). */
	private static final Map<String, String[]> TABLES = new LinkedHashMap<>();

	static {
		TABLES.put("brand", new String[] { "brand_history",
				"brand_id, brand_name, industry, has_brand_badge, library_entry_date" });
		TABLES.put("account", new String[] { "account_history",
				"account_id, brand_id, store_id, last_broadcast_ended_at, cold_start_used" });
		TABLES.put("store_risk", new String[] { "store_risk_history",
				"store_id, store_status, refund_rate, complaint_count" });
		TABLES.put("benchmark_event", new String[] { "benchmark_event_history",
				"event_id, account_id, submitted_at, planned_start_at, target_gmv_fen, review_status" });
	}

	@TempDir
	Path temp;

	@Test
	void theStateOfEveryPastDateReadsBackFromTheHistoryTables() {
		try (TestDatabase db = TestDatabase.create()) {
			Map<LocalDate, Map<String, List<String>>> afterEachRun = new LinkedHashMap<>();
			for (LocalDate day = LocalDate.of(2023, 11, 29); !day.isAfter(LocalDate.of(2023, 12, 3)); day = day.plusDays(1)) {
				Cli.Result result = new Cli(db).run("nightly", "--date", day.toString(), "--inbox", "jobs/examples/inbox",
						"--out", this.temp.toString(), "--policy", "jobs/examples/policy");
				assertThat(result.exitCode()).as(result.toString()).isZero();
				Map<String, List<String>> tables = new LinkedHashMap<>();
				TABLES.forEach((table, history) -> tables.put(table, rows(db, "SELECT " + history[1] + " FROM " + table)));
				afterEachRun.put(day, tables);
			}
			assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM account_history WHERE valid_to IS NOT NULL",
					Integer.class)).as("values changed over the days").isPositive();
			afterEachRun.forEach((day, tables) -> TABLES.forEach((table, history) -> assertThat(rows(db, "SELECT "
					+ history[1] + " FROM " + history[0] + " WHERE valid_from <= '" + day + "' AND (valid_to IS NULL OR valid_to >= '"
					+ day + "')"))
				.as("%s on %s", history[0], day)
				.isEqualTo(tables.get(table))));
		}
	}

	/** Every row, all columns as text, sorted. */
	private static List<String> rows(TestDatabase db, String sql) {
		return db.jdbc().query(sql, (rs, i) -> {
			StringBuilder row = new StringBuilder();
			for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
				row.append(c > 1 ? " | " : "").append(rs.getString(c));
			}
			return row.toString();
		}).stream().sorted().toList();
	}

}
